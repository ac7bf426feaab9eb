/**
 * The worker's side of search.pruner over epochs (runner/epoch-pruning.ts): after each training epoch the trainer
 * hands over a way to predict the fold's test rows; this scores them by the ranking metric, keeps the per-epoch
 * scores, and says stop when the task's thresholds cut the fold (search/pruners/step-thresholds.ts, Optuna's
 * median / percentile rule). Steps are 0-based: epoch e is step e - 1.
 *
 * Pure given `score`: no I/O.
 */
import { prunedAtLastStep } from '../search/pruners/step-thresholds';
import type { Prediction } from '../estimators/types';
import type { EpochPruningTask, EpochReport } from './protocol';

export interface EpochProbe {
  /** TrainContext.epochProbe: false = stop training here. */
  probe(epoch: number, predict: () => Prediction): boolean;
  /** What the fold reports back. */
  report(): EpochReport;
}

export function createEpochProbe(task: EpochPruningTask, score: (pred: Prediction) => number): EpochProbe {
  const values: number[] = [];
  let pruned = false;
  return {
    probe(epoch, predict) {
      if (epoch !== values.length + 1) throw new Error(`epoch probe: epoch ${epoch} reported after ${values.length} (a trainer bug)`);
      values.push(score(predict()));
      if (task.thresholds && prunedAtLastStep(task.thresholds, values)) pruned = true;
      return !pruned;
    },
    report: () => ({ values: Float64Array.from(values), pruned }),
  };
}
