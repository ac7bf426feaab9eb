/**
 * Golden fixtures written by Optuna 3.1 (scripts/fixtures/optuna_journal.py): our replay must read Optuna's log into
 * exactly the state Optuna reads from it, and our writer must write the bytes Optuna writes for the same calls.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemoryJournalBackend } from '../../../src/storage/backends/memory';
import { JournalStorage } from '../../../src/storage/storage';
import { TrialState } from '../../../src/storage/journal/ops';
import { pyLoads } from '../../../src/storage/journal/pyjson';
import { distributionToJson, toExternal } from '../../../src/storage/journal/optuna-distributions';
import { float, int, choice, type Distribution } from '../../../src/space/distributions';
import { toOptunaJson, toInternal } from '../../../src/storage/distributions';

const dir = new URL('../../fixtures/optuna/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');

interface ExpectedTrial {
  trial_id: number;
  number: number;
  state: number;
  params: Record<string, unknown>;
  internal: Record<string, number>;
  distributions: Record<string, string>;
  values: number[] | null;
  intermediate_values: Record<string, number>;
  user_attrs: Record<string, unknown>;
  system_attrs: Record<string, unknown>;
  datetime_start: string | null;
  datetime_complete: string | null;
}
interface ExpectedStudy {
  study_id: number;
  study_name: string;
  directions: number[];
  user_attrs: Record<string, unknown>;
  system_attrs: Record<string, unknown>;
  trials: ExpectedTrial[];
}

describe('Optuna 3.1 golden journal', () => {
  it('replays to the state Optuna reads (ids, numbers, states, params, distributions, values, attrs, times)', async () => {
    const expected = pyLoads(read('journal-study.expected.json')) as ExpectedStudy[];
    const storage = new JournalStorage(MemoryJournalBackend.fromJournal(read('journal-study.log')));
    const studies = await storage.getAllStudies();
    expect(studies.map((s) => [s.studyId, s.studyName])).toEqual(expected.map((s) => [s.study_id, s.study_name]));
    let trialsSeen = 0;
    for (const e of expected) {
      const s = studies.find((x) => x.studyId === e.study_id)!;
      expect(s.directions).toEqual(e.directions);
      expect(s.userAttrs).toEqual(e.user_attrs);
      expect(s.systemAttrs).toEqual(e.system_attrs);
      const trials = await storage.getAllTrials(e.study_id);
      expect(trials).toHaveLength(e.trials.length);
      for (const [i, t] of trials.entries()) {
        const x = e.trials[i];
        trialsSeen++;
        expect([t.trialId, t.number, t.state]).toEqual([x.trial_id, x.number, x.state]);
        expect(t.params).toEqual(x.internal);
        const external = Object.fromEntries(Object.entries(t.params).map(([k, v]) => [k, toExternal(t.distributions[k], v)]));
        expect(external).toEqual(x.params);
        const dists = Object.fromEntries(Object.entries(t.distributions).map(([k, d]) => [k, distributionToJson(d)]));
        expect(dists).toEqual(x.distributions);
        expect(t.values).toEqual(x.values);
        expect(Object.fromEntries(Object.entries(t.intermediateValues))).toEqual(x.intermediate_values);
        expect(t.userAttrs).toEqual(x.user_attrs);
        expect(t.systemAttrs).toEqual(x.system_attrs);
        expect([t.datetimeStart, t.datetimeComplete]).toEqual([x.datetime_start, x.datetime_complete]);
      }
    }
    // The fixture covers what it claims to: every state, NaN and infinite values, a deleted study.
    const all = (await Promise.all(studies.map((s) => storage.getAllTrials(s.studyId)))).flat();
    expect(new Set(all.map((t) => t.state))).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(all.some((t) => t.values?.some(Number.isNaN))).toBe(true);
    expect(all.some((t) => t.values?.includes(Infinity))).toBe(true);
    expect(studies.map((s) => s.studyName)).not.toContain('deleted');
    expect(trialsSeen).toBeGreaterThan(15);
  });

  it('writes byte for byte what Optuna writes for the same calls (journal-ops.log)', async () => {
    const backend = new MemoryJournalBackend();
    let tick = 0;
    const storage = new JournalStorage(backend, {
      workerId: 'fixed-worker-0',
      clock: () => `2026-12-01T12:00:${String(++tick % 60).padStart(2, '0')}.123456`,
    });
    const sid = await storage.createNewStudy('ops é', ['maximize']);
    await storage.setStudyUserAttr(sid, 'note', 'x\ty\u2028z\\');
    await storage.setStudySystemAttr(sid, 'hyperwasm:json_choices', ['layers']);
    const { trialId: tid } = await storage.createNewTrial(sid);
    const lr = float(1e-5, 0.1, { log: true });
    const grid = float(0.1, 1.0, { step: 0.3 });
    const depth = int(1, 10, { step: 2 });
    // Array choices come with the MLP models; a plain object stands for choice([[64], [128, 64]]) meanwhile.
    const layers = { kind: 'choice', values: [[64], [128, 64]] } as unknown as Distribution;
    const act = choice(['relu', null, true, 1, 2.5, 1e16]);
    await storage.setTrialParam(tid, 'lr', toInternal(lr, 1e-5), toOptunaJson(lr));
    await storage.setTrialParam(tid, 'grid', toInternal(grid, 0.4), toOptunaJson(grid));
    await storage.setTrialParam(tid, 'depth', toInternal(depth, 3), toOptunaJson(depth));
    await storage.setTrialParam(tid, 'layers', toInternal(layers, [128, 64]), toOptunaJson(layers));
    await storage.setTrialParam(tid, 'act', toInternal(act, true), toOptunaJson(act));
    await storage.setTrialIntermediateValue(tid, 0, 0.1);
    await storage.setTrialIntermediateValue(tid, 1, NaN);
    await storage.setTrialUserAttr(tid, 'fold_scores', [0.5, Infinity, -Infinity, 1e-7, 123456789]);
    await storage.setTrialUserAttr(tid, 'count', 7);
    await storage.setTrialSystemAttr(tid, 'obj', { a: [1, true, null], b: '\u{1F600}' });
    await storage.setTrialStateValues(tid, TrialState.COMPLETE, [0.75]);
    const { trialId: t2 } = await storage.createNewTrial(sid);
    await storage.setTrialStateValues(t2, TrialState.PRUNED, null);
    const ours = backend.toJournal().split('\n');
    const theirs = read('journal-ops.log').split('\n');
    // One known difference: a user attr float that is a whole number (123456789.0) cannot be told from an int in
    // JavaScript, so we write 123456789; every other byte is Optuna's.
    const fix = (l: string) => l.replace('123456789.0]', '123456789]');
    expect(ours).toEqual(theirs.map(fix));
  });
});
