/** Optuna 3.1's replay rules, on hand-made logs (pure, no I/O). */
import { describe, expect, it } from 'vitest';
import { MemoryJournalBackend } from '../../../src/storage/backends/memory';
import { JournalReplay } from '../../../src/storage/journal/replay';
import { TrialState, type JournalRecord } from '../../../src/storage/journal/ops';
import { JournalStorage } from '../../../src/storage/storage';
import { toOptunaJson } from '../../../src/storage/distributions';
import { int, float, choice } from '../../../src/space/distributions';
import { thrown } from '../../helpers/thrown';

const rec = (worker: string, op: number, fields: Record<string, unknown>): JournalRecord =>
  ({ op_code: op, worker_id: worker, ...fields }) as JournalRecord;
const study = (w: string, name: string) => rec(w, 0, { study_name: name, directions: [1] });
const trial = (w: string, studyId: number) => rec(w, 4, { study_id: studyId, datetime_start: '2026-01-01T00:00:00.000000' });
const state = (w: string, trialId: number, s: number, values: number[] | null = null) =>
  rec(w, 6, {
    trial_id: trialId,
    state: s,
    values,
    datetime_start: '2026-01-01T00:00:01.000000',
    datetime_complete: '2026-01-01T00:00:02.000000',
  });

describe('journal replay (JournalStorageReplayResult)', () => {
  it('numbers trials per study and ids over all studies; ignores a duplicate study of another worker', () => {
    const r = new JournalReplay('me');
    r.apply([study('a', 's0'), study('b', 's1'), study('b', 's0'), trial('a', 1), trial('a', 0), trial('b', 1)]);
    expect(r.getAllStudies().map((s) => [s.studyId, s.studyName])).toEqual([[0, 's0'], [1, 's1']]);
    expect(r.getAllTrials(1).map((t) => [t.trialId, t.number])).toEqual([[0, 0], [2, 1]]);
    expect(r.getAllTrials(0).map((t) => [t.trialId, t.number])).toEqual([[1, 0]]);
    expect(r.logNumberRead).toBe(6);
  });

  it("raises this worker's invalid ops and ignores other workers'", () => {
    const r = new JournalReplay('me');
    r.apply([study('a', 's'), trial('a', 0), state('a', 0, TrialState.COMPLETE, [1])]);
    r.apply([state('b', 0, TrialState.FAIL), trial('b', 7), rec('b', 8, { trial_id: 9, user_attr: { k: 1 } })]);
    expect(r.getTrial(0).state).toBe(TrialState.COMPLETE);
    thrown(() => r.apply([state('me', 0, TrialState.FAIL)]), 'TRIAL_FINISHED');
    thrown(() => r.apply([trial('me', 7)]), 'STUDY_NOT_FOUND');
    thrown(() => r.apply([rec('me', 8, { trial_id: 9, user_attr: { k: 1 } })]), 'TRIAL_NOT_FOUND');
    thrown(() => r.apply([study('me', 's')]), 'STUDY_DUPLICATED');
  });

  it('a param whose distribution clashes with an earlier trial of the study is refused', () => {
    const r = new JournalReplay('me');
    const param = (w: string, t: number, json: string) =>
      rec(w, 5, { trial_id: t, param_name: 'x', param_value_internal: 1, distribution: json });
    r.apply([study('a', 's'), trial('a', 0), param('a', 0, toOptunaJson(int(0, 5))), trial('a', 0), trial('a', 0)]);
    r.apply([param('b', 1, toOptunaJson(float(0, 5)))]);
    expect(r.getTrial(1).params).toEqual({});
    // Same kind and log with other bounds is compatible (Optuna compares class and log only).
    r.apply([param('b', 1, toOptunaJson(int(0, 9)))]);
    expect(r.getTrial(1).params).toEqual({ x: 1 });
    thrown(() => r.apply([param('me', 2, toOptunaJson(int(1, 5, { log: true })))]), 'STUDY_DISTRIBUTION_MISMATCH');
    thrown(() => r.apply([param('me', 2, toOptunaJson(choice([1, 2])))]), 'STUDY_DISTRIBUTION_MISMATCH');
  });

  it('of two workers setting one WAITING trial RUNNING, the first in the log owns it', () => {
    const a = new JournalReplay('a');
    const b = new JournalReplay('b');
    const log = [
      study('x', 's'),
      rec('x', 4, { study_id: 0, datetime_start: null, state: TrialState.WAITING, value: null, values: null }),
      state('b', 0, TrialState.RUNNING),
      state('a', 0, TrialState.RUNNING),
    ];
    a.apply(log);
    b.apply(log);
    expect(a.ownedTrialId).toBeNull();
    expect(b.ownedTrialId).toBe(0);
    expect(a.getTrial(0).datetimeStart).toBe('2026-01-01T00:00:01.000000');
  });

  it('an unknown op code or a record missing a field is a TuneError naming the record', () => {
    const r = new JournalReplay('me');
    const e = thrown(() => r.apply([study('a', 's'), rec('a', 10, {})]), 'JOURNAL_UNKNOWN_OP');
    expect(e.message).toContain('record 2');
    thrown(() => new JournalReplay('me').apply([rec('a', 4, {})]), 'JOURNAL_BAD_RECORD');
  });
});

