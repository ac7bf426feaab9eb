/**
 * Which past trials the GP is fitted on. Fitting is O(n^3) per likelihood evaluation, so past `cap` trials the
 * sampler keeps a deterministic subset of exactly `cap` rows:
 *   - the ceil(cap / 2) best (lowest y; ties broken by the lower index), which keep the model accurate where the
 *     optimum is, and
 *   - the most recent of the others until cap is reached, which keep it aware of where it searched lately.
 * Rows are returned in increasing index order, so the subset depends only on (y, cap).
 */
export const DEFAULT_MAX_TRIALS = 200;

export function selectHistory(y: Float64Array, cap: number): Int32Array {
  const n = y.length;
  if (n <= cap) {
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => y[a] - y[b] || a - b);
  const keep = new Uint8Array(n);
  const nBest = Math.ceil(cap / 2);
  for (let r = 0; r < nBest; r++) keep[order[r]] = 1;
  let count = nBest;
  for (let i = n - 1; i >= 0 && count < cap; i--) {
    if (!keep[i]) {
      keep[i] = 1;
      count++;
    }
  }
  const out = new Int32Array(cap);
  let w = 0;
  for (let i = 0; i < n; i++) if (keep[i]) out[w++] = i;
  return out;
}
