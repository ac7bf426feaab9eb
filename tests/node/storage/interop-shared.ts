/** Round-trip checks shared by the file and Redis interop tests. */
import { expect } from 'vitest';
import { pyLoads } from '../../../src/storage/journal/pyjson';
import { TrialState } from '../../../src/storage/journal/ops';
import { fromInternal, toOptunaJson } from '../../../src/storage/distributions';
import type { JournalStorage } from '../../../src/storage/storage';
import { runPython } from '../../helpers/components';
import { pyScript } from './workers/build-worker';
import { SPACE, TRIALS, writeMixedStudy } from './workers/mixed-study';

interface PyTrial {
  number: number;
  state: number;
  params: Record<string, unknown>;
  distributions: Record<string, string>;
  values: number[] | null;
  intermediate_values: Record<string, number>;
  user_attrs: Record<string, unknown>;
}

/** hyperwasm writes, Python loads every trial and continues with optimize, hyperwasm reads Python's trials. */
export async function roundTrip(storage: JournalStorage, url: string, name: string): Promise<void> {
  const studyId = await writeMixedStudy(storage, name);
  const out = pyLoads(runPython(`exec(open(${JSON.stringify(pyScript('roundtrip.py'))}).read())`, [url, name, '3'])) as {
    directions: number[];
    system_attrs: Record<string, unknown>;
    before: PyTrial[];
    after: PyTrial[];
  };
  expect(out.directions).toEqual([2]);
  expect(out.system_attrs['hyperwasm:json_choices']).toEqual(['layers']);
  expect(out.before.map((t) => t.number)).toEqual([0, 1, 2, 3, 4]);
  expect(out.before.map((t) => t.state)).toEqual([...TRIALS.map((t) => t.state), TrialState.WAITING]);
  for (const [i, w] of TRIALS.entries()) {
    const p = out.before[i];
    const expectedParams = Object.fromEntries(
      Object.entries(w.params).map(([k, v]) => [k, k === 'layers' ? JSON.stringify(v).replace(',', ', ') : v]),
    );
    expect(p.params).toEqual(expectedParams);
    for (const k of Object.keys(w.params)) expect(p.distributions[k]).toBe(toOptunaJson(SPACE[k]));
    expect(p.values).toEqual(w.values);
    expect(p.intermediate_values).toEqual(Object.fromEntries(Object.entries(w.intermediate).map(([k, v]) => [k, v])));
    expect(p.user_attrs).toEqual(w.userAttrs);
  }
  expect(out.before[4].params).toEqual({ lr: 0.001, act: 'relu' });
  // Python's optimize(n_trials=3) took the WAITING trial first (it counts as one of the 3), then made two more.
  expect(out.after.map((t) => t.number)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  expect(out.after.slice(4).map((t) => t.state)).toEqual([1, 1, 1]);
  expect(out.after[4].params.lr).toBe(0.001);

  // hyperwasm resumes with Python's trials in its history, decoded into its own values.
  const trials = await storage.getAllTrials(studyId);
  expect(trials.map((t) => t.number)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  for (const t of trials.slice(4)) {
    expect(t.state).toBe(TrialState.COMPLETE);
    const params = Object.fromEntries(Object.entries(t.params).map(([k, v]) => [k, fromInternal(SPACE[k], v)]));
    expect(Object.keys(params).sort()).toEqual(Object.keys(SPACE).sort());
    expect([[64], [128, 64]]).toContainEqual(params.layers);
    expect(t.values).toEqual([(params.layers as number[]).length]);
    expect(Number.isInteger(params.depth) && (params.depth as number) % 2 === 1).toBe(true);
  }
  // And keeps writing after them.
  const next = await storage.createNewTrial(studyId);
  expect(next.number).toBe(7);
  await storage.setTrialStateValues(next.trialId, TrialState.FAIL);
}
