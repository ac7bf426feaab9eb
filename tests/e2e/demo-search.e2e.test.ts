import { describe, it, expect } from 'vitest';
import { OUTPUT_DIR } from './demo-server';
import { useDemo, ready, runAndWait } from './demo-page';

/** Every strategy tune() takes is offered by the page and runs from it; an MLP's layer lists are a search space. */
const session = useDemo();

describe('demo page: strategies and models of wave 2', () => {
  it('runs TPE, GP, halving and Hyperband, and an MLP over lists of layer sizes', { timeout: 180_000 }, async () => {
    const { page, consoleErrors } = await session().newPage();
    await ready(page);
    const strategies = await page.$$eval('#strategy option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(strategies).toEqual(['grid', 'random', 'tpe', 'gp', 'halving', 'hyperband']);

    for (const strategy of ['tpe', 'gp']) {
      await page.selectOption('#strategy', strategy);
      await page.fill('#trials', '12');
      expect(await page.locator('#plan').textContent()).toMatch(new RegExp(`^${strategy.toUpperCase()}: 12 candidates × 5 folds = 60 fits.*Bayesian`));
      await runAndWait(page);
      expect(await page.locator('#trials-table tbody tr').count()).toBe(12);
    }

    // Successive halving over the KNN grid on rows: most candidates are cut (pruned) on a small budget.
    await page.selectOption('#strategy', 'halving');
    expect(await page.isVisible('#resource')).toBe(true);
    await runAndWait(page);
    expect(await page.locator('#trials-table th', { hasText: 'budget' }).count()).toBe(1);
    expect(await page.locator('#trials-table tbody tr.pruned').count()).toBeGreaterThan(0);

    // An MLP: hiddenLayerSizes is a list of layer lists; Hyperband gives candidates epochs.
    await page.selectOption('#model', 'mlp-classifier');
    expect(await page.inputValue('#hp-hiddenLayerSizes')).toBe('[16], [64], [32, 16]');
    await page.fill('#hp-hiddenLayerSizes', '[8], [16, 8]');
    await page.fill('#hp-alpha', '1e-4, 1e-2');
    await page.fill('#hp-learningRateInit', '1e-2');
    await page.fill('#hp-maxIter', '27');
    await page.selectOption('#strategy', 'hyperband');
    await page.selectOption('#resource', 'epochs');
    await page.selectOption('#cv', 'holdout');
    await runAndWait(page, 120_000);
    expect(await page.locator('#trials-table tbody').textContent()).toMatch(/\[16, 8\]|\[8\]/);
    expect(await page.locator('#best-hyper').textContent()).toContain('hiddenLayerSizes');
    expect(await page.isVisible('#plots-empty')).toBe(false); // the charts draw the result's trials
    await page.waitForSelector('#map-panel[data-state="done"], #map-panel[data-state="error"]', { timeout: 60_000 });
    expect(await page.getAttribute('#map-panel', 'data-state'), (await page.locator('#map-note').textContent()) ?? '').toBe('done');
    expect(await page.locator('#code').textContent()).toContain("resource: 'epochs', factor: 3, maxResource: 27");
    await page.screenshot({ path: `${OUTPUT_DIR}/demo-search-hyperband-mlp.png`, fullPage: true });

    // A layer list that does not parse says why, under the field.
    await page.fill('#hp-hiddenLayerSizes', '[8, x]');
    expect(await page.locator('#hp-hiddenLayerSizes-err').textContent()).toContain('positive integers');
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
