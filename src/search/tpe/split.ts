/**
 * Ranking of observations as Optuna 3.1's _get_observation_pairs / _split_observation_pairs do (single objective):
 * each trial gets a key (step key, value), compared lexicographically; a complete trial is (-inf, value), a pruned
 * one (-step of its last intermediate value, that value; inf when it is NaN) or (1, 0) without intermediate values,
 * a pending one (the constant liar) (inf, inf). The best gamma(n) keys form l(x), the rest g(x); both keep
 * chronological order. Failed trials are not observations at all.
 */
import type { TrialRecord } from '../types';

export interface ObservationKey {
  stepKey: number;
  value: number;
}

export function observationKey(r: TrialRecord): ObservationKey | null {
  if (r.state === 'complete') return { stepKey: -Infinity, value: r.value };
  if (r.state === 'pruned') {
    if (r.step === undefined) return { stepKey: 1, value: 0 };
    return { stepKey: -r.step, value: Number.isNaN(r.value) ? Infinity : r.value };
  }
  return null;
}

export const PENDING_KEY: ObservationKey = Object.freeze({ stepKey: Infinity, value: Infinity });

/** Indices (into keys) of the nBelow best and of the rest, each ascending (stable sort, as numpy's kind='stable'). */
export function splitObservations(keys: readonly ObservationKey[], nBelow: number): { below: number[]; above: number[] } {
  const order = keys
    .map((_, i) => i)
    .sort((a, b) => cmp(keys[a].stepKey, keys[b].stepKey) || cmp(keys[a].value, keys[b].value) || a - b);
  const below = order.slice(0, nBelow).sort((a, b) => a - b);
  const above = order.slice(nBelow).sort((a, b) => a - b);
  return { below, above };
}

/** numpy's sort order for floats: NaN last. */
function cmp(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
