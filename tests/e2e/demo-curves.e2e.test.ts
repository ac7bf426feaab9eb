import { describe, it, expect } from 'vitest';
import { OUTPUT_DIR } from './demo-server';
import { useDemo, ready, runAndWait } from './demo-page';

/** Inside a trial: an MLP's and an SGD model's loss curve per epoch from their learned parameters; a trial halving
 *  cut short ends early. */
const session = useDemo();

describe('demo page: learning curves inside a trial', () => {
  for (const [label, viewport] of [['desktop', { width: 1366, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    it(`draws the best MLP loss curve, and a pruned trial refit on its budget ends short (${label})`, { timeout: 150_000 }, async () => {
      const { page, consoleErrors } = await session().newPage(viewport);
      await ready(page);
      await page.selectOption('#model', 'mlp-classifier');
      await page.fill('#hp-hiddenLayerSizes', '[8], [16]');
      await page.fill('#hp-alpha', '1e-4, 1e-2');
      await page.fill('#hp-learningRateInit', '1e-3, 1e-2');
      await page.fill('#hp-maxIter', '27');
      await page.selectOption('#strategy', 'halving');
      await page.selectOption('#resource', 'epochs');
      await page.fill('#folds', '3');
      await runAndWait(page, 120_000);
      await page.waitForSelector('#curves-block:not([hidden])');
      expect(await page.locator('#curves-chart canvas').count()).toBe(1);
      expect(await page.locator('#curves-note').textContent()).toMatch(/The best model \(trial \d+\), refit on all 150 rows: training loss per epoch/);

      const pruned = page.locator('#trials-table tbody tr.pruned');
      expect(await pruned.count()).toBeGreaterThan(0);
      await pruned.first().locator('button.curve').click();
      await page.waitForSelector('#curves-block[data-state="pruned"], #curves-block[data-state="error"]', { timeout: 60_000 });
      expect(await page.getAttribute('#curves-block', 'data-state'), (await page.locator('#curves-note').textContent()) ?? '').toBe('pruned');
      expect(await page.locator('#curves-note').textContent()).toMatch(/pruned by the search at \d+ epochs.*cut short/);
      await page.locator('#plots-panel').screenshot({ path: `${OUTPUT_DIR}/demo-curves-${label}.png` });

      // SGD records its loss per epoch too: the best trial's curve is drawn (full, or short when tol stopped it).
      await page.selectOption('#model', 'sgd-classifier');
      await page.selectOption('#strategy', 'random');
      await page.fill('#trials', '3');
      await runAndWait(page);
      await page.waitForSelector('#curves-block:not([hidden])');
      expect(['full', 'short']).toContain(await page.getAttribute('#curves-block', 'data-state'));
      expect(await page.locator('#curves-chart canvas').count()).toBe(1);
      expect(await page.locator('#curves-note').textContent()).toMatch(/training loss per epoch/);
      expect(consoleErrors).toEqual([]);
      await page.close();
    });
  }
});