describe('JournalStorage', () => {
  it('refuses an invalid op before writing it (nothing is appended)', async () => {
    const backend = new MemoryJournalBackend();
    const s = new JournalStorage(backend);
    const id = await s.createNewStudy('s', ['minimize']);
    const { trialId } = await s.createNewTrial(id);
    await s.setTrialParam(trialId, 'x', 1, toOptunaJson(int(0, 5)));
    await s.setTrialStateValues(trialId, TrialState.COMPLETE, [1]);
    const lines = backend.length;
    await expect(s.createNewStudy('s', ['minimize'])).rejects.toMatchObject({ code: 'STUDY_DUPLICATED' });
    await expect(s.setTrialUserAttr(trialId, 'k', 1)).rejects.toMatchObject({ code: 'TRIAL_FINISHED' });
    const t2 = await s.createNewTrial(id);
    await expect(s.setTrialParam(t2.trialId, 'x', 1, toOptunaJson(float(0, 5)))).rejects.toMatchObject({
      code: 'STUDY_DISTRIBUTION_MISMATCH',
    });
    await expect(s.getStudyIdFromName('nope')).rejects.toMatchObject({ code: 'STUDY_NOT_FOUND' });
    expect(backend.length).toBe(lines + 1);
  });

  it('two storages on one backend: a WAITING trial goes to one of them (the other gets false)', async () => {
    const backend = new MemoryJournalBackend();
    const a = new JournalStorage(backend);
    const b = new JournalStorage(backend);
    const id = await a.createNewStudy('s', ['maximize']);
    const { trialId, number } = await a.createNewTrial(id, {
      state: TrialState.WAITING,
      values: null,
      datetimeStart: null,
      distributions: {},
      params: {},
    });
    expect(number).toBe(0);
    const [ra, rb] = await Promise.all([a.setTrialStateValues(trialId, TrialState.RUNNING), b.setTrialStateValues(trialId, TrialState.RUNNING)]);
    expect([ra, rb].sort()).toEqual([false, true]);
    expect((await b.getTrial(trialId)).state).toBe(TrialState.RUNNING);
  });

  it('exports the journal text and loads it back to the same state', async () => {
    const backend = new MemoryJournalBackend();
    const a = new JournalStorage(backend);
    const id = await a.createNewStudy('s', ['maximize', 'minimize']);
    const { trialId } = await a.createNewTrial(id);
    await a.setTrialIntermediateValue(trialId, 3, NaN);
    await a.setTrialStateValues(trialId, TrialState.COMPLETE, [Infinity, -1.5]);
    const text = backend.toJournal();
    const b = new JournalStorage(MemoryJournalBackend.fromJournal(`${text}{"op_code": 4, "wor`));
    expect(await b.getAllTrials(id)).toEqual(await a.getAllTrials(id));
    expect(await b.getStudyDirections(id)).toEqual([2, 1]);
  });
});
