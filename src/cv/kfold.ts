import type { Rng } from '../rng';

/**
 * K-fold fold ids, like scikit-learn's `KFold`: rows are cut into k contiguous blocks, the first `n % k` blocks one
 * row longer than the rest, so fold sizes differ by at most 1. With an `rng` the blocks are cut from a seeded
 * permutation of the rows instead of from row order (KFold with shuffle=True).
 *
 * Contract: 2 <= k <= n is checked by the caller (plan.ts); every row gets a fold in 0..k-1 (none is -1).
 */
export function kfoldIds(n: number, k: number, rng: Rng | null): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (rng) rng.shuffle(order);

  const ids = new Int32Array(n);
  const base = Math.floor(n / k);
  const extra = n % k;
  let pos = 0;
  for (let fold = 0; fold < k; fold++) {
    const size = base + (fold < extra ? 1 : 0);
    for (let j = 0; j < size; j++) ids[order[pos++]] = fold;
  }
  return ids;
}
