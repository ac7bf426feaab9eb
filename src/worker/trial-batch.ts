/**
 * The wire form of a batch of trials, both ways, imported by the pool's side and the worker's.
 *
 * Why: a KNN grid sends hundreds of trials a second in batches of up to 64. Sent as one object per trial each way,
 * the main thread spent ~1 ms of CPU per W1 search (600 tasks and 600 outcomes) cloning and un-cloning them, time
 * taken from a worker when every core runs one. A batch's trials share their group (dataset, split,
 * fold, model) and the search's settings, so those go once; outcomes go column-wise as three typed arrays.
 *
 * Pure: no I/O, no worker state.
 */
import type { EpochReport, TrialBatch, TrialBatchOutcome, TrialFailure, TrialOutcome, TrialTask } from './protocol';

/** The fields every trial of a batch must share: they are sent once. */
const SHARED = ['datasetId', 'model', 'split', 'fold', 'preprocess'] as const;

/**
 * Packs trials of one group. Throws when they do not share SHARED, their metrics or their hints (a caller bug: a
 * batch is taken from one affinity queue, and tune()'s affinity names the split, fold and model).
 */
export function packTrialBatch(tasks: TrialTask[]): TrialBatch {
  if (tasks.length === 0) throw new Error('packTrialBatch: empty batch');
  const first = tasks[0];
  for (const t of tasks) {
    for (const k of SHARED) {
      if (t[k] !== first[k]) throw new Error(`packTrialBatch: trials of one batch differ in ${k} (${String(first[k])} vs ${String(t[k])})`);
    }
    if (t.metrics !== first.metrics && !sameList(t.metrics, first.metrics)) throw new Error('packTrialBatch: trials of one batch differ in metrics');
    if (t.hints !== first.hints && JSON.stringify(t.hints) !== JSON.stringify(first.hints)) {
      throw new Error('packTrialBatch: trials of one batch differ in hints');
    }
  }
  return {
    datasetId: first.datasetId,
    model: first.model,
    split: first.split,
    fold: first.fold,
    preprocess: first.preprocess,
    metrics: first.metrics,
    hints: first.hints,
    params: tasks.map((t) => t.params),
    seeds: tasks.map((t) => t.seed),
    ...(tasks.some((t) => t.checkpoint) ? { checkpoints: tasks.map((t) => t.checkpoint ?? null) } : {}),
    ...(tasks.some((t) => t.epochPruning) ? { epochPruning: tasks.map((t) => t.epochPruning ?? null) } : {}),
  };
}

/** Trial `i` of a packed batch, as it was before packing. */
export function trialOf(batch: TrialBatch, i: number): TrialTask {
  return {
    datasetId: batch.datasetId,
    model: batch.model,
    params: batch.params[i],
    split: batch.split,
    fold: batch.fold,
    preprocess: batch.preprocess,
    metrics: batch.metrics,
    seed: batch.seeds[i],
    hints: batch.hints,
    ...(batch.checkpoints?.[i] ? { checkpoint: batch.checkpoints[i]! } : {}),
    ...(batch.epochPruning?.[i] ? { epochPruning: batch.epochPruning[i]! } : {}),
  };
}

/** Packs a batch's outcomes in trial order; `metrics` is the batch's (each outcome has a score for each). */
export function packOutcomes(metrics: string[], results: (TrialOutcome | TrialFailure)[]): TrialBatchOutcome {
  const m = metrics.length;
  const scores = new Float64Array(results.length * m);
  const fitMs = new Float64Array(results.length);
  const scoreMs = new Float64Array(results.length);
  let errors: (string | null)[] | null = null;
  let checkpoints: unknown[] | undefined;
  let epochs: (EpochReport | null)[] | undefined;
  results.forEach((r, i) => {
    if ('error' in r) {
      (errors ??= new Array<string | null>(results.length).fill(null))[i] = r.error;
      scores.fill(NaN, i * m, i * m + m);
      return;
    }
    for (let j = 0; j < m; j++) scores[i * m + j] = r.scores[metrics[j]];
    fitMs[i] = r.fitMs;
    scoreMs[i] = r.scoreMs;
    if (r.checkpoint !== undefined) (checkpoints ??= new Array<unknown>(results.length).fill(null))[i] = r.checkpoint;
    if (r.epochs !== undefined) (epochs ??= new Array<EpochReport | null>(results.length).fill(null))[i] = r.epochs;
  });
  return { scores, fitMs, scoreMs, errors, ...(checkpoints ? { checkpoints } : {}), ...(epochs ? { epochs } : {}) };
}

/** The outcomes of a packed batch, one per trial, as the worker produced them. */
export function unpackOutcomes(metrics: string[], out: TrialBatchOutcome): (TrialOutcome | TrialFailure)[] {
  const m = metrics.length;
  const n = out.fitMs.length;
  const results = new Array<TrialOutcome | TrialFailure>(n);
  for (let i = 0; i < n; i++) {
    const error = out.errors?.[i];
    if (error != null) {
      results[i] = { error };
      continue;
    }
    const scores: Record<string, number> = {};
    for (let j = 0; j < m; j++) scores[metrics[j]] = out.scores[i * m + j];
    const outcome: TrialOutcome = { scores, fitMs: out.fitMs[i], scoreMs: out.scoreMs[i] };
    const checkpoint = out.checkpoints?.[i];
    if (checkpoint != null) outcome.checkpoint = checkpoint;
    const epochs = out.epochs?.[i];
    if (epochs) outcome.epochs = epochs;
    results[i] = outcome;
  }
  return results;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
