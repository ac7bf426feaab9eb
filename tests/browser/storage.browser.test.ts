/** Study storage in Chromium: a journal in IndexedDB that outlives its connection and is shared by two "tabs". */
import { describe, expect, it } from 'vitest';
import {
  IndexedDbJournalBackend,
  JournalStorage,
  MemoryJournalBackend,
  TrialState,
  toInternal,
  toOptunaJson,
} from '../../src/storage/index';
import { float } from '../../src/space/distributions';

describe('IndexedDB journal', () => {
  it('persists a study across connections, shares it between two writers, exports the journal text', async () => {
    const name = `hyperwasm-test-${Date.now()}`;
    const x = float(0, 1);
    try {
      const tab1 = new JournalStorage(await IndexedDbJournalBackend.open(name));
      const tab2 = new JournalStorage(await IndexedDbJournalBackend.open(name));
      const studyId = await tab1.createNewStudy('s', ['maximize']);
      await Promise.all(
        [tab1, tab2, tab1, tab2].map(async (s, i) => {
          const { trialId } = await s.createNewTrial(studyId);
          await s.setTrialParam(trialId, 'x', toInternal(x, i / 10), toOptunaJson(x));
          await s.setTrialStateValues(trialId, TrialState.COMPLETE, [i]);
        }),
      );
      await tab1.close();
      await tab2.close();

      const backend = await IndexedDbJournalBackend.open(name);
      const again = new JournalStorage(backend);
      const trials = await again.getAllTrials(await again.getStudyIdFromName('s'));
      expect(trials.map((t) => t.number)).toEqual([0, 1, 2, 3]);
      expect(trials.map((t) => t.values![0]).sort()).toEqual([0, 1, 2, 3]);
      const text = await backend.toJournal();
      expect(text.split('\n')[0]).toMatch(/^\{"op_code": 0, "worker_id": "[0-9a-f-]+", "study_name": "s", "directions": \[2\]\}$/);
      const copy = new JournalStorage(MemoryJournalBackend.fromJournal(text));
      expect(await copy.getAllTrials(0)).toEqual(trials);
      await again.close();
    } finally {
      await IndexedDbJournalBackend.destroy(name);
    }
  });
});
