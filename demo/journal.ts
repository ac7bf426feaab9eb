/**
 * Save the last search as an Optuna journal file (Python Optuna and optuna-dashboard open it) and load one back.
 * Saving builds a study with the search's space and direction and adds every trial (ok -> complete, pruned, failed)
 * before study.toJournal(); loading reads it with loadStudy() against the current space and says what it holds.
 */
import { createStudy, loadStudy, type HistoryTrial } from '../src/index';
import { fmtNum } from './space-syntax';
import { greaterIsBetter } from './metrics';
import { fmtValue } from './charts';
import { state } from './state';
import { els, describeError } from './dom';
import { readSpace } from './space-panel';

let url: string | null = null;

export function clearJournal(): void {
  if (url) URL.revokeObjectURL(url);
  url = null;
  els.exportJournal.removeAttribute('href');
  els.exportJournal.setAttribute('aria-disabled', 'true');
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
  const text = await study.toJournal(name);
  url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
  els.exportJournal.href = url;
  els.exportJournal.download = `${name}.journal.log`;
  els.exportJournal.removeAttribute('aria-disabled');
}

/** Reads a journal file against the space in the editor and reports its trials and best one. */
export async function loadJournal(file: File): Promise<void> {
  try {
    const text = await file.text();
    const { dims } = readSpace();
    const study = await loadStudy(text, { space: Object.fromEntries(dims.map((d) => [d.name, d.spec])) });
    const trials = study.trials;
    const best = study.best;
    els.journalNote.textContent = `${file.name}: ${trials.length} trial${trials.length === 1 ? '' : 's'} ` +
      `(${study.direction}). ` +
      (best
        ? `Best value ${fmtNum(best.value)} at trial ${best.number}: ${Object.entries(best.params).map(([k, v]) => `${k} = ${fmtValue(v)}`).join(', ')}.`
        : 'No complete trial.');
    els.journalNote.dataset.state = 'loaded';
  } catch (e) {
    els.journalNote.textContent = `Could not load ${file.name}: ${describeError(e)}`;
    els.journalNote.dataset.state = 'error';
  } finally {
    els.journalFile.value = '';
  }
}
