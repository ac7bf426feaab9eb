import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright';
import { OUTPUT_DIR } from './demo-server';
import { useDemo, ready, runAndWait } from './demo-page';

/**
 * Save a study as an Optuna journal (a real download), then load it into a fresh page, where nothing ran: every chart
 * it draws comes from the journal's trials. For the model search and for the own-objective panel.
 */
const session = useDemo();
const pythonJournal = fileURLToPath(new URL('../node/demo/fixtures/objective-journal.log', import.meta.url));

interface Op {
  op_code: number;
  user_attr?: Record<string, unknown>;
}

async function download(page: Page, link: string, path: string): Promise<Op[]> {
  await expect.poll(() => page.getAttribute(link, 'aria-disabled')).toBeNull();
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(link)]);
  await file.saveAs(path);
  return readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Op);
}

const attrsOf = (ops: Op[]): Record<string, unknown> => Object.assign({}, ...ops.filter((o) => o.op_code === 2).map((o) => o.user_attr));

describe('demo page: Optuna journal save and load', () => {
  for (const [label, viewport] of [['desktop', { width: 1366, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    it(`saves a TPE search as a journal; loading it in a fresh page redraws the table and every chart (${label})`, { timeout: 120_000 }, async () => {
      const { page, consoleErrors } = await session().newPage(viewport);
      await ready(page);
      await page.selectOption('#strategy', 'tpe');
      await page.fill('#trials', '12');
      await runAndWait(page);
      const bestScore = /accuracy: ([\d.]+)/.exec((await page.locator('#progress-text').textContent()) ?? '')![1];
      const path = `${OUTPUT_DIR}/demo-study-${label}.journal.log`;
      const ops = await download(page, '#export-journal', path);
      expect(ops[0].op_code).toBe(0); // CREATE_STUDY, then the study's attributes and trials
      expect(attrsOf(ops)).toEqual({ scoring: 'accuracy', dataset: 'iris', model: 'knn-classifier', strategy: 'tpe' });
      expect(ops.filter((o) => o.op_code === 4)).toHaveLength(12); // one CREATE_TRIAL each
      await page.close();

      const fresh = await session().newPage(viewport);
      const p = fresh.page;
      await ready(p);
      expect(await p.isVisible('#plots-panel')).toBe(false);
      await p.setInputFiles('#journal-file', path);
      await p.waitForSelector('#journal-note[data-state]');
      expect(await p.getAttribute('#journal-note', 'data-state'), (await p.locator('#journal-note').textContent()) ?? '').toBe('loaded');
      const note = (await p.locator('#journal-note').textContent()) ?? '';
      expect(note).toMatch(/12 trials \(maximize\)\. Best value 0\.\d+ at trial \d+: nNeighbors = \d+/);
      expect(Number(/Best value ([\d.]+)/.exec(note)![1])).toBeCloseTo(Number(bestScore), 3);
      expect(note).toContain('values as accuracy');
      // The table and every chart, from the journal's 12 trials.
      expect(await p.locator('#trials-table tbody tr').count()).toBe(12);
      expect(await p.locator('#trials-table tbody tr.best').count()).toBeGreaterThan(0);
      expect(await p.isVisible('#plots-panel')).toBe(true);
      expect(await p.locator('#history-chart canvas').count()).toBe(1);
      expect(await p.locator('#param-charts canvas').count()).toBe(3);
      expect(await p.isVisible('#parallel-block')).toBe(true);
      expect(await p.locator('#parallel-chart svg polyline').count()).toBe(12);
      expect(await p.isVisible('#heatmap-block')).toBe(true);
      expect(Number(await p.getAttribute('#heatmap-chart', 'data-filled'))).toBeGreaterThan(0);
      expect(await p.isVisible('#importance-block')).toBe(true);
      expect([...await p.locator('#importance-bars li code').allTextContents()].sort()).toEqual(['nNeighbors', 'p', 'weights']);
      expect(await p.isVisible('#timeline-block')).toBe(true);
      expect(await p.locator('#timeline-chart rect.bar.complete').count()).toBe(12);
      // The journal's datetimes are when each trial ran (not when the file was saved): the bars have their lengths.
      expect(await p.locator('#timeline-chart svg > text', { hasText: /^lane 1$/ }).count()).toBe(1);
      const spans = (await p.locator('#timeline-chart rect.bar title').allTextContents()).map((t) => {
        const [, a, b] = /, ([\d.e-]+)–([\d.e-]+) ms$/.exec(t)!;
        return Number(b) - Number(a);
      });
      expect(Math.max(...spans)).toBeGreaterThan(1);
      await p.locator('#plots-panel').screenshot({ path: `${OUTPUT_DIR}/demo-journal-plots-${label}.png` });
      await p.locator('#trials-panel').screenshot({ path: `${OUTPUT_DIR}/demo-journal-${label}.png` });
      expect(consoleErrors).toEqual([]);
      expect(fresh.consoleErrors).toEqual([]);
      await p.close();
    });

    it(`saves a stepped objective's study with its reports; loading it redraws the objective's charts (${label})`, { timeout: 120_000 }, async () => {
      const { page, consoleErrors } = await session().newPage(viewport);
      await ready(page);
      const expr = '((x - 2)^2 + (y + 1)^2) * (1 + 10 / step)';
      await page.fill('#obj-expr', expr);
      await page.fill('#obj-steps', '10');
      await page.fill('#obj-trials', '30');
      await page.selectOption('#obj-pruner', 'median');
      await page.click('#obj-run');
      await page.waitForSelector('#objective-panel[data-state="done"]', { timeout: 60_000 });
      const pruned = await page.locator('#obj-steps-chart g.step-line.pruned').count();
      expect(pruned).toBeGreaterThan(0);
      const best = /best f = ([\d.e-]+)/.exec((await page.locator('#obj-note').textContent()) ?? '')![1];
      const path = `${OUTPUT_DIR}/demo-objective-${label}.journal.log`;
      const ops = await download(page, '#obj-export-journal', path);
      expect(attrsOf(ops)).toMatchObject({ expression: expr, variables: 'x: -5..5, y: -5..5', steps: 10, strategy: 'tpe', pruner: 'median' });
      expect(ops.filter((o) => o.op_code === 4)).toHaveLength(30);
      expect(ops.some((o) => o.op_code === 7)).toBe(false); // finished trials: their reports ride in CREATE_TRIAL
      expect(readFileSync(path, 'utf8')).toContain('"intermediate_values": {"1": ');
      await page.close();

      const fresh = await session().newPage(viewport);
      const p = fresh.page;
      await ready(p);
      await p.setInputFiles('#obj-journal-file', path);
      await p.waitForSelector('#obj-journal-note[data-state]');
      const note = (await p.locator('#obj-journal-note').textContent()) ?? '';
      expect(await p.getAttribute('#obj-journal-note', 'data-state'), note).toBe('loaded');
      expect(note).toContain(`study 'hyperwasm-objective', 30 trials (minimize), ${pruned} pruned. Best f = ${best} at trial`);
      expect(await p.inputValue('#obj-expr')).toBe(expr);
      expect(await p.inputValue('#obj-space')).toBe('x: -5..5, y: -5..5');
      expect([await p.inputValue('#obj-steps'), await p.inputValue('#obj-pruner'), await p.inputValue('#obj-strategy')]).toEqual(['10', 'median', 'tpe']);
      // Every chart of the panel, from the journal's trials: the cut lines are as short as they were.
      expect(await p.locator('#obj-chart canvas').count()).toBe(1);
      expect(await p.locator('#obj-steps-chart g.step-line').count()).toBe(30);
      expect(await p.locator('#obj-steps-chart g.step-line.pruned.short').count()).toBe(pruned);
      expect(await p.locator('#obj-steps-chart g.step-line.complete[data-steps="10"]').count()).toBe(30 - pruned);
      expect(await p.locator('#obj-parallel-chart svg polyline').count()).toBe(30 - pruned);
      expect(Number(await p.getAttribute('#obj-heatmap-chart', 'data-filled'))).toBeGreaterThan(0);
      expect([...await p.locator('#obj-importance-bars li code').allTextContents()].sort()).toEqual(['x', 'y']);
      expect(await p.locator('#obj-timeline-chart rect.bar').count()).toBe(30);
      expect(await p.locator('#obj-timeline-chart rect.bar.pruned').count()).toBe(pruned);
      await p.locator('#objective-panel').screenshot({ path: `${OUTPUT_DIR}/demo-journal-objective-${label}.png` });

      // A journal Python Optuna 3.1 wrote (MedianPruner, warm-up 2): 14 trials, 8 pruned at step 2, one failed.
      await p.setInputFiles('#obj-journal-file', pythonJournal);
      await expect.poll(() => p.locator('#obj-journal-note').textContent()).toContain("study 'python-objective', 14 trials (minimize), 8 pruned.");
      expect(await p.locator('#obj-steps-chart g.step-line').count()).toBe(13); // the failed trial reported nothing
      expect(await p.locator('#obj-steps-chart g.step-line.pruned[data-steps="2"]').count()).toBe(8);
      expect(await p.locator('#obj-timeline-chart rect.bar.failed').count()).toBe(1);
      expect(consoleErrors).toEqual([]);
      expect(fresh.consoleErrors).toEqual([]);
      await p.close();
    });
  }
});
