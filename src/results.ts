import type { Label } from './data/labels';
import type { Params } from './types';
import type { FittedModel } from './model';
import { getMetric } from './metrics/index';

/** Mean, standard deviation (population, as scikit-learn's std_test_score) and per-fold values of one metric. */
export interface MetricSummary {
  mean: number;
  std: number;
  folds: number[];
}

/**
 * One row per candidate (columnar in spirit, like scikit-learn's cv_results_).
 *
 * Fold layout: with k folds and r repeats (`cv: { folds: k, repeats: r }`), `foldScores` and every
 * `metrics[m].folds` hold k * r values, repeat-major: entry `rep * k + f` is fold f of repeat `rep`. The mean and
 * std are over all k * r values (scikit-learn's RepeatedKFold in GridSearchCV does the same). A holdout has one
 * entry, explicit `foldIds` one per distinct fold id (ascending), and `cv: false` one (fit and scored on all rows).
 */
export interface TrialResult {
  /** Candidate number in proposal order (stable across runs with the same seed, whatever the worker count). */
  index: number;
  /** The hyperparameters of this candidate (with `model` when the space chooses the model). */
  params: Params;
  /** Mean over folds of the ranking (first) metric; for a failed trial, the `errorScore` (NaN by default). */
  meanScore: number;
  /** Population standard deviation over folds of the ranking metric; NaN for a failed trial. */
  stdScore: number;
  /** The ranking metric per fold (layout above); NaN where a fold failed. */
  foldScores: number[];
  /** 1 = best; ties share the lower rank (scikit-learn's method='min'); NaN scores rank last. 0 until the search ends
   *  (what onTrial and onProgress see). */
  rank: number;
  /** Every requested metric: mean, std and per-fold values (same layout as foldScores). */
  metrics: Record<string, MetricSummary>;
  /** Mean fit time per fold, and mean scoring time per fold, in ms (the only fields that vary between runs). */
  fitMs: number;
  scoreMs: number;
  /** 'failed' when a fold threw (the message is in `error`) or the ranking metric was not finite in some fold. */
  status: 'ok' | 'failed' | 'pruned';
  error: string | null;
  /**
   * Halving and Hyperband searches: the resource of the trial's last rung (rows, epochs or folds) and each rung's
   * score; a trial stopped before its bracket's last rung is 'pruned' and ranks after every complete one.
   */
  resource?: number;
  rungs?: { rung: number; resource: number; score: number }[];
  /**
   * Timing facts for a timeline (like fitMs, they vary between runs and never influence the search). `startedAt` /
   * `finishedAt`: ms since the search started, from when the trial's first task started on a worker to when its last
   * one finished (with several folds running in parallel on several workers, this can cover much of the search).
   * `worker`: the pool slot (0-based) that ran most of its tasks (lowest slot among ties); -1 for cv: 'loo', which runs
   * on the calling thread. `spans`: each task of the trial (one fold slot; with halving, every rung's) in the order
   * they finished: which worker ran it and when. Tasks sent to a worker in one message (fast trials, warm-started
   * chains) share that message's span in proportion to their fit + score times; a worker's first task includes its
   * start-up and the dataset's loading.
   */
  startedAt: number;
  finishedAt: number;
  worker: number;
  spans: TrialSpan[];
}

/** One task of a trial: a fold slot, the worker (pool slot) that ran it, and when (ms since the search started). */
export interface TrialSpan {
  fold: number;
  worker: number;
  startedAt: number;
  finishedAt: number;
}

/**
 * Why the search ended: 'completed' = every candidate of the space (or every one a random search could find) was
 * evaluated; 'trials' = `search.trials` was smaller than the space and capped it; 'timeout' = `timeoutMs` passed
 * before every proposed candidate finished; 'patience' = `search.patience` trials in a row (candidate order) did not
 * improve on the best, so the search stopped at the last of them.
 */
export type StopReason = 'completed' | 'trials' | 'timeout' | 'patience';

export interface BestTrial {
  index: number;
  params: Params;
  score: number;
  metrics: Record<string, MetricSummary>;
}

