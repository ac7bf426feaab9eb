import { describe, it, expect } from 'vitest';
import { OUTPUT_DIR } from './demo-server';
import { useDemo, ready } from './demo-page';

/** The race: grid, random, TPE and GP on the same space and budget, best-so-far curves in one chart. */
const session = useDemo();

describe('demo page: the race of strategies', () => {
  for (const [label, viewport] of [['desktop', { width: 1366, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    it(`races grid, random, TPE and GP on KNN and draws their curves (${label})`, { timeout: 120_000 }, async () => {
      const { page, consoleErrors } = await session().newPage(viewport);
      await ready(page);
      await page.selectOption('#strategy', 'random');
      await page.fill('#trials', '16');
      await page.click('#race');
      await page.waitForSelector('#race-panel[data-state="done"]', { timeout: 90_000 });
      expect(await page.locator('#race-chart canvas').count()).toBe(1);
      const lines = await page.locator('#race-summary li').allTextContents();
      expect(lines.map((l) => l.split(':')[0])).toEqual(['grid', 'random', 'TPE', 'GP']);
      for (const l of lines) expect(l).toMatch(/best accuracy 0\.\d+ at trial \d+ of 16, \d/);
      expect(await page.locator('#race-note').textContent()).toContain('16 trials each on knn-classifier');
      // The page stays usable: a normal search still runs afterwards.
      expect(await page.isEnabled('#run')).toBe(true);
      await page.locator('#race-panel').screenshot({ path: `${OUTPUT_DIR}/demo-race-${label}.png` });
      expect(consoleErrors).toEqual([]);
      await page.close();
    });
  }
});
