/** Joining a study (direction and space checks), decoding params, one-line finished trials. */
import { describe, expect, it } from 'vitest';
import { MemoryJournalBackend } from '../../../src/storage/backends/memory';
import { JournalStorage } from '../../../src/storage/storage';
import { TrialState } from '../../../src/storage/journal/ops';
import { decodeParams, loadOrCreateStudy, recordFinishedTrial } from '../../../src/storage/study-io';
import { JSON_CHOICES_ATTR } from '../../../src/storage/distributions';
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
