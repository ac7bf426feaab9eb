/** Joining a study (direction and space checks), decoding params, one-line finished trials. */
import { describe, expect, it } from 'vitest';
import { MemoryJournalBackend } from '../../../src/storage/backends/memory';
import { JournalStorage } from '../../../src/storage/storage';
import { TrialState } from '../../../src/storage/journal/ops';
import { readFileSync } from 'node:fs';
import {
  decodeParams,
  enqueueTrial,
  failStaleTrials,
  fixedParams,
  loadOrCreateStudy,
  parseOptunaDatetime,
  popWaitingTrial,
  recordFinishedTrial,
} from '../../../src/storage/study-io';
import { JSON_CHOICES_ATTR, toOptunaJson } from '../../../src/storage/distributions';
import { float, int, type Distribution } from '../../../src/space/distributions';

const space = {
  lr: float(1e-4, 1, { log: true }),
  depth: int(1, 8),
  layers: { kind: 'choice', values: [[64], [128, 64]] } as unknown as Distribution,
};

describe('study helpers', () => {
  it('creates a study once, then joins it; a different direction or space is refused and nothing is written', async () => {
    const backend = new MemoryJournalBackend();
    const a = new JournalStorage(backend);
    const first = await loadOrCreateStudy(a, 's', ['maximize'], space);
    expect(first.created).toBe(true);
    expect(await a.getStudySystemAttrs(first.studyId)).toEqual({ [JSON_CHOICES_ATTR]: ['layers'] });
    await recordFinishedTrial(a, first.studyId, space, {
      params: { lr: 0.01, depth: 3, layers: [128, 64] },
      state: TrialState.COMPLETE,
      values: [0.9],
      userAttrs: { fold_scores: [0.8, 1] },
    });
    const b = new JournalStorage(backend);
    expect(await loadOrCreateStudy(b, 's', ['maximize'], space)).toEqual({ studyId: first.studyId, created: false });
    const lines = backend.length;
    await expect(loadOrCreateStudy(b, 's', ['minimize'], space)).rejects.toMatchObject({ code: 'STUDY_DIRECTION_MISMATCH' });
    await expect(loadOrCreateStudy(b, 's', ['maximize'], { ...space, depth: int(1, 9) })).rejects.toMatchObject({
      code: 'STUDY_SPACE_MISMATCH',
      details: { param: 'depth' },
    });
    expect(backend.length).toBe(lines);
  });

  it('a finished trial is one journal line, and decodes back to the values written', async () => {
    const backend = new MemoryJournalBackend();
    const s = new JournalStorage(backend);
    const { studyId } = await loadOrCreateStudy(s, 's', ['minimize'], space);
    const before = backend.length;
    const { trialId, number } = await recordFinishedTrial(s, studyId, space, {
      params: { lr: 0.5, depth: 8, layers: [64] },
      state: TrialState.PRUNED,
      values: null,
      intermediateValues: new Map([[3, 0.5], [1, 0.25]]),
    });
    expect(backend.length).toBe(before + 1);
    expect(backend.toJournal()).toContain('"intermediate_values": {"3": 0.5, "1": 0.25}');
    const t = await s.getTrial(trialId);
    expect([number, t.state, t.values]).toEqual([0, TrialState.PRUNED, null]);
    expect(decodeParams(t, space)).toEqual({ lr: 0.5, depth: 8, layers: [64] });
    // Without the space (a reader that only has the journal): decoded from the stored distributions.
    expect(decodeParams(t, {}, ['layers'])).toEqual({ lr: 0.5, depth: 8, layers: [64] });
    expect(decodeParams(t)).toEqual({ lr: 0.5, depth: 8, layers: '[64]' });
  });
});

describe('waiting and stale trials', () => {
  it('enqueue (fixed_params), pop by one worker only, and the params to evaluate', async () => {
    const backend = new MemoryJournalBackend();
    const a = new JournalStorage(backend);
    const b = new JournalStorage(backend);
    const { studyId } = await loadOrCreateStudy(a, 's', ['maximize'], space);
    await enqueueTrial(a, studyId, { lr: 0.1, layers: [128, 64] }, space);
    expect(backend.toJournal()).toContain('"system_attrs": {"fixed_params": {"lr": 0.1, "layers": "[128, 64]"}}');
    const [pa, pb] = await Promise.all([popWaitingTrial(a, studyId), popWaitingTrial(b, studyId)]);
    const won = pa ?? pb;
    expect([pa, pb].filter((t) => t !== null)).toHaveLength(1);
    expect(won!.state).toBe(TrialState.RUNNING);
    expect(fixedParams(won!, space)).toEqual({ lr: 0.1, layers: [128, 64] });
  });

  it("reads Python's enqueued trials (golden fixture) with their fixed params", async () => {
    const text = readFileSync(new URL('../../fixtures/optuna/journal-study.log', import.meta.url), 'utf8');
    const s = new JournalStorage(MemoryJournalBackend.fromJournal(text));
    const waiting = await s.getAllTrials(0, [TrialState.WAITING]);
    expect(waiting.map((t) => fixedParams(t))).toEqual([{ lr: 0.05, act: null }]);
  });

  it('fails RUNNING trials older than the threshold and requeues their params', async () => {
    const backend = new MemoryJournalBackend();
    const s = new JournalStorage(backend, { clock: () => '2026-12-01T10:00:00.000000' });
    const { studyId } = await loadOrCreateStudy(s, 's', ['maximize'], space);
    const { trialId } = await s.createNewTrial(studyId);
    await s.setTrialParam(trialId, 'depth', 4, toOptunaJson(space.depth));
    expect(parseOptunaDatetime('2026-12-01T10:00:00.250000').getMilliseconds()).toBe(250);
    const at = (h: number) => new Date(2026, 11, 1, h);
    expect(await failStaleTrials(s, studyId, { olderThanMs: 2 * 3600e3, now: at(11) })).toEqual([]);
    expect(await failStaleTrials(s, studyId, { olderThanMs: 2 * 3600e3, now: at(13), requeue: true, space })).toEqual([0]);
    const trials = await s.getAllTrials(studyId);
    expect(trials.map((t) => t.state)).toEqual([TrialState.FAIL, TrialState.WAITING]);
    expect(fixedParams(trials[1], space)).toEqual({ depth: 4 });
  });
});

describe('enqueue line', () => {
  it("is byte for byte Optuna's enqueue_trial line (golden fixture)", async () => {
    const text = readFileSync(new URL('../../fixtures/optuna/journal-study.log', import.meta.url), 'utf8');
    const theirs = text.split('\n').find((l) => l.includes('"fixed_params": {"lr": 0.05'))!;
    const backend = new MemoryJournalBackend();
    const s = new JournalStorage(backend);
    const { studyId } = await loadOrCreateStudy(s, 's', ['maximize']);
    await enqueueTrial(s, studyId, { lr: 0.05, act: null }, {}, { left: 'waiting' });
    const ours = backend.toJournal().trim().split('\n').pop()!;
    const anon = (l: string) => l.replace(/"worker_id": "[^"]*"/, '"worker_id": "W"');
    expect(anon(ours)).toBe(anon(theirs));
  });
});
