/**
 * Running a search: reads the form, runs tune() on the shared worker pool, streams trials to the panels and writes
 * the progress line.
 */
import { tune, createPool, type ModelInfo, type ModelId, type ProgressEvent, type SearchOptions, type WorkerPool } from '../src/index';
import { fmtNum } from './space-syntax';
import { direction, preferredMetric } from './metrics';
import { state } from './state';
import { els, intOf, setState, showError, describeError, currentModel, seconds } from './dom';
import { type ClassLabel } from './datasets';
import { readSpace, compatible } from './space-panel';
import { searchOptions, plannedCandidates } from './search-settings';
import { resetResults, renderLive, scheduleLiveRender, renderParallel } from './plots-panel';
import { renderTrials } from './trials-table';
import { renderBest } from './best-panel';
import { drawMap } from './map-panel';
import { showBestCurve } from './trial-curves';
import { setJournal } from './journal';
import { showImportance } from './importance';
import { renderCode, setExports } from './export-code';

/** What a trial's `resource` counts: the halving budget, or epochs when the pruner judges every epoch. */
function resourceOf(search: SearchOptions): string | undefined {
  if ('resource' in search) return search.resource;
  const pruner = 'pruner' in search ? search.pruner : undefined;
  return pruner && typeof pruner === 'object' && pruner.resource === 'epochs' ? 'epochs' : undefined;
}

export function ensurePool(workers: number): WorkerPool {
  if (!state.pool || state.pool.isDisposed || state.pool.size !== workers) {
    state.mapController?.abort();
    state.pool?.dispose();
    // Idle workers are stopped after a while so an idle page holds no threads; they respawn on demand.
    state.pool = createPool({ workers, idleTimeoutMs: 60_000 });
  }
  return state.pool;
}

export function setRunning(running: boolean): void {
  els.run.disabled = running;
  els.cancel.disabled = !running;
  els.race.disabled = running;
  els.run.textContent = running ? 'Running…' : 'Run search';
}

export function cvOption(kind: ModelInfo['kind'], seed: number): { folds: number; shuffle: true; seed: number } | { holdout: number; shuffle: true; seed: number } | undefined {
  if (els.cv.value === 'kfold') return { folds: intOf(els.folds, 5, 2, 20), shuffle: true, seed };
  if (els.cv.value === 'holdout') return { holdout: 0.2, shuffle: true, seed };
  return kind === 'clusterer' ? undefined : { folds: 5, shuffle: true, seed };
}

