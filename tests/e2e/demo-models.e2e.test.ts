import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright';
import { OUTPUT_DIR } from './demo-server';
import { useDemo } from './demo-page';

/**
 * Every model the library registers (the page reads them from listModels()) must run from the page with its
 * suggested search space: a short random search, the best-model panel, and the picture of the fitted model.
 */
const session = useDemo();

async function modelIds(page: Page): Promise<{ id: string; group: string }[]> {
  return page.$$eval('#model optgroup', (groups) =>
    groups.flatMap((g) => [...(g as HTMLOptGroupElement).querySelectorAll('option')].map((o) => ({ id: o.value, group: (g as HTMLOptGroupElement).label }))),
  );
}

describe('demo page: every registered model', () => {
  it('runs a short search for each model and shows its hyperparameters, parameters and picture', { timeout: 240_000 }, async () => {
    const { page, consoleErrors } = await session().newPage();
    await page.waitForSelector('body[data-state="ready"]');
    const models = await modelIds(page);
    expect(models.map((m) => m.id)).toContain('knn-classifier');
    const shot = new Set<string>();
    for (const { id, group } of models) {
      const dataset = group === 'Regressors' ? 'diabetes' : 'iris';
      if ((await page.inputValue('#dataset')) !== dataset) {
        await page.selectOption('#dataset', dataset);
        await expect.poll(() => page.locator('#data-summary').textContent()).toContain(dataset === 'iris' ? '150 rows' : '442 rows');
      }
      await page.selectOption('#model', id);
      await page.selectOption('#strategy', 'random');
      await page.fill('#trials', '4');
      if (await page.isEnabled('#folds')) await page.fill('#folds', '3');
      if (group === 'Clustering') expect(await page.inputValue('#cv'), `${id}: clustering needs no CV by default`).toBe('none');
      await page.click('#run');
      await page.waitForSelector('body[data-state="done"], body[data-state="error"]', { timeout: 60_000 });
      const state = await page.getAttribute('body', 'data-state');
      expect(state, `${id}: ${await page.locator('#error').textContent()}`).toBe('done');
      expect(await page.locator('#best-panel').isVisible(), `${id}: best panel`).toBe(true);
      expect((await page.locator('#best-params').textContent())?.length, `${id}: learned parameters`).toBeGreaterThan(0);
      await page.waitForSelector('#map-panel[data-state="done"], #map-panel[data-state="error"]', { timeout: 60_000 });
      expect(await page.getAttribute('#map-panel', 'data-state'), `${id}: ${await page.locator('#map-note').textContent()}`).toBe('done');
      if (!shot.has(group)) {
        shot.add(group);
        const name = group === 'Regressors' ? 'regression' : group === 'Clustering' ? 'clustering' : 'classification';
        await page.screenshot({ path: `${OUTPUT_DIR}/demo-model-${name}-${id}.png`, fullPage: true });
      }
    }
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
