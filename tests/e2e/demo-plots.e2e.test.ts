import { describe, it, expect } from 'vitest';
import { OUTPUT_DIR } from './demo-server';
import { useDemo, ready, runAndWait } from './demo-page';

/** Optuna's plots for reading a search: parallel coordinates, importance bars, the heatmap over two hyperparameters. */
const session = useDemo();

describe('demo page: plots of a finished search', () => {
  for (const [label, viewport] of [['desktop', { width: 1366, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    it(`draws parallel coordinates, importance and the heatmap for the KNN grid (${label})`, { timeout: 120_000 }, async () => {
      const { page, consoleErrors } = await session().newPage(viewport);
      await ready(page);
      await runAndWait(page);
      expect(await page.isVisible('#parallel-block')).toBe(true);
      expect(await page.locator('#parallel-chart svg polyline').count()).toBe(120);
      expect(await page.locator('#parallel-chart svg text').first().textContent()).toBe('nNeighbors');
      expect(await page.isVisible('#importance-block')).toBe(true);
      const names = await page.locator('#importance-bars li code').allTextContents();
      expect([...names].sort()).toEqual(['nNeighbors', 'p', 'weights']);
      const shares = (await page.locator('#importance-bars .imp-value').allTextContents()).map((t) => Number(t.replace('%', '')));
      expect(Math.abs(shares.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(1.5);
      expect(await page.isVisible('#heatmap-block')).toBe(true);
      // nNeighbors 1..30 is binned (10 whole-number bins of 3), weights stays one cell per value.
      expect(await page.getAttribute('#heatmap-chart', 'data-cells')).toBe('10x2');
      expect(await page.getAttribute('#heatmap-chart', 'data-x-ticks')).toBe('1 | 4 | 7 | 10 | 13 | 16 | 19 | 22 | 25 | 28 | 31');
      expect(await page.getAttribute('#heatmap-chart', 'data-y-ticks')).toBe('uniform | distance');
      expect(await page.getAttribute('#heatmap-chart', 'data-filled')).toBe('20');
      // Timeline: one bar per task (120 candidates x 5 folds), on rows for the 2 workers, all complete.
      expect(await page.isVisible('#timeline-block')).toBe(true);
      expect(await page.locator('#timeline-chart rect.bar').count()).toBe(600);
      expect(await page.locator('#timeline-chart rect.bar.complete').count()).toBe(600);
      expect(await page.locator('#timeline-chart svg > text', { hasText: /^worker \d$/ }).count()).toBe(2);
      expect(await page.locator('#timeline-chart rect.bar title').first().textContent()).toMatch(/^Trial \d+ \(fold \d\): accuracy [\d.]+, complete/);
      await page.locator('#timeline-block').screenshot({ path: `${OUTPUT_DIR}/demo-timeline-${label}.png` });
      await page.locator('#plots-panel').screenshot({ path: `${OUTPUT_DIR}/demo-plots-${label}.png` });
      expect(consoleErrors).toEqual([]);
      await page.close();
    });

    it(`bins two continuous log ranges in the contour (SVC, random search) (${label})`, { timeout: 120_000 }, async () => {
      const { page, consoleErrors } = await session().newPage(viewport);
      await ready(page);
      await page.selectOption('#model', 'svc');
      await page.fill('#hp-C', '1e-2..1e3 log');
      await page.fill('#hp-gamma', '1e-3..1 log');
      await page.selectOption('#strategy', 'random');
      await page.fill('#trials', '30');
      await page.fill('#folds', '3');
      await runAndWait(page);
      expect(await page.isVisible('#heatmap-block')).toBe(true);
      const chart = page.locator('#heatmap-chart');
      expect(await chart.getAttribute('data-x-axis')).toBe('bins');
      expect(await chart.getAttribute('data-y-axis')).toBe('bins');
      expect(await chart.getAttribute('data-cells')).toBe('12x12');
      // Log bins: ticks at equal ratios, in C's own units (1e-2 .. 1e3 in steps of 10^(5/12)).
      const ticks = (await chart.getAttribute('data-x-ticks'))!.split(' | ');
      expect(ticks).toHaveLength(13);
      expect([ticks[0], ticks[12]]).toEqual(['0.01', '1000']);
      const filled = Number(await chart.getAttribute('data-filled'));
      expect(filled).toBeGreaterThan(5);
      expect(filled).toBeLessThanOrEqual(30);
      expect(await page.locator('#heatmap-note').textContent()).toContain('split into up to 12 bins (equal ratios on a log range)');
      expect(await chart.locator('canvas').count()).toBe(1);
      await page.locator('#heatmap-block').screenshot({ path: `${OUTPUT_DIR}/demo-contour-bins-${label}.png` });
      expect(consoleErrors).toEqual([]);
      await page.close();
    });

    it(`runs TPE with a median pruner; cut trials show as pruned in the table and the timeline (${label})`, { timeout: 120_000 }, async () => {
      const { page, consoleErrors } = await session().newPage(viewport);
      await ready(page);
      await page.selectOption('#strategy', 'tpe');
      expect(await page.isVisible('#pruner-fields')).toBe(true);
      await page.selectOption('#pruner', 'median');
      await page.fill('#pruner-startup', '3');
      await page.fill('#trials', '30');
      expect(await page.locator('#plan').textContent()).toContain('Pruner: after 3 complete candidates');
      await runAndWait(page);
      expect(await page.locator('#code').textContent()).toMatch(/pruner: \{ ?kind: .median./);
      const pruned = await page.locator('#trials-table tbody tr.pruned').count();
      expect(await page.locator('#timeline-chart rect.bar.pruned').count() > 0).toBe(pruned > 0);
      await page.locator('#search-title').locator('xpath=..').screenshot({ path: `${OUTPUT_DIR}/demo-pruner-${label}.png` });
      await page.locator('#timeline-block').screenshot({ path: `${OUTPUT_DIR}/demo-pruner-timeline-${label}.png` });
      // Halving has its own budget: the pruner fields go away.
      await page.selectOption('#strategy', 'halving');
      expect(await page.isVisible('#pruner-fields')).toBe(false);
      expect(consoleErrors).toEqual([]);
      await page.close();
    });
  }
});
