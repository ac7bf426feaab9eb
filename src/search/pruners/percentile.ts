/**
 * Optuna 3.1's PercentilePruner (and MedianPruner = percentile 50), as a pure rule. In order, as `prune` does:
 *   1. no completed trial, or fewer than `startupTrials` -> keep;
 *   2. no reported step -> keep; step = the trial's largest reported step; step < warmupSteps -> keep;
 *   3. unless this is the first report in its interval -> keep. The interval check point is
 *      floor((step - warmup) / interval) * interval + warmup; the trial is checked only if its previous reported
 *      step (the largest other than `step`) is below that point (so a skipped check happens at the next report);
 *   4. best = the trial's best value over all its steps (nanmax / nanmin); every value NaN -> prune;
 *   5. p = numpy.nanpercentile of the completed trials' values at exactly `step` (NaN dropped), at `percentile`
 *      when minimizing and 100 - percentile when maximizing; fewer than `minTrials` values there, or all NaN -> keep;
 *   6. prune when best is worse than p (maximize: best < p; minimize: best > p). Equal is kept.
 */
import { TuneError } from '../../errors';
import { nanPercentile } from './nan-percentile';
import type { Direction, IntermediateValues, Pruner, PrunerTrial } from './types';

export interface PercentileRule {
  percentile: number;
  startupTrials: number;
  warmupSteps: number;
  intervalSteps: number;
  minTrials: number;
}

function steps(iv: IntermediateValues): Iterable<number> {
  return Array.isArray(iv) ? (iv as readonly number[]).keys() : (iv as ReadonlyMap<number, number>).keys();
}

function valueAt(iv: IntermediateValues, step: number): number | undefined {
  if (Array.isArray(iv)) return step < iv.length ? (iv as readonly number[])[step] : undefined;
  return (iv as ReadonlyMap<number, number>).get(step);
}

function values(iv: IntermediateValues): Iterable<number> {
  return Array.isArray(iv) ? (iv as readonly number[]) : (iv as ReadonlyMap<number, number>).values();
}

function lastStep(iv: IntermediateValues): number | undefined {
  let last: number | undefined;
  for (const s of steps(iv)) if (last === undefined || s > last) last = s;
  return last;
}

function isFirstInInterval(step: number, iv: IntermediateValues, warmup: number, interval: number): boolean {
  const nearestLowerCheck = Math.floor((step - warmup) / interval) * interval + warmup;
  let secondLast = -1;
  for (const s of steps(iv)) if (s > secondLast && s !== step) secondLast = s;
  return secondLast < nearestLowerCheck;
}

/** numpy.nanmax / nanmin: NaN only when every value is NaN (or there is none). */
function bestOver(iv: IntermediateValues, direction: Direction): number {
  let best = Number.NaN;
  for (const v of values(iv)) {
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(best) || (direction === 'maximize' ? v > best : v < best)) best = v;
  }
  return best;
}

function count(name: string, v: number | undefined, fallback: number, min: number): number {
  const x = v ?? fallback;
  if (!Number.isInteger(x) || x < min) {
    throw new TuneError('INVALID_PRUNER', `search.pruner ${name} must be an integer >= ${min}, got ${String(v)}.`, {
      option: name,
      value: v,
    });
  }
  return x;
}

export function checkPercentileRule(o: {
  percentile?: number;
  startupTrials?: number;
  warmupSteps?: number;
  intervalSteps?: number;
  minTrials?: number;
}): PercentileRule {
  const percentile = o.percentile;
  if (typeof percentile !== 'number' || !(percentile >= 0 && percentile <= 100)) {
    throw new TuneError(
      'INVALID_PRUNER',
      `search.pruner percentile must be a number between 0 and 100 inclusive, got ${String(percentile)}. ` +
        'E.g. 25 keeps trials in the best quarter at each step.',
      { option: 'percentile', value: percentile },
    );
  }
  return {
    percentile,
    startupTrials: count('startupTrials', o.startupTrials, 5, 0),
    warmupSteps: count('warmupSteps', o.warmupSteps, 0, 0),
    intervalSteps: count('intervalSteps', o.intervalSteps, 1, 1),
    minTrials: count('minTrials', o.minTrials, 1, 1),
  };
}

export function percentilePruner(rule: PercentileRule, direction: Direction): Pruner {
  return {
    shouldPrune(trial: PrunerTrial, others: readonly PrunerTrial[]): boolean {
      const completed = others.filter((t) => t.state === undefined || t.state === 'complete');
      if (completed.length === 0 || completed.length < rule.startupTrials) return false;
      const step = lastStep(trial.intermediate);
      if (step === undefined || step < rule.warmupSteps) return false;
      if (!isFirstInInterval(step, trial.intermediate, rule.warmupSteps, rule.intervalSteps)) return false;
      const best = bestOver(trial.intermediate, direction);
      if (Number.isNaN(best)) return true;
      const atStep: number[] = [];
      for (const t of completed) {
        const v = valueAt(t.intermediate, step);
        if (v !== undefined) atStep.push(v);
      }
      if (atStep.length < rule.minTrials) return false;
      const q = direction === 'maximize' ? 100 - rule.percentile : rule.percentile;
      const p = nanPercentile(atStep, q);
      if (Number.isNaN(p)) return false;
      return direction === 'maximize' ? best < p : best > p;
    },
  };
}
