import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { OUTPUT_DIR } from './demo-server';
import { useDemo, ready, runAndWait } from './demo-page';

const session = useDemo();

describe('demo page: search, plots, hyperparameters vs parameters (vite build + preview, Chromium)', () => {
  it('runs the KNN grid on iris and shows trials, plots, the best model, its picture and exports', async () => {
    const { page, consoleErrors } = await session().newPage({ width: 1366, height: 900 });
    await ready(page);
    // The built page carries a strict CSP (wasm allowed, eval and inline code not); the charts run under it.
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/'unsafe-eval'|'unsafe-inline'/);
    // Every form control has an accessible name.
    const unnamed = await page.$$eval('input, select, button', (els) =>
      els
        .filter((e) => !((e as HTMLInputElement).labels?.length || e.getAttribute('aria-label') || (e.tagName === 'BUTTON' && e.textContent?.trim())))
        .map((e) => e.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
    expect(await page.inputValue('#model')).toBe('knn-classifier');
    expect(await page.locator('#plan').textContent()).toMatch(/Grid: 120 candidates × 5 folds = 600 fits/);
    await runAndWait(page);

    expect(await page.locator('#trials-table tbody tr').count()).toBe(120); // nNeighbors 1..30 x 2 weights x 2 p
    expect(await page.locator('#progress-text').textContent()).toMatch(/Done: 120 candidates × 5 folds/);
    expect(await page.locator('#progress-count').textContent()).toBe('120 / 120');

    // Hyperparameters (chosen) next to parameters (learned).
    await expect.poll(() => page.locator('#best-panel').isVisible()).toBe(true);
    const hyper = await page.locator('#best-hyper').textContent();
    expect(hyper).toContain('nNeighbors');
    expect(hyper).toContain('searched: 1..30');
    const learned = await page.locator('#best-params').textContent();
    expect(learned).toContain('the training rows themselves'); // KNN "learns" by storing the rows (parameter X)
    expect(await page.locator('#best-sentence').textContent()).toMatch(/Hyperparameters.*settings fixed before training.*parameters.*learned/);

    // Plots: history, one chart per searched hyperparameter, a heatmap over two of them.
    expect(await page.locator('#history-chart canvas').count()).toBe(1);
    expect(await page.locator('#param-charts .param-chart canvas').count()).toBe(3);
    expect(await page.locator('#heatmap-block').isVisible()).toBe(true);
    expect(await page.locator('#heatmap-note').textContent()).toContain('best mean accuracy of the complete trials that fall in it');

    // The picture of the fitted model: a refit on two features (iris has four).
    await page.waitForSelector('#map-panel[data-state="done"]', { timeout: 30_000 });
    expect(await page.locator('#map-note').textContent()).toMatch(/refit on just petal_length_\(cm\) and petal_width_\(cm\)/);
    expect(await page.locator('#map-legend li').allTextContents()).toEqual(['setosa', 'versicolor', 'virginica']);

    // Sorting by the score, with aria-sort kept in step.
    const scoreHeader = page.locator('#trials-table th', { hasText: 'mean accuracy' });
    await scoreHeader.locator('button').click();
    await expect.poll(() => page.locator('#trials-table th[aria-sort="ascending"]').textContent()).toContain('mean accuracy');
    await page.locator('#trials-table th[aria-sort="ascending"] button').press('Enter'); // keyboard works too
    await expect.poll(() => page.locator('#trials-table th[aria-sort="descending"]').count()).toBe(1);
    expect(await page.locator('#trials-table tbody tr').first().getAttribute('class')).toBe('best');

    // Exports: real downloads from Blob URLs.
    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const json = JSON.parse(readFileSync((await jsonDownload.path())!, 'utf8'));
    expect(json.trials).toHaveLength(120);
    expect(json.model.hyperparameters).toEqual(json.best.params);
    expect(Object.keys(json.model.parameters)).toContain('X');
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    expect(csvDownload.suggestedFilename()).toBe('hyperwasm-iris-knn-classifier.csv');
    const csv = readFileSync((await csvDownload.path())!, 'utf8').trim().split('\n');
    expect(csv).toHaveLength(121);
    expect(csv[0]).toMatch(/^index,rank,status,param_nNeighbors,param_p,param_weights,mean_accuracy/);

    expect(await page.locator('#code').textContent()).toContain("nNeighbors: int(1, 30)");
    await page.screenshot({ path: `${OUTPUT_DIR}/demo-desktop.png`, fullPage: true });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('fits a phone-width screen', async () => {
    const { page, consoleErrors } = await session().newPage({ width: 390, height: 844 });
    await ready(page);
    await page.screenshot({ path: `${OUTPUT_DIR}/demo-phone-start.png`, fullPage: true });
    await runAndWait(page);
    await page.waitForSelector('#map-panel[data-state="done"]', { timeout: 30_000 });
    await page.screenshot({ path: `${OUTPUT_DIR}/demo-phone.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'page wider than the phone screen').toBeLessThanOrEqual(0);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('cancels a running search, keeps what finished, and can run again', async () => {
    const { page, consoleErrors } = await session().newPage();
    await ready(page);
    await page.selectOption('#dataset', 'digits');
    await ready(page, '1797 rows');
    // Minkowski p = 1.5 and 3 need a pow per coordinate: slow enough to cancel mid-way on any machine.
    await page.fill('#hp-p', '1, 1.5, 2, 3');
    await page.fill('#folds', '10');
    await page.click('#run');
    await page.waitForSelector('body[data-state="running"]');
    await expect.poll(() => page.locator('#cancel').isEnabled()).toBe(true);
    await expect.poll(() => page.locator('#progress-text').textContent()).toMatch(/s elapsed/);
    expect(await page.locator('#progress-count').textContent()).toMatch(/^\d+ \/ 240$/);
    await page.waitForTimeout(1000);
    await page.click('#cancel');
    await page.waitForSelector('body[data-state="cancelled"]', { timeout: 15_000 });
    expect(await page.locator('#progress').getAttribute('value')).not.toBeNull();
    expect(await page.locator('#progress-text').textContent()).toMatch(/^Cancelled after \d+ of 240 candidates/);
    expect(await page.locator('#run').isEnabled()).toBe(true);
    expect(await page.locator('#cancel').isDisabled()).toBe(true);
    expect(await page.locator('#error').isHidden()).toBe(true);
    expect(await page.locator('#best-panel').isHidden()).toBe(true);
    await page.screenshot({ path: `${OUTPUT_DIR}/demo-cancelled.png`, fullPage: true });

    // The page (and its worker pool) still works: a small search on iris completes.
    await page.selectOption('#dataset', 'iris');
    await expect.poll(() => page.locator('#data-summary').textContent()).toContain('150 rows');
    await page.fill('#hp-nNeighbors', '1..10');
    await page.fill('#hp-p', '2');
    await runAndWait(page);
    expect(await page.locator('#trials-table tbody tr').count()).toBe(20);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
