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
import { hasOptuna, requireComponent } from '../../helpers/components';
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