/** `Y`: the type of the labels in data.y (see TuneOptions); result.model.predict gives back the same type. */
export interface TuneResult<Y extends Label = number> {
  /** The rank-1 trial with the lowest index, or null when no trial succeeded. */
  best: BestTrial | null;
  /**
   * Finished candidates in proposal order. After a timeout only candidates whose every fold finished are listed
   * (their `index` keeps its proposal number, so indices may have gaps); partly evaluated ones are dropped.
   */
  trials: TrialResult[];
  /** Ranking metric first. */
  scoring: string[];
  stoppedBecause: StopReason;
  /** Refit on all rows with the best hyperparameters (null with refit: false or when every trial failed). */
  model: FittedModel<Y> | null;
  /** The split that scored the trials (folds per repeat, repeats); null with cv: false. */
  cv: { description: string; folds: number; repeats: number } | null;
  elapsedMs: number;
  /** Workers this search was allowed to use. */
  workers: number;
  /**
   * Plain JSON data (what JSON.stringify(result) writes). JSON has no NaN or Infinity, so every non-finite number
   * (a failed trial's NaN score, a NaN fold) is written as null, explicitly: JSON.parse(JSON.stringify(result))
   * deep-equals result.toJSON(). Typed arrays of the model become plain arrays.
   */
  toJSON(): TuneResultJSON;
  /**
   * One header line, then one line per trial (RFC 4180 quoting). Columns: index, rank, status, param_<name> for
   * every hyperparameter of any trial (sorted; empty where a trial lacks it or the value is null), then per metric
   * mean_<m>, std_<m>, fold<i>_<m> (i in foldScores order), then fit_ms, score_ms, error. NaN is written as NaN.
   */
  toCSV(): string;
  /**
   * The share of the score's variation due to each hyperparameter (fANOVA on a random-forest surrogate over the
   * successful trials, as Optuna's FanovaImportanceEvaluator; log ranges in log space), summing to 1. Throws
   * IMPORTANCE_UNDEFINED with fewer than 2 successful trials or a constant score.
   */
  importance(): Record<string, number>;
}

/** A number in JSON form: null stands for NaN, Infinity and -Infinity. */
export type JsonNumber = number | null;

export interface MetricSummaryJSON {
  mean: JsonNumber;
  std: JsonNumber;
  folds: JsonNumber[];
}

export interface TrialResultJSON extends Omit<TrialResult, 'meanScore' | 'stdScore' | 'foldScores' | 'metrics' | 'startedAt' | 'finishedAt'> {
  /** null when no task of the trial ran (it failed admission). */
  startedAt: JsonNumber;
  finishedAt: JsonNumber;
  meanScore: JsonNumber;
  stdScore: JsonNumber;
  foldScores: JsonNumber[];
  metrics: Record<string, MetricSummaryJSON>;
}

export interface TuneResultJSON {
  best: { index: number; params: Params; score: JsonNumber; metrics: Record<string, MetricSummaryJSON> } | null;
  trials: TrialResultJSON[];
  scoring: string[];
  stoppedBecause: StopReason;
  cv: TuneResult['cv'];
  elapsedMs: number;
  workers: number;
  /** FittedModel.toJSON(): model id, hyperparameters, learned parameters (arrays), preprocessing. */
  model: Record<string, unknown> | null;
}

/**
 * Deep copy as JSON data: non-finite numbers -> null, -0 -> 0 (JSON.stringify writes both zeros as 0), typed arrays
 * -> arrays, objects with toJSON -> their JSON. The output survives JSON.stringify/parse unchanged.
 */
export function toJsonData(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v + 0 : null;
  if (v === null || typeof v !== 'object') return v;
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, (x) => toJsonData(x));
  if (Array.isArray(v)) return v.map(toJsonData);
  const withToJson = v as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return toJsonData(withToJson.toJSON());
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x !== 'function') out[k] = toJsonData(x);
  return out;
}

