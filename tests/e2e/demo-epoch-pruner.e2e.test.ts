import { describe, it, expect } from 'vitest';
import { OUTPUT_DIR } from './demo-server';
import { useDemo, ready, runAndWait } from './demo-page';

/** Inside a trial, with tune()'s epoch pruner: an MLP search whose pruner judges every epoch cuts some fits mid-training,
 *  and such a trial's curve (refit on its budget) ends short; for a model without epochs the option is off. */
const session = useDemo();

describe('demo page: pruning on epochs', () => {
  for (const [label, size] of [['desktop', { width: 1366, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    it(`MLP, random search, median pruner on epochs: pruned trials are cut short (${label})`, { timeout: 150_000 }, async () => {
      const { page, consoleErrors } = await session().newPage(size);
      await ready(page);
      // A model without epochs cannot prune on them: the option is disabled and folds are used.
      await page.selectOption('#model', 'knn-classifier');
      await page.selectOption('#strategy', 'random');
      await page.selectOption('#pruner', 'median');
      expect(await page.locator('#pruner-resource option[value="epochs"]').isDisabled()).toBe(true);

      await page.selectOption('#model', 'mlp-classifier');
      await page.fill('#hp-hiddenLayerSizes', '[8], [16]');
      await page.fill('#hp-alpha', '1e-4, 1e-2');
      await page.fill('#hp-learningRateInit', '1e-4, 1e-3, 1e-2');
      await page.fill('#hp-maxIter', '20');
      await page.selectOption('#strategy', 'random');
      await page.fill('#trials', '12');
      await page.selectOption('#pruner', 'median');
      await page.fill('#pruner-startup', '3');
      await page.fill('#pruner-warmup', '3');
      await page.selectOption('#pruner-resource', 'epochs');
      await page.fill('#folds', '3');
      await expect.poll(() => page.locator('#plan').textContent()).toMatch(/after an epoch .* stops training there/);
      await runAndWait(page, 120_000);

      const pruned = page.locator('#trials-table tbody tr.pruned');
      expect(await pruned.count()).toBeGreaterThan(0);
      await pruned.first().locator('button.curve').click();
      await page.waitForSelector('#curves-block[data-state="pruned"], #curves-block[data-state="error"]', { timeout: 60_000 });
      const note = (await page.locator('#curves-note').textContent()) ?? '';
      expect(await page.getAttribute('#curves-block', 'data-state'), note).toBe('pruned');
      expect(note).toMatch(/pruned by the search at \d+ epochs.*maxIter = \d+.*It stopped after \d+ of 20 epochs \(cut short\)/);
      const stoppedAt = Number(/pruned by the search at (\d+) epochs/.exec(note)![1]);
      expect(stoppedAt).toBeLessThan(20);
      await page.locator('#curves-block').screenshot({ path: `${OUTPUT_DIR}/demo-epoch-pruner-${label}.png` });
      expect(consoleErrors).toEqual([]);
      await page.close();
    });
  }
});
