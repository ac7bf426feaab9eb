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
      await page.locator('#plots-panel').screenshot({ path: `${OUTPUT_DIR}/demo-plots-${label}.png` });
      expect(consoleErrors).toEqual([]);
      await page.close();
    });
  }
});