/** The result object: the fields plus toJSON / toCSV over them. */
export function makeResult(
  fields: Omit<TuneResult, 'toJSON' | 'toCSV' | 'importance'>,
  importance: () => Record<string, number> = () => {
    throw new Error('importance() needs the search space');
  },
): TuneResult {
  return {
    ...fields,
    importance,
    toJSON: () => toJsonData({ ...fields, model: fields.model ? fields.model.toJSON() : null }) as TuneResultJSON,
    toCSV: () => trialsToCSV(fields.trials, fields.scoring),
  };
}

/** Per-candidate accumulator filled as fold outcomes arrive (in any order: `task` is the fold's slot). */
export class TrialAccumulator {
  readonly foldScores: Record<string, number[]> = {};
  fitMs = 0;
  scoreMs = 0;
  reported = 0;
  errors: string[] = [];
  /** Where and when each reported task ran (see TrialResult.spans). */
  readonly spans: TrialSpan[] = [];

  constructor(
    readonly index: number,
    readonly params: Params,
    readonly metrics: string[],
    readonly nTasks: number,
  ) {
    for (const m of metrics) this.foldScores[m] = new Array<number>(nTasks).fill(NaN);
  }

  addOutcome(task: number, scores: Record<string, number>, fitMs: number, scoreMs: number): void {
    for (const m of this.metrics) this.foldScores[m][task] = scores[m] ?? NaN;
    this.fitMs += fitMs;
    this.scoreMs += scoreMs;
    this.reported++;
  }

  /** Copies this accumulator's outcomes (slots 0 .. nTasks - 1) into `other`, which has at least as many slots
   *  (a halving rung over more folds keeps the folds its candidate already ran). */
  copyInto(other: TrialAccumulator): void {
    for (const m of this.metrics) for (let i = 0; i < this.nTasks; i++) other.foldScores[m][i] = this.foldScores[m][i];
    other.fitMs += this.fitMs;
    other.scoreMs += this.scoreMs;
    other.reported += this.reported;
    other.errors.push(...this.errors);
    other.spans.push(...this.spans);
  }

  /** Records where and when a task of this trial ran (timing only: scores never depend on it). */
  addSpan(span: TrialSpan): void {
    this.spans.push(span);
  }

  /** A fold that threw: its scores stay NaN and the trial fails. */
  addFailure(message: string): void {
    this.errors.push(message);
    this.reported++;
  }

  /** Every fold has reported (scores or an error). */
  get complete(): boolean {
    return this.reported === this.nTasks;
  }

  /**
   * The trial row. `errorScore` (a number, NaN by default) becomes the meanScore of a failed trial, so it ranks
   * where the user asked; its folds keep NaN where they failed, so a fold score is never made up.
   */
  toTrial(errorScore = NaN): TrialResult {
    const metrics: Record<string, MetricSummary> = {};
    for (const m of this.metrics) metrics[m] = summarize(this.foldScores[m]);
    const threw = this.errors.length > 0 || this.metrics.length === 0;
    const first = metrics[this.metrics[0]];
    // A fold that produced NaN/Infinity (e.g. a diverging fit) fails the trial: never reported as a score.
    const nonFinite = !threw && !Number.isFinite(first.mean);
    const status = threw || nonFinite ? 'failed' : 'ok';
    const done = Math.max(1, this.reported - this.errors.length);
    return {
      index: this.index,
      params: this.params,
      meanScore: status === 'ok' ? first.mean : errorScore,
      stdScore: status === 'ok' ? first.std : NaN,
      foldScores: first.folds,
      rank: 0,
      metrics,
      fitMs: this.fitMs / done,
      scoreMs: this.scoreMs / done,
      status,
      error: threw ? this.errors[0] ?? 'no metric' : nonFinite ? nonFiniteMessage(this.metrics[0], first.folds) : null,
      ...timing(this.spans),
    };
  }
}

