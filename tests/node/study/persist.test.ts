/**
 * Studies in Optuna's journal through optimize() and tune(): every trial recorded as it finishes, resumed with the
 * earlier trials as history, grid candidates already done skipped; journal text export/import for browsers; and
 * real Optuna 3.1 reading what we wrote and continuing it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { optimize, tune, createPool, createStudy, loadStudy, float, int, choice, TuneError } from '../../../src/index.node';
import { loadDataset } from '../../helpers/fixtures';
import { PYTHON, hasOptuna, requireComponent } from '../../helpers/components';

const dir = mkdtempSync(join(tmpdir(), 'hyperwasm-study-'));
const pool = createPool({ workers: 2 });
afterAll(async () => {
  await pool.dispose();
  rmSync(dir, { recursive: true, force: true });
});
const space = { x: float(-3, 3), n: int(1, 4), act: choice(['relu', 'tanh']) };
const f = (p: Record<string, unknown>): number => (p.x as number) ** 2 + (p.n as number) + (p.act === 'tanh' ? 0.5 : 0);

describe('optimize() with a study', () => {
  it('records every trial and resumes: the second call learns from the first', async () => {
    const storage = join(dir, 'opt.log');
    const first = await optimize(f, { space, search: { strategy: 'tpe', trials: 12 }, seed: 1, study: { name: 's', storage } });
    expect(first.trials).toHaveLength(12);
    const lines = readFileSync(storage, 'utf8').trim().split('\n');
    expect(lines.length).toBe(1 + 12); // create_study + one line per finished trial
    const second = await optimize(f, { space, search: { strategy: 'tpe', trials: 5 }, seed: 1, study: { name: 's', storage } });
    expect(second.trials).toHaveLength(5);
    expect(second.trials[0].number).toBe(12);
    // Same seed, but 12 trials of history: past the random start, so not the first call's first five.
    expect(second.trials.map((t) => t.params)).not.toEqual(first.trials.slice(0, 5).map((t) => t.params));
  });

  it('refuses a study whose direction disagrees, writing nothing', async () => {
    const storage = join(dir, 'dir.log');
    await optimize(f, { space, search: { strategy: 'random', trials: 2 }, study: { name: 'd', storage } });
    const before = readFileSync(storage, 'utf8');
    const e = await optimize(f, { space, search: { strategy: 'random', trials: 2 }, direction: 'maximize', study: { name: 'd', storage } }).catch((x: unknown) => x);
    expect((e as TuneError).code).toBe('STUDY_DIRECTION_MISMATCH');
    expect(readFileSync(storage, 'utf8')).toBe(before);
  });

  it('Python Optuna 3.1 loads every trial and continues the study', async (ctx) => {
    // Skipped only without Debian's python3-optuna 3.1, loudly, and never under CI=true (requireComponent throws there).
    if (!requireComponent('python3-optuna', hasOptuna())) return ctx.skip();
    const storage = join(dir, 'py.log');
    await optimize(f, { space, search: { strategy: 'tpe', trials: 8 }, seed: 3, study: { name: 'py', storage } });
    const script = [
      'import optuna, json, sys',
      'optuna.logging.set_verbosity(optuna.logging.WARNING)',
      `st = optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(${JSON.stringify(storage)}))`,
      "s = optuna.load_study(study_name='py', storage=st)",
      'n0 = len(s.trials)',
      "s.optimize(lambda t: t.suggest_float('x', -3, 3) ** 2 + t.suggest_int('n', 1, 4) + (0.5 if t.suggest_categorical('act', ['relu', 'tanh']) == 'tanh' else 0), n_trials=3)",
      'print(json.dumps({"n0": n0, "n": len(s.trials), "states": [t.state.name for t in s.trials], "first": s.trials[0].params}))',
    ].join('\n');
    const out = JSON.parse(execFileSync(PYTHON, ['-c', script]).toString().trim().split('\n').pop()!) as { n0: number; n: number; states: string[]; first: Record<string, unknown> };
    expect(out.n0).toBe(8);
    expect(out.n).toBe(11);
    expect(out.states.every((s) => s === 'COMPLETE')).toBe(true);
    expect(Object.keys(out.first).sort()).toEqual(['act', 'n', 'x']);
    // hyperwasm resumes with Python's three trials in its history.
    const again = await optimize(f, { space, search: { strategy: 'tpe', trials: 2 }, seed: 3, study: { name: 'py', storage } });
    expect(again.trials[0].number).toBe(11);
  });
});

describe('tune() with a study', () => {
  it('records mean scores with fold scores, and a resumed grid skips what it completed', async () => {
    const iris = loadDataset('iris');
    const storage = join(dir, 'tune.log');
    const base = { model: 'knn-classifier' as const, data: { X: iris.X, y: iris.y }, cv: { folds: 3, shuffle: true, seed: 2 }, pool, refit: false };
    const space = { nNeighbors: [1, 3, 5, 7, 9] };
    // An interrupted search: only the first 3 grid points got done.
    const first = await tune({ ...base, space, search: { strategy: 'grid', trials: 3 }, study: { name: 'knn', storage } });
    expect(first.trials).toHaveLength(3);
    const second = await tune({ ...base, space, study: { name: 'knn', storage } });
    expect(second.trials.map((t) => t.params.nNeighbors)).toEqual([7, 9]);
    // A different space for the same study is refused before anything is written.
    const e = await tune({ ...base, space: { nNeighbors: [2, 4] }, study: { name: 'knn', storage } }).catch((x: unknown) => x);
    expect((e as TuneError).code).toBe('STUDY_SPACE_MISMATCH');
    const last = JSON.parse(readFileSync(storage, 'utf8').trim().split('\n').pop()!) as { user_attrs: { fold_scores: number[] } };
    expect(last.user_attrs.fold_scores).toHaveLength(3);
  });
});

describe('journal text for browsers', () => {
  it('study.toJournal() -> loadStudy(text) keeps every finished trial as history', async () => {
    const s = createStudy({ space, seed: 4 });
    for (let i = 0; i < 6; i++) {
      const t = s.ask();
      s.tell(t, i === 2 ? new Error('x') : f(t.params));
    }
    const text = await s.toJournal('web');
    const back = await loadStudy(text, { space });
    expect(back.trials.map((t) => [t.params, t.state])).toEqual(s.trials.map((t) => [t.params, t.state]));
    expect(back.best!.value).toBe(s.best!.value);
    const e = await loadStudy(text, { space, name: 'nope' }).catch((x: unknown) => x);
    expect((e as TuneError).code).toBe('STUDY_NOT_FOUND');
  });
});

describe('loadStudy(): reports and user attributes come back', () => {
  it("keeps each trial's intermediate values and user attributes; a pruner in the loaded study judges against them", async () => {
    const s = createStudy({ space, seed: 5 });
    for (let i = 0; i < 3; i++) {
      const t = s.ask();
      for (let step = 0; step < 3; step++) t.report(step, i + step);
      t.setUserAttr('run', i);
      s.tell(t, i + 2);
    }
    const text = await s.toJournal('steps');
    const back = await loadStudy(text, { space, search: { strategy: 'random', pruner: { kind: 'median', startupTrials: 3 } } });
    expect(back.trials.map((t) => t.intermediate)).toEqual(s.trials.map((t) => t.intermediate));
    expect(back.trials.map((t) => t.userAttrs.run)).toEqual([0, 1, 2]);
    // Step 0's median of the loaded trials is 1: a new trial reporting 5 there is pruned, one reporting 0 is not.
    const bad = back.ask();
    bad.report(0, 5);
    expect(bad.shouldPrune()).toBe(true);
    const good = back.ask();
    good.report(0, 0);
    expect(good.shouldPrune()).toBe(false);
  });

  it('study.add() refuses malformed intermediate values', () => {
    const s = createStudy({ space, seed: 5 });
    const e = (() => {
      try {
        s.add({ params: { x: 0, n: 1, act: 'relu' }, value: 1, intermediate: [[-1, 2]] });
      } catch (x) {
        return x;
      }
      return null;
    })();
    expect((e as TuneError).code).toBe('INVALID_HISTORY');
    expect((e as TuneError).message).toMatch(/\[step, value\] pairs/);
  });
});

/** The create-trial lines of a journal: when each trial started and completed (ms since the epoch, local time). */
function trialTimes(journal: string): { start: number; complete: number }[] {
  return journal
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { op_code: number; datetime_start?: string; datetime_complete?: string })
    .filter((r) => r.op_code === 4)
    .map((r) => ({ start: new Date(r.datetime_start!).getTime(), complete: new Date(r.datetime_complete!).getTime() }));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('journals: each trial dated when it ran (optuna-dashboard reads durations from them)', () => {
  it('optimize(): datetime_start to datetime_complete spans the objective, trial after trial', async () => {
    const storage = join(dir, 'dates.log');
    await optimize(async (p) => (await sleep(40), f(p)), { space, search: { strategy: 'random', trials: 3 }, seed: 1, study: { name: 'd', storage } });
    const times = trialTimes(readFileSync(storage, 'utf8'));
    expect(times).toHaveLength(3);
    for (const t of times) expect(t.complete - t.start).toBeGreaterThanOrEqual(30);
    for (let i = 1; i < times.length; i++) expect(times[i].start).toBeGreaterThanOrEqual(times[i - 1].complete - 5);
  });

  it('study.toJournal() written later still dates the trials when they ran', async () => {
    const s = createStudy({ space, seed: 4 });
    const t0 = Date.now();
    for (let i = 0; i < 2; i++) {
      const t = s.ask();
      await sleep(30);
      s.tell(t, f(t.params));
    }
    await sleep(150);
    const times = trialTimes(await s.toJournal('later'));
    expect(times[0].complete - times[0].start).toBeGreaterThanOrEqual(20);
    expect(times[0].start).toBeGreaterThanOrEqual(t0 - 5);
    // Both finished ~150 ms before the export: not stamped with the export's time.
    expect(Date.now() - times[1].complete).toBeGreaterThanOrEqual(120);
    expect(times[1].start).toBeGreaterThanOrEqual(times[0].complete - 5);
  });
});
