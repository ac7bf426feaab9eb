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
