import type { Params } from './types';
import type { FittedModel } from './model';
import { getMetric } from './metrics/index';

/** Mean, standard deviation (population, as scikit-learn's std_test_score) and per-fold values of one metric. */
export interface MetricSummary {
  mean: number;
  std: number;
  folds: number[];
}

/** One row per candidate (columnar in spirit, like scikit-learn's cv_results_). */
export interface TrialResult {
  /** Candidate number in proposal order. */
  index: number;
  /** The hyperparameters of this candidate (with `model` when the space chooses the model). */
  params: Params;
  /** Mean over folds of the ranking (first) metric. NaN when the trial failed. */
  meanScore: number;
  stdScore: number;
  foldScores: number[];
  /** 1 = best; ties share the lower rank (scikit-learn's method='min'); failed trials rank last. */
  rank: number;
  /** Every requested metric. */
  metrics: Record<string, MetricSummary>;
  /** Mean fit time per fold, and mean scoring time per fold, in ms. */
  fitMs: number;
  scoreMs: number;
  status: 'ok' | 'failed';
  error: string | null;
}

export type StopReason = 'completed' | 'trials' | 'timeout';

export interface BestTrial {
  index: number;
  params: Params;
  score: number;
  metrics: Record<string, MetricSummary>;
}

export interface TuneResult {
  best: BestTrial | null;
  trials: TrialResult[];
  /** Ranking metric first. */
  scoring: string[];
  stoppedBecause: StopReason;
  /** Refit on all rows with the best hyperparameters (null with refit: false or when every trial failed). */
  model: FittedModel | null;
  cv: { description: string; folds: number; repeats: number } | null;
  elapsedMs: number;
  workers: number;
  toJSON(): Record<string, unknown>;
  toCSV(): string;
}

/** Per-candidate accumulator filled as fold outcomes arrive. */
export class TrialAccumulator {
  readonly foldScores: Record<string, number[]> = {};
  fitMs = 0;
  scoreMs = 0;
  reported = 0;
  errors: string[] = [];

  constructor(
    readonly index: number,
    readonly params: Params,
    readonly metrics: string[],
    readonly nTasks: number,
  ) {
    for (const m of metrics) this.foldScores[m] = new Array<number>(nTasks).fill(NaN);
  }

  addOutcome(task: number, scores: Record<string, number>, fitMs: number, scoreMs: number): void {
    for (const m of this.metrics) this.foldScores[m][task] = scores[m];
    this.fitMs += fitMs;
    this.scoreMs += scoreMs;
    this.reported++;
  }

  addFailure(message: string): void {
    this.errors.push(message);
    this.reported++;
  }

  get complete(): boolean {
    return this.reported === this.nTasks;
  }

  toTrial(): TrialResult {
    const metrics: Record<string, MetricSummary> = {};
    for (const m of this.metrics) metrics[m] = summarize(this.foldScores[m]);
    const failed = this.errors.length > 0 || this.metrics.length === 0;
    const first = metrics[this.metrics[0]];
    // A fold that produced NaN/Infinity (e.g. a diverging fit) fails the trial: never reported as a score.
    const nonFinite = !failed && !Number.isFinite(first.mean);
    const status = failed || nonFinite ? 'failed' : 'ok';
    const done = Math.max(1, this.reported - this.errors.length);
    return {
      index: this.index,
      params: this.params,
      meanScore: status === 'ok' ? first.mean : NaN,
      stdScore: status === 'ok' ? first.std : NaN,
      foldScores: first.folds,
      rank: 0,
      metrics,
      fitMs: this.fitMs / done,
      scoreMs: this.scoreMs / done,
      status,
      error: failed ? this.errors[0] ?? 'no metric' : nonFinite ? `non-finite ${this.metrics[0]} in some fold` : null,
    };
  }
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

/** Assigns ranks in place by the first metric's direction; NaN scores rank after every finite one. */
export function rankTrials(trials: TrialResult[], metric: string): void {
  const greater = getMetric(metric).greaterIsBetter;
  const key = (t: TrialResult): number =>
    Number.isNaN(t.meanScore) ? Infinity : greater ? -t.meanScore : t.meanScore;
  const order = trials.map((t, i) => i).sort((a, b) => key(trials[a]) - key(trials[b]) || a - b);
  let rank = 0;
  for (let i = 0; i < order.length; i++) {
    const t = trials[order[i]];
    if (i === 0 || key(t) !== key(trials[order[i - 1]])) rank = i + 1;
    t.rank = rank;
  }
}

/** The best trial: rank 1, lowest index among ties (scikit-learn's best_index_), or null when all failed. */
export function pickBest(trials: TrialResult[]): BestTrial | null {
  let best: TrialResult | null = null;
  for (const t of trials) {
    if (t.status !== 'ok') continue;
    if (!best || t.rank < best.rank || (t.rank === best.rank && t.index < best.index)) best = t;
  }
  return best ? { index: best.index, params: best.params, score: best.meanScore, metrics: best.metrics } : null;
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'number' && Number.isNaN(v) ? 'NaN' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line per trial: index, rank, status, every hyperparameter, each metric's mean/std and per-fold scores. */
export function trialsToCSV(trials: TrialResult[], scoring: string[]): string {
  const paramNames = [...new Set(trials.flatMap((t) => Object.keys(t.params)))].sort();
  const nFolds = trials.reduce((m, t) => Math.max(m, t.foldScores.length), 0);
  const header = ['index', 'rank', 'status', ...paramNames.map((p) => `param_${p}`)];
  for (const m of scoring) {
    header.push(`mean_${m}`, `std_${m}`);
    for (let f = 0; f < nFolds; f++) header.push(`fold${f}_${m}`);
  }
  header.push('fit_ms', 'score_ms', 'error');
  const lines = [header.join(',')];
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
