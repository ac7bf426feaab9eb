/**
 * A journal FILE shared with real Python Optuna 3.1 (Debian's python3-optuna) and other Node processes: round trip,
 * concurrent writers (Optuna's symlink lock), a SIGKILLed writer. Skips loudly without Optuna, fails under CI=true.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournalStorage } from '../../../src/storage/open';
import { TrialState } from '../../../src/storage/journal/ops';
import { hasOptuna, requireComponent, runPython } from '../../helpers/components';
import { pyLoads } from '../../../src/storage/journal/pyjson';
import { loadOrCreateStudy, recordFinishedTrial } from '../../../src/storage/study-io';
import { SPACE } from './workers/mixed-study';
import { roundTrip } from './interop-shared';
import { buildNodeWorker } from './workers/build-worker';
import { nodeWorker, pythonWorker, succeeded } from './workers/processes';

const optuna = requireComponent('python3-optuna', hasOptuna());
let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hyperwasm-journal-'));
  bundle = await buildNodeWorker();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every trial once, numbers 0..n-1, all COMPLETE, and no lock or rename file left next to the journal. */
async function checkStudy(path: string, name: string, expected: number): Promise<void> {
  const storage = await openJournalStorage(path);
  const trials = await storage.getAllTrials(await storage.getStudyIdFromName(name));
  expect(trials.map((t) => t.number)).toEqual([...Array(expected).keys()]);
  expect(new Set(trials.map((t) => t.trialId)).size).toBe(expected);
  expect(trials.every((t) => t.state === TrialState.COMPLETE && t.values?.length === 1)).toBe(true);
  expect(readdirSync(dir).filter((f) => f.includes('.lock'))).toEqual([]);
}

describe.runIf(optuna)('journal file with Python Optuna 3.1', () => {
  it('round trip: hyperwasm writes, Optuna loads every trial and continues, hyperwasm resumes', async () => {
    const path = join(dir, 'roundtrip.log');
    const storage = await openJournalStorage(path);
    await roundTrip(storage, path, 'rt');
  });

  it('trials recorded in one line each (templates) load in Optuna with their states, values and times', async () => {
    const path = join(dir, 'templates.log');
    const storage = await openJournalStorage(path);
    const { studyId } = await loadOrCreateStudy(storage, 'tpl', ['minimize'], SPACE);
    await recordFinishedTrial(storage, studyId, SPACE, {
      params: { lr: 0.01, depth: 3, layers: [128, 64] },
      state: TrialState.COMPLETE,
      values: [0.25],
      intermediateValues: new Map([[2, 0.5], [0, 0.75]]),
      userAttrs: { fold_scores: [0.2, 0.3] },
    });
    await recordFinishedTrial(storage, studyId, SPACE, { params: { lr: 0.1 }, state: TrialState.FAIL, values: null });
    const out = pyLoads(
      runPython(
        `
import json, sys, optuna
s = optuna.load_study(study_name="tpl", storage=optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(sys.argv[1])))
print(json.dumps([[t.number, int(t.state), t.params, t.values, {str(k): v for k, v in t.intermediate_values.items()},
                   t.user_attrs, t.datetime_complete is not None] for t in s.trials] + [s.best_trial.number]))
`,
        [path],
      ),
    );
    expect(out).toEqual([
      [0, 1, { lr: 0.01, depth: 3, layers: '[128, 64]' }, [0.25], { 2: 0.5, 0: 0.75 }, { fold_scores: [0.2, 0.3] }, true],
      [1, 3, { lr: 0.1 }, null, {}, {}, true],
      0,
    ]);
  });

  it('a Node and a Python process optimizing one file at once: every trial once, numbers contiguous', async () => {
    const path = join(dir, 'node-python.log');
    const a = nodeWorker(bundle, path, 'shared', 15);
    const b = pythonWorker(path, 'shared', 15);
    await Promise.all([succeeded(a), succeeded(b)]);
    expect(a.done).toHaveLength(15);
    expect(b.done).toHaveLength(15);
    expect(new Set([...a.done, ...b.done]).size).toBe(30);
    await checkStudy(path, 'shared', 30);
  });
});

describe('journal file between Node processes', () => {
  it('two Node processes at once: every trial once, numbers contiguous, no lock left', async () => {
    const path = join(dir, 'node-node.log');
    const a = nodeWorker(bundle, path, 'nn', 20);
    const b = nodeWorker(bundle, path, 'nn', 20);
    await Promise.all([succeeded(a), succeeded(b)]);
    expect(new Set([...a.done, ...b.done]).size).toBe(40);
    await checkStudy(path, 'nn', 40);
  });

  it('a SIGKILLed writer loses no completed trial, and the next run resumes after it', async () => {
    const path = join(dir, 'killed.log');
    const w = nodeWorker(bundle, path, 'k', 10_000, 500);
    await new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        if (w.done.length >= 8) {
          clearInterval(t);
          w.child.kill('SIGKILL');
          resolve();
        }
      }, 5);
      void w.exited.then(() => reject(new Error('the worker ended before it was killed')));
    });
    const { signal } = await w.exited;
    expect(signal).toBe('SIGKILL');
    const reported = [...w.done];
    const storage = await openJournalStorage(path);
    const studyId = await storage.getStudyIdFromName('k');
    const complete = new Set(
      (await storage.getAllTrials(studyId, [TrialState.COMPLETE])).map((t) => t.number),
    );
    for (const n of reported) expect(complete.has(n)).toBe(true);
    // The next run (its lock wait breaks a lock the dead writer may have held) appends after everything.
    const before = (await storage.getAllTrials(studyId)).length;
    const next = nodeWorker(bundle, path, 'k', 3, 500);
    await succeeded(next);
    expect(next.done).toEqual([before, before + 1, before + 2]);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});
