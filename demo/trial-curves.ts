/**
 * "Inside a trial": the parameters being learned, epoch by epoch. For an MLP or SGD model, the refit model's learned parameters
 * carry `lossCurve` (and `validationScores` with earlyStopping); any trial of the table can be refit on its own
 * hyperparameters (and its budget, for a trial a halving search cut short) to draw its curve next to the search
 * history. SGD models carry the same `lossCurve` (mean loss per training row per epoch) and, with earlyStopping,
 * `validationScores`; a model that trains by epochs without recording them gets a note instead of an empty chart.
 */
import { tune, type LearnedParameters, type ModelInfo, type Params, type TrialResult } from '../src/index';
import type { ClassLabel } from './datasets';
import { CurveChart } from './curve-chart';
import { epochName } from './search-settings';
import { state } from './state';
import { els, describeError } from './dom';

let chart: CurveChart | null = null;
let token = 0;

/** Whether the model trains in epochs (MLP, SGD): the table then offers a curve per trial. */
export const hasEpochs = (m: ModelInfo): boolean => epochName(m) !== null;

const numbers = (v: unknown): number[] | null =>
  v instanceof Float64Array || Array.isArray(v) ? Array.from(v as ArrayLike<number>, Number) : null;

/** The most epochs this search allowed a fit (the x axis runs that far, so a short curve reads as cut short). */
function maxEpochs(m: ModelInfo): number {
  const ep = epochName(m)!;
  const dim = state.setup?.dims.find((d) => d.name === ep);
  if (dim && Array.isArray(dim.spec)) return Math.max(...(dim.spec.filter((v) => typeof v === 'number') as number[]));
  if (dim && !Array.isArray(dim.spec) && dim.spec.kind === 'int') return dim.spec.high;
  return Number(m.hyperparameters[ep]?.default ?? 100);
}

export function clearCurves(): void {
  chart?.destroy();
  chart = null;
  token++;
  els.curvesBlock.hidden = true;
  delete els.curvesBlock.dataset.state;
}

function draw(parameters: Readonly<LearnedParameters>, m: ModelInfo, what: string): void {
  chart?.destroy();
  chart = null;
  const loss = numbers(parameters.lossCurve);
  const nIter = Number(parameters.nIter);
  const limit = maxEpochs(m);
  if (!loss) {
    els.curvesNote.textContent = `${what}: ${m.id} ran ${Number.isFinite(nIter) ? nIter : '?'} of at most ${limit} epochs. ` +
      'It does not record its loss per epoch, so there is no curve to draw.';
    els.curvesChart.replaceChildren();
    els.curvesBlock.dataset.state = 'no-curve';
    return;
  }
  const val = numbers(parameters.validationScores);
  chart = new CurveChart(els.curvesChart, loss, val, limit);
  const short = loss.length < limit ? ` It stopped after ${loss.length} of ${limit} epochs (cut short).` : ` It ran all ${limit} epochs.`;
  els.curvesNote.textContent = `${what}: training loss per epoch (blue)${val ? ', validation score (orange, right axis)' : ''}.${short} ` +
    'The weights change every epoch (parameters being learned); the hyperparameters stay fixed for the whole fit.';
  els.curvesBlock.dataset.state = loss.length < limit ? 'short' : 'full';
}

/** After a search: the curve of the model refit on all rows with the best hyperparameters. */
export function showBestCurve(): void {
  const s = state.setup;
  const model = state.result?.model;
  if (!s || !model || !hasEpochs(s.model)) return clearCurves();
  els.curvesBlock.hidden = false;
  draw(model.parameters, s.model, `The best model (trial ${state.result!.best!.index}), refit on all ${s.data.X.length} rows`);
}

/**
 * The epochs a trial's fit got in the search, when it got fewer than its hyperparameters ask for: a halving search's
 * last rung (`resource`), or, with the epoch pruner, the epoch at which its first fold was stopped (the last of
 * `rungs`, the epochs every fold reached; `resource` there is the most epochs any fold ran, often all of them when
 * the folds trained in parallel).
 */
function epochBudget(t: TrialResult): number | undefined {
  const s = state.setup!;
  if (s.resource !== 'epochs' || t.resource === undefined) return undefined;
  if (s.strategy === 'halving' || s.strategy === 'hyperband') return t.resource;
  if (t.status !== 'pruned') return undefined;
  const last = t.rungs?.at(-1)?.resource;
  return last !== undefined && last > 0 ? last : t.resource;
}

/** Refits one trial's hyperparameters (its epoch budget too, when a halving search cut it short) and draws its curve. */
export async function showTrialCurve(t: TrialResult): Promise<void> {
  const s = state.setup;
  if (!s || !hasEpochs(s.model)) return;
  const mine = ++token;
  els.curvesBlock.hidden = false;
  els.curvesBlock.dataset.state = 'busy';
  const params: Params = { ...t.params };
  const ep = epochName(s.model)!;
  const budget = epochBudget(t);
  const budgeted = budget !== undefined;
  if (budgeted) params[ep] = budget;
  els.curvesNote.textContent = `Refitting trial ${t.index}…`;
  try {
    const res = await tune<ClassLabel>({
      model: s.model.id,
      data: { X: s.data.X, y: s.supervised || s.data.task === 'classification' ? s.data.y : undefined },
      space: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, [v]])),
      cv: s.supervised ? { holdout: 0.2, shuffle: true, seed: s.seed } : undefined,
      scoring: s.scoring,
      preprocess: s.preprocess,
      seed: s.seed,
      pool: state.pool ?? undefined,
      workers: 1,
    });
    if (mine !== token) return;
    if (!res.model) throw new Error(res.trials[0]?.error ?? 'the refit failed');
    const status = t.status === 'pruned' ? `, pruned by the search at ${budget ?? t.resource} epochs` : t.status === 'failed' ? ', failed in the search' : '';
    draw(res.model.parameters, s.model, `Trial ${t.index}${status}, refit on all rows${budgeted ? ` with its budget (${ep} = ${budget})` : ''}`);
    if (t.status === 'pruned') els.curvesBlock.dataset.state = 'pruned';
  } catch (e) {
    if (mine !== token) return;
    els.curvesNote.textContent = `Could not refit trial ${t.index}: ${describeError(e)}`;
    els.curvesBlock.dataset.state = 'error';
  }
}
