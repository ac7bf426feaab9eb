/**
 * Load an Optuna journal into the model search's panels: read against the space in the editor (demo/journal-read),
 * its trials become the table's rows and are drawn in every chart of "How the search went" (history, per
 * hyperparameter, contour, parallel coordinates, importance, and the timeline from the journal's datetimes), as if
 * the search had just run. The values are the journal's, named by the scoring it was saved with (or the form's).
 */
import { TuneError } from '../src/index';
import { fmtNum } from './space-syntax';
import { direction as metricDirection, greaterIsBetter, metricInfo, preferredMetric } from './metrics';
import { fmtValue } from './charts';
import { state, type Dim } from './state';
import { els, describeError, currentModel, intOf } from './dom';
import { readSpace } from './space-panel';
import { readJournal, type LoadedStudy } from './journal-read';
import { bestNumber, journalRows } from './study-rows';
import { resetResults, renderLive, renderParallel } from './plots-panel';
import { renderTrials } from './trials-table';
import { renderImportance } from './importance';
import { drawTimeline, barsOfStudyTrials } from './timeline';

/** The metric the loaded values are: the one the journal was saved with, else the form's (same direction required). */
function scoringOf(loaded: LoadedStudy): string {
  const saved = loaded.attrs.scoring;
  const scoring = typeof saved === 'string' && metricInfo(saved) ? saved : els.scoring.value || preferredMetric(currentModel());
  if (greaterIsBetter(scoring) !== (loaded.direction === 'maximize')) {
    throw new TuneError(
      'JOURNAL_DIRECTION',
      `The journal's study is to ${loaded.direction} its values, but ${scoring} is ${metricDirection(scoring)}: pick the journal's metric under Scoring and load it again.`,
      { direction: loaded.direction, scoring },
    );
  }
  return scoring;
}

/** Puts the loaded trials in the table and every chart; returns the metric they are shown as. */
export function showLoadedSearch(loaded: LoadedStudy, dims: Dim[]): string {
  if (state.controller) throw new TuneError('SEARCH_RUNNING', 'A search is running: let it finish (or cancel it), then load the journal.');
  if (!state.data) throw new TuneError('NO_DATA', 'The page has no usable data yet: pick a dataset, then load the journal.');
  const scoring = scoringOf(loaded);
  const m = currentModel();
  state.setup = {
    model: m, data: state.data, dims, scoring, seed: intOf(els.seed, 42, 0, 0xffffffff), preprocess: els.standardize.checked ? 'standardize' : 'none',
    supervised: m.kind !== 'clusterer', datasetId: els.dataset.value, strategy: 'journal',
  };
  state.mapController?.abort();
  resetResults();
  state.completed = journalRows(loaded.trials, loaded.direction);
  renderLive();
  renderTrials();
  renderParallel(state.completed);
  renderImportance({ block: els.importanceBlock, bars: els.importanceBars }, () => loaded.importance());
  els.timelineBlock.hidden = drawTimeline(els.timelineChart, barsOfStudyTrials(loaded.trials), scoring) === 0;
  els.timelineHint.textContent = "From the journal's datetimes: one bar per trial from its start to its end. A journal does not say which worker ran a trial, so the rows are lanes that keep the bars apart.";
  // The snippet describes a search the form ran; a loaded study was not run here.
  els.codePanel.hidden = true;
  return scoring;
}

/** Reads a journal file against the space in the editor, says what it holds and draws its trials. */
export async function loadJournal(file: File): Promise<void> {
  try {
    const { dims } = readSpace();
    const loaded = await readJournal(await file.text(), Object.fromEntries(dims.map((d) => [d.name, d.spec])));
    const scoring = showLoadedSearch(loaded, dims);
    const bestAt = bestNumber(loaded.trials, loaded.direction);
    const best = loaded.trials.find((t) => t.number === bestAt);
    els.journalNote.textContent = `${file.name}: ${loaded.trials.length} trial${loaded.trials.length === 1 ? '' : 's'} (${loaded.direction}). ` +
      (best
        ? `Best value ${fmtNum(best.value)} at trial ${best.number}: ${Object.entries(best.params).map(([k, v]) => `${k} = ${fmtValue(v)}`).join(', ')}.`
        : 'No complete trial.') +
      ` The table and the charts show its trials (values as ${scoring}).`;
    els.progressText.textContent = `Loaded ${file.name}: study '${loaded.name}', ${loaded.trials.length} trials. Run a search to start again.`;
    els.journalNote.dataset.state = 'loaded';
  } catch (e) {
    els.journalNote.textContent = `Could not load ${file.name}: ${describeError(e)}`;
    els.journalNote.dataset.state = 'error';
  } finally {
    els.journalFile.value = '';
  }
}
