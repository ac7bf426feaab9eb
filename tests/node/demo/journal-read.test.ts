import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { optimize, float, JournalStorage, MemoryJournalBackend, TuneError } from '../../../src/index.node';
import { readJournal, datetimeMs, storedSpace } from '../../../demo/journal-read';
import { compileObjective, parseObjectiveSpace } from '../../../demo/objective-expr';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

interface Expected {
  direction: string;
  user_attrs: Record<string, unknown>;
  trials: { number: number; state: string; params: Record<string, number>; value: number | null; intermediate: [number, number][]; duration_ms: number; started_ms: number }[];
}

/**
 * What the demo's charts get from a journal: trials with intermediate values and times. Checked against a journal
 * Python Optuna 3.1 wrote (fixtures/make-objective-journal.py) and against one this page's optimize() run records.
 */
describe('demo journal reading', () => {
  it('reads Python Optuna\'s trials, intermediate values and datetimes', async () => {
    const want = JSON.parse(fixture('objective-journal.expected.json')) as Expected;
    const got = await readJournal(fixture('objective-journal.log'), 'stored');
    expect(got.name).toBe('python-objective');
    expect(got.direction).toBe(want.direction);
    expect(got.attrs).toEqual(want.user_attrs);
    expect(got.space).toEqual({ x: float(-5, 5), y: float(-5, 5) });
    expect(got.trials.map((t) => t.number)).toEqual(want.trials.map((t) => t.number));
    expect(got.trials.map((t) => t.state)).toEqual(want.trials.map((t) => ({ COMPLETE: 'complete', PRUNED: 'pruned', FAIL: 'failed' })[t.state]));
    got.trials.forEach((t, i) => {
      const w = want.trials[i];
      expect(t.params).toEqual(w.params);
      expect(t.intermediate).toEqual(w.intermediate);
      if (w.state === 'COMPLETE') expect(t.value).toBe(w.value);
      if (w.state === 'PRUNED') expect(t.value).toBe(w.intermediate.at(-1)![1]); // Optuna stores none: the last report
      expect(t.startedAt).toBeCloseTo(w.started_ms, 3);
      expect(t.durationMs).toBeCloseTo(w.duration_ms, 3);
    });
    expect(got.trials.filter((t) => t.state === 'pruned').every((t) => t.intermediate.length < 6)).toBe(true);
    expect(Object.keys(got.importance()).sort()).toEqual(['x', 'y']);
  });

  it('reads back a stepped optimize() run recorded in a journal, as the objective panel saves it', async () => {
    const space = parseObjectiveSpace('x: -5..5, y: -5..5');
    const c = compileObjective('((x - 2)^2 + (y + 1)^2) * (1 + 10 / step)', space, 8);
    const backend = new MemoryJournalBackend();
    const storage = new JournalStorage(backend);
    const res = await optimize(c.objective, { space, search: { strategy: 'tpe', trials: 20, pruner: { kind: 'median', warmupSteps: 3 } }, seed: 5, study: { name: 'mine', storage } });
    await storage.setStudyUserAttr(await storage.getStudyIdFromName('mine'), 'expression', 'f');
    const got = await readJournal(backend.toJournal(), space);
    expect(got.attrs).toEqual({ expression: 'f' });
    expect(got.trials.map((t) => [t.number, t.state, t.value, t.params])).toEqual(res.trials.map((t) => [t.number, t.state, t.value, t.params]));
    expect(got.trials.map((t) => t.intermediate)).toEqual(res.trials.map((t) => t.intermediate));
    expect(got.trials.some((t) => t.state === 'pruned')).toBe(true);
    for (const t of got.trials) expect(t.finishedAt).toBeGreaterThanOrEqual(t.startedAt);
    expect(Math.min(...got.trials.map((t) => t.startedAt))).toBe(0);
  });

  it('refuses a journal with several studies, naming them', async () => {
    const text = readFileSync(new URL('../../fixtures/optuna/journal-study.log', import.meta.url), 'utf8');
    const err = await readJournal(text, 'stored').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TuneError);
    expect((err as TuneError).code).toBe('STUDY_NOT_FOUND');
    expect((err as Error).message).toMatch(/holds \d studies \(golden, /);
  });

  it("turns Optuna's datetimes into ms, microseconds kept, and stored distributions into a space", () => {
    expect(datetimeMs('2026-12-01T21:56:57.123456') - datetimeMs('2026-12-01T21:56:56.000000')).toBeCloseTo(1123.456, 3);
    expect(datetimeMs('2026-12-02T00:00:00') - datetimeMs('2026-12-01T23:59:59.5')).toBe(500);
    expect(datetimeMs('yesterday')).toBeNaN();
    expect(datetimeMs(null)).toBeNaN();
    expect(storedSpace([
      { distributions: { lr: { name: 'FloatDistribution', low: 1e-3, high: 1, log: true, step: null }, k: { name: 'IntDistribution', low: 1, high: 9, log: false, step: 2 } } },
      { distributions: { act: { name: 'CategoricalDistribution', choices: ['relu', 'tanh'] }, lr: { name: 'FloatDistribution', low: 0, high: 5, log: false, step: null } } },
    ])).toEqual({ lr: float(1e-3, 1, { log: true }), k: { kind: 'int', low: 1, high: 9, step: 2, log: false }, act: { kind: 'choice', values: ['relu', 'tanh'] } });
  });
});
