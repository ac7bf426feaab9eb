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

/**
 * Indices (into keys) of the nBelow best and of the rest, each ascending: the same split as a stable sort of all keys
 * (numpy's kind='stable'), found by keeping only the nBelow best in a small sorted buffer (nBelow <= 25 while n grows
 * to thousands), so a proposal does not sort every observation.
 */
export function splitObservations(keys: readonly ObservationKey[], nBelow: number): { below: number[]; above: number[] } {
  const n = keys.length;
  const k = Math.max(0, Math.min(nBelow, n));
  /** a before b in the stable order. */
  const before = (a: number, b: number): boolean => {
    const c = cmp(keys[a].stepKey, keys[b].stepKey) || cmp(keys[a].value, keys[b].value);
    return c < 0 || (c === 0 && a < b);
  };
  const best: number[] = [];
  for (let i = 0; i < n && k > 0; i++) {
    if (best.length === k && !before(i, best[k - 1])) continue;
    let pos = best.length === k ? k - 1 : best.length;
    while (pos > 0 && before(i, best[pos - 1])) pos--;
    if (best.length === k) best.pop();
    best.splice(pos, 0, i);
  }
  const isBelow = new Uint8Array(n);
  for (const i of best) isBelow[i] = 1;
  const below: number[] = [];
  const above: number[] = [];
  for (let i = 0; i < n; i++) (isBelow[i] ? below : above).push(i);
  return { below, above };
}

/** numpy's sort order for floats: NaN last. */
function cmp(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