/** A trial's startedAt / finishedAt / worker from its tasks' spans (NaN and -1 when none ran, e.g. admission failed). */
export function timing(spans: readonly TrialSpan[]): Pick<TrialResult, 'startedAt' | 'finishedAt' | 'worker' | 'spans'> {
  let startedAt = Infinity;
  let finishedAt = -Infinity;
  const counts = new Map<number, number>();
  for (const s of spans) {
    startedAt = Math.min(startedAt, s.startedAt);
    finishedAt = Math.max(finishedAt, s.finishedAt);
    counts.set(s.worker, (counts.get(s.worker) ?? 0) + 1);
  }
  let worker = -1;
  let most = 0;
  for (const [w, c] of counts) if (c > most || (c === most && w < worker)) [worker, most] = [w, c];
  if (spans.length === 0) return { startedAt: NaN, finishedAt: NaN, worker: -1, spans: [] };
  return { startedAt, finishedAt, worker, spans: spans.map((s) => ({ ...s })) };
}

function nonFiniteMessage(metric: string, folds: number[]): string {
  const bad = folds.flatMap((v, i) => (Number.isFinite(v) ? [] : [`fold ${i} = ${v}`]));
  return `${metric} is not finite (${bad.join(', ')}): the metric is undefined on that fold or the fit diverged.`;
}

function summarize(folds: number[]): MetricSummary {
  const n = folds.length;
  let mean = 0;
  for (const v of folds) mean += v;
  mean /= n;
  let v2 = 0;
  for (const v of folds) v2 += (v - mean) * (v - mean);
  return { mean, std: Math.sqrt(v2 / n), folds: folds.slice() };
}

/** Assigns ranks in place by the first metric's direction; NaN scores rank after every number. */
export function rankTrials(trials: TrialResult[], metric: string): void {
  const greater = getMetric(metric).greaterIsBetter;
  const key = (t: TrialResult): number => (Number.isNaN(t.meanScore) ? NaN : greater ? -t.meanScore : t.meanScore);
  // NaN keys sort last and tie with each other (a plain subtraction would make the comparator inconsistent).
  const cmpKey = (a: number, b: number): number =>
    Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : Number.isNaN(b) ? -1 : a < b ? -1 : a > b ? 1 : 0;
  const order = trials.map((_, i) => i).sort((a, b) => cmpKey(key(trials[a]), key(trials[b])) || a - b);
  let rank = 0;
  for (let i = 0; i < order.length; i++) {
    const t = trials[order[i]];
    if (i === 0 || cmpKey(key(t), key(trials[order[i - 1]])) !== 0) rank = i + 1;
    t.rank = rank;
  }
}

/** The best trial: the successful one with the lowest rank, lowest index among ties (scikit-learn's best_index_). */
export function pickBest(trials: TrialResult[]): BestTrial | null {
  let best: TrialResult | null = null;
  for (const t of trials) {
    if (t.status !== 'ok') continue;
    if (!best || t.rank < best.rank || (t.rank === best.rank && t.index < best.index)) best = t;
  }
  return best ? { index: best.index, params: best.params, score: best.meanScore, metrics: best.metrics } : null;
}

/** One CSV cell: empty for null/undefined, an array value as its JSON ("[128,64]", quoted for its comma). */
function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : Array.isArray(v) ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV of TuneResult.toCSV (columns documented there). */
export function trialsToCSV(trials: TrialResult[], scoring: string[]): string {
  const paramNames = [...new Set(trials.flatMap((t) => Object.keys(t.params)))].sort();
  const nFolds = trials.reduce((m, t) => Math.max(m, t.foldScores.length), 0);
  const header = ['index', 'rank', 'status', ...paramNames.map((p) => `param_${p}`)];
  for (const m of scoring) {
    header.push(`mean_${m}`, `std_${m}`);
    for (let f = 0; f < nFolds; f++) header.push(`fold${f}_${m}`);
  }
  header.push('fit_ms', 'score_ms', 'error');
  const lines = [header.map(csvCell).join(',')];
  for (const t of trials) {
    const row: unknown[] = [t.index, t.rank, t.status, ...paramNames.map((p) => t.params[p])];
    for (const m of scoring) {
      const s = t.metrics[m];
      row.push(s?.mean, s?.std);
      for (let f = 0; f < nFolds; f++) row.push(s?.folds[f]);
    }
    row.push(t.fitMs.toFixed(3), t.scoreMs.toFixed(3), t.error);
    lines.push(row.map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}