export async function run(): Promise<void> {
  showError(null);
  if (state.controller) return;
  if (!state.data) {
    showError('The data cannot be used yet: fix the problem shown under “Data”, or pick another dataset.');
    return;
  }
  const { dims, invalid } = readSpace();
  if (invalid.length > 0) {
    showError('A search-space field does not parse: see the message under it.');
    invalid[0].focus();
    return;
  }
  const m = currentModel();
  if (!compatible(m)) {
    showError(`${m.id} does not fit this target; pick another model or change “The target is”.`);
    return;
  }
  const seed = intOf(els.seed, 42, 0, 0xffffffff);
  const workers = intOf(els.workers, 2, 1, 16);
  const supervised = m.kind !== 'clusterer';
  const scoring = els.scoring.value || preferredMetric(m);
  const preprocess = els.standardize.checked ? 'standardize' : 'none';
  const folds = els.cv.value === 'kfold' ? intOf(els.folds, 5, 2, 20) : 1;
  const trainRows = els.cv.value === 'kfold' ? Math.floor((state.data.X.length * (folds - 1)) / folds) : Math.floor(state.data.X.length * 0.8);
  const search = searchOptions(dims, m, folds, trainRows);
  const cv = cvOption(m.kind, seed);
  const y = supervised || state.data.task === 'classification' ? state.data.y : undefined;
  const space = Object.fromEntries(dims.map((d) => [d.name, d.spec]));

  state.setup = { model: m, data: state.data, dims, scoring, seed, preprocess, supervised, datasetId: els.dataset.value, strategy: search.strategy, resource: resourceOf(search) };
  state.mapController?.abort();
  resetResults();
  renderCode({ model: m.id, dims, search, cv, scoring, preprocess, seed, hasY: y !== undefined });
  const usePool = ensurePool(workers);
  state.controller = new AbortController();
  const signal = state.controller.signal;
  setRunning(true);
  setState('running');
  // On a narrow screen the results are below the form: bring the progress into view.
  if (window.matchMedia('(max-width: 980px)').matches) els.progress.closest('section')?.scrollIntoView({ block: 'start' });
  const planned = plannedCandidates(dims);
  if (Number.isFinite(planned)) {
    els.progress.max = Math.max(1, planned);
    els.progressCount.textContent = `0 / ${planned}`;
  }
  els.progressText.textContent = 'Starting workers…';
  const started = performance.now();
  let lastProgress: ProgressEvent | null = null;
  /** The running line: scored so far, elapsed, ETA once the pace is known, best so far. */
  const showRunning = (): void => {
    const elapsed = ` · ${seconds(performance.now() - started)} elapsed`;
    const p = lastProgress;
    if (!p || p.done === 0) {
      els.progressText.textContent = `Training and scoring on ${workers} worker${workers === 1 ? '' : 's'}${elapsed}. ` +
        'A candidate appears once all its folds are scored.';
      return;
    }
    // The pace is only a guide once a fair share has finished (folds of many candidates run side by side).
    const eta = Number.isFinite(p.etaMs) && p.done < p.total && p.done >= p.total * 0.05 ? ` · about ${seconds(p.etaMs)} left` : '';
    const best = p.best ? ` · best so far: ${scoring} ${fmtNum(p.best.meanScore)}` : '';
    els.progressText.textContent = `${p.done} of ${p.total} candidates scored${elapsed}${eta}${best}`;
  };
  const ticker = setInterval(showRunning, 500);
  els.progress.removeAttribute('value'); // indeterminate until the first candidate is scored
  renderLive();
  renderTrials();
  try {
    state.setup.startedAtMs = Date.now();
    const res = await tune<ClassLabel>({
      model: m.id as ModelId,
      data: { X: state.data.X, y },
      space,
      search,
      cv,
      scoring,
      preprocess,
      seed,
      pool: usePool,
      workers,
      signal,
      onTrial: (t) => {
        state.completed.push(t);
        scheduleLiveRender();
      },
      onProgress: (p) => {
        lastProgress = p;
        els.progress.max = Math.max(1, p.total);
        els.progress.value = p.done;
        els.progressCount.textContent = `${p.done} / ${p.total}`;
        showRunning();
      },
    });
    state.result = res;
    els.progress.max = Math.max(1, res.trials.length);
    els.progress.value = res.trials.length;
    els.progressCount.textContent = `${res.trials.length} / ${res.trials.length}`;
    const failed = res.trials.filter((t) => t.status === 'failed').length;
    const folds = res.cv ? `${res.cv.folds} fold${res.cv.folds === 1 ? '' : 's'}` : 'no CV';
    els.progressText.textContent =
      `Done: ${res.trials.length} candidates × ${folds} in ${seconds(res.elapsedMs)} on ${res.workers} worker${res.workers === 1 ? '' : 's'}.` +
      (res.best ? ` Best ${scoring}: ${fmtNum(res.best.score)} (${direction(scoring)}).` : ' Every trial failed: see the status column.') +
      (failed > 0 && res.best ? ` ${failed} trial${failed === 1 ? '' : 's'} failed.` : '');
    renderLive();
    renderTrials();
    renderBest(res);
    showBestCurve();
    showImportance();
    renderParallel(res.trials);
    setExports(res);
    void setJournal().catch((e) => showError(describeError(e)));
    setState('done');
    void drawMap();
  } catch (e) {
    const err = e as Error;
    renderLive();
    if (err.name === 'AbortError') {
      const total = Number(els.progress.max) || 0;
      els.progressText.textContent = `Cancelled after ${state.completed.length} of ${total} candidates (${seconds(performance.now() - started)}). ` +
        'The plots and the table show the trials that finished.';
      setState('cancelled');
    } else {
      showError(describeError(err));
      els.progressText.textContent = 'The search did not run.';
      setState('error');
    }
  } finally {
    clearInterval(ticker);
    if (!els.progress.hasAttribute('value')) els.progress.value = 0;
    state.controller = null;
    setRunning(false);
  }
}

