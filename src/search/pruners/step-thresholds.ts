/**
 * The percentile / median rule (percentile.ts) precomputed for a trial that reports steps 0, 1, 2, ... in order, as an
 * epoch loop inside a worker does: the references (completed trials' values by step) are known when the trial
 * starts, so per step the rule reduces to "is the trial's best value so far worse than this threshold". A worker then
 * judges each epoch with a table lookup instead of the references themselves (which would be O(trials x epochs) per
 * task to send). Equivalent to percentilePruner.shouldPrune at every step of such a trial (property-tested).
 *
 * Pure: no I/O.
 */
import { checkPercentileRule } from './percentile';
import { nanPercentile } from './nan-percentile';
import type { Direction, PrunerOptions } from './types';

export interface StepThresholds {
  direction: Direction;
  /** 1 where the rule looks at step s (past the warm-up, first report of its interval), else 0. */
  checked: Uint8Array;
  /** At a checked step: the percentile of the references' values there, or NaN when too few (only an all-NaN trial
   *  is pruned then). */
  thresholds: Float64Array;
}

/**
 * The table for steps 0 .. nSteps - 1, or null when the rule can never prune (kind 'none', or fewer completed
 * references than startupTrials). `references`: each completed trial's values by step (index = step).
 */
export function stepThresholds(
  options: PrunerOptions,
  direction: Direction,
  references: readonly ArrayLike<number>[],
  nSteps: number,
): StepThresholds | null {
  if (options.kind === 'none') return null;
  const rule = checkPercentileRule(options.kind === 'median' ? { ...options, percentile: 50 } : options);
  if (references.length === 0 || references.length < rule.startupTrials) return null;
  const q = direction === 'maximize' ? 100 - rule.percentile : rule.percentile;
  const checked = new Uint8Array(nSteps);
  const thresholds = new Float64Array(nSteps).fill(Number.NaN);
  const atStep: number[] = [];
  for (let s = rule.warmupSteps; s < nSteps; s++) {
    // With every step reported, the first report of an interval is its check point itself.
    if ((s - rule.warmupSteps) % rule.intervalSteps !== 0) continue;
    checked[s] = 1;
    atStep.length = 0;
    for (const r of references) if (s < r.length) atStep.push(r[s]);
    if (atStep.length >= rule.minTrials) thresholds[s] = nanPercentile(atStep, q);
  }
  return { direction, checked, thresholds };
}

/** Whether a trial whose values so far are `values` (steps 0 .. values.length - 1) is pruned at its last step. */
export function prunedAtLastStep(t: StepThresholds, values: readonly number[]): boolean {
  const s = values.length - 1;
  if (s < 0 || s >= t.checked.length || t.checked[s] === 0) return false;
  let best = Number.NaN;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(best) || (t.direction === 'maximize' ? v > best : v < best)) best = v;
  }
  if (Number.isNaN(best)) return true;
  const p = t.thresholds[s];
  if (Number.isNaN(p)) return false;
  return t.direction === 'maximize' ? best < p : best > p;
}
