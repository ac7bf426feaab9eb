import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright';
import { OUTPUT_DIR } from './demo-server';
import { useDemo, ready } from './demo-page';

/**
 * optimize() on an expression the user edits, parsed by mathjs under the page's strict CSP (no eval): the panel draws
 * the model search's charts for it, and a stepped expression reports per step to a median pruner.
 */
const session = useDemo();

async function optimise(page: Page): Promise<string> {
  await page.click('#obj-run');
  await page.waitForSelector('#objective-panel[data-state="done"], #objective-panel[data-state="error"]', { timeout: 60_000 });
  expect(await page.getAttribute('#objective-panel', 'data-state'), (await page.locator('#obj-error').textContent()) ?? '').toBe('done');
  return (await page.locator('#obj-note').textContent()) ?? '';
}

describe('demo page: your own objective', () => {
  for (const [label, viewport] of [['desktop', { width: 1366, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    it(`minimises an edited expression with TPE, draws every chart, and explains a bad one (${label})`, { timeout: 90_000 }, async () => {
      const { page, consoleErrors } = await session().newPage(viewport);
      await ready(page);
      expect(await page.isVisible('#obj-plots')).toBe(false); // nothing to draw before a run
      await page.fill('#obj-expr', '(x - 2)^2 + (y + 1)^2');
      await page.fill('#obj-trials', '40');
      const note = await optimise(page);
      expect(note).toMatch(/^TPE, 40 trials in \d+ ms: best f = [\d.e-]+ at x = /);
      expect(Number(/best f = ([\d.e-]+)/.exec(note)![1])).toBeLessThan(2); // well below a random point's typical ~17
      // Best so far (uPlot), parallel coordinates (one line per complete trial), contour, importance, timeline.
      expect(await page.locator('#obj-chart canvas').count()).toBe(1);
      expect(await page.isVisible('#obj-parallel-block')).toBe(true);
      expect(await page.locator('#obj-parallel-chart svg polyline').count()).toBe(40);
      expect(await page.locator('#obj-parallel-chart svg > text').allTextContents()).toEqual(expect.arrayContaining(['x', 'y', 'f']));
      expect(await page.isVisible('#obj-heatmap-block')).toBe(true);
      expect(await page.getAttribute('#obj-heatmap-chart', 'data-cells')).toBe('12x12');
      expect(Number(await page.getAttribute('#obj-heatmap-chart', 'data-filled'))).toBeGreaterThan(5);
      expect(await page.locator('#obj-heatmap-chart canvas').count()).toBe(1);
      expect(await page.isVisible('#obj-importance-block')).toBe(true);
      expect([...await page.locator('#obj-importance-bars li code').allTextContents()].sort()).toEqual(['x', 'y']);
      expect(await page.isVisible('#obj-timeline-block')).toBe(true);
      expect(await page.locator('#obj-timeline-chart rect.bar.complete').count()).toBe(40);
      expect(await page.locator('#obj-timeline-chart rect.bar title').first().textContent()).toMatch(/^Trial \d+: f [\d.e-]+, complete/);
      // f does not use step: there are no intermediate values to draw.
      expect(await page.isVisible('#obj-steps-block')).toBe(false);
      await page.locator('#objective-panel').screenshot({ path: `${OUTPUT_DIR}/demo-objective-${label}.png` });

      await page.fill('#obj-expr', '(x - 2');
      await page.click('#obj-run');
      await expect.poll(() => page.locator('#obj-error').isVisible()).toBe(true);
      expect(await page.locator('#obj-error').textContent()).toMatch(/f does not parse: .*Parenthesis/);
      await page.fill('#obj-expr', 'x');
      await page.fill('#obj-space', 'x: 5..1');
      await page.click('#obj-run');
      expect(await page.locator('#obj-error').textContent()).toContain('the low bound must be below the high one (OBJECTIVE_SPACE)');
      expect(consoleErrors).toEqual([]);
      await page.close();
    });

    it(`reports a stepped expression per step; the median pruner cuts trials short in the chart (${label})`, { timeout: 90_000 }, async () => {
      const { page, consoleErrors } = await session().newPage(viewport);
      await ready(page);
      await page.fill('#obj-expr', '((x - 2)^2 + (y + 1)^2) * (1 + 10 / step)');
      await page.fill('#obj-steps', '12');
      await page.fill('#obj-trials', '30');
      await page.selectOption('#obj-pruner', 'median');
      const note = await optimise(page);
      const pruned = Number(/the median pruner \(from step 4\) stopped (\d+) of 30 trials early/.exec(note)?.[1] ?? NaN);
      expect(pruned, note).toBeGreaterThan(0);
      expect(await page.isVisible('#obj-steps-block')).toBe(true);
      const lines = page.locator('#obj-steps-chart g.step-line');
      expect(await lines.count()).toBe(30);
      expect(await page.locator('#obj-steps-chart g.step-line.pruned').count()).toBe(pruned);
      // Every pruned line stops at step 4 or later (never before the pruner may judge) and before step 12 (marked
      // short); every complete one runs all 12 steps.
      const steps = async (sel: string): Promise<number[]> => (await page.locator(sel).evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-steps')))));
      const prunedSteps = await steps('#obj-steps-chart g.step-line.pruned');
      expect(prunedSteps.every((n) => n >= 4 && n < 12), prunedSteps.join(' ')).toBe(true);
      expect(await page.locator('#obj-steps-chart g.step-line.pruned.short').count()).toBe(pruned);
      const completeSteps = await steps('#obj-steps-chart g.step-line.complete');
      expect(completeSteps.length).toBe(30 - pruned);
      expect(completeSteps.every((n) => n === 12)).toBe(true);
      expect(await page.locator('#obj-steps-chart g.step-line.pruned title').first().textContent()).toMatch(/^Trial \d+: pruned at step \d+, last f /);
      // f spans several decades (near 0 at the optimum, ~100 in a corner): auto draws a log y axis; the toggle switches.
      expect(await page.getAttribute('#obj-steps-chart', 'data-scale')).toBe('log');
      expect(await page.locator('#obj-steps-note').textContent()).toContain(`${pruned} were stopped by the pruner`);
      await page.locator('#obj-steps-block').screenshot({ path: `${OUTPUT_DIR}/demo-objective-steps-${label}.png` });
      await page.selectOption('#obj-yscale', 'linear');
      expect(await page.getAttribute('#obj-steps-chart', 'data-scale')).toBe('linear');
      await page.selectOption('#obj-yscale', 'log');
      expect(await page.getAttribute('#obj-steps-chart', 'data-scale')).toBe('log');
      // The pruned trials are pruned in the timeline too, and left out of parallel coordinates (no final value).
      expect(await page.locator('#obj-timeline-chart rect.bar.pruned').count()).toBe(pruned);
      expect(await page.locator('#obj-parallel-chart svg polyline').count()).toBe(30 - pruned);
      expect(consoleErrors).toEqual([]);
      await page.close();
    });
  }
});
