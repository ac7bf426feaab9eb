/**
 * Save the last search as an Optuna journal file (Python Optuna and optuna-dashboard open it; demo/journal-load
 * reads one back). Saving builds a study with the search's space and direction, adds every trial (ok -> complete,
 * pruned, failed) and writes study.toJournal() with the search's scoring, dataset, model and strategy as the study's
 * user attributes, each trial stamped with when it ran (demo/journal-times).
 */
import { createStudy, JournalStorage, MemoryJournalBackend, type HistoryTrial } from '../src/index';
import { greaterIsBetter } from './metrics';
import { state } from './state';
import { els } from './dom';
import { restampTrials } from './journal-times';

let url: string | null = null;

export function clearJournal(): void {
  if (url) URL.revokeObjectURL(url);
  url = null;
  els.exportJournal.removeAttribute('href');
  els.exportJournal.setAttribute('aria-disabled', 'true');
}

/** Journal text with `attrs` added as the (only) study's user attributes. */
async function withStudyAttrs(text: string, attrs: Record<string, string | number>): Promise<string> {
  const backend = MemoryJournalBackend.fromJournal(text);
  const storage = new JournalStorage(backend);
  const [study] = await storage.getAllStudies();
  for (const [k, v] of Object.entries(attrs)) await storage.setStudyUserAttr(study.studyId, k, v);
  return backend.toJournal();
}

/** Prepares the download link of the finished search's journal. */
export async function setJournal(): Promise<void> {
  clearJournal();
  const s = state.setup;
  const res = state.result;
  if (!s || !res) return;
  const study = createStudy({
    space: Object.fromEntries(s.dims.map((d) => [d.name, d.spec])),
    direction: greaterIsBetter(s.scoring) ? 'maximize' : 'minimize',
    seed: s.seed,
  });
  for (const t of res.trials) {
    const trial: HistoryTrial = { params: t.params, value: t.meanScore, state: t.status === 'ok' ? 'complete' : t.status };
    study.add(trial);
  }
  const name = `hyperwasm-${s.datasetId}-${s.model.id}`;
  const attrs = { scoring: s.scoring, dataset: s.datasetId, model: s.model.id, strategy: s.strategy };
  // study.add() writes each trial as it is added: give the lines the times the trials really ran.
  const text = restampTrials(await withStudyAttrs(await study.toJournal(name), attrs), res.trials, s.startedAtMs ?? Date.now() - res.elapsedMs);
  url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
  els.exportJournal.href = url;
  els.exportJournal.download = `${name}.journal.log`;
  els.exportJournal.removeAttribute('aria-disabled');
}
