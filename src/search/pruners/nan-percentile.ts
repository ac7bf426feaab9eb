/**
 * numpy 1.24's nanpercentile(a, q) for a 1-D array with the default 'linear' method, to the last bit: NaN values
 * are dropped; with n values left, the virtual index is (n - 1) * (q / 100); below/above the ends it clamps to
 * the first/last value; otherwise numpy's `_lerp` of the two neighbours a, b with weight t (the fractional part):
 * a + (b - a) * t, or b - (b - a) * (1 - t) when t >= 0.5 (so infinities give NaN exactly where numpy's do).
 * No value left -> NaN.
 */
export function nanPercentile(values: readonly number[], q: number): number {
  const a = values.filter((v) => !Number.isNaN(v)).sort((x, y) => x - y);
  const n = a.length;
  if (n === 0) return Number.NaN;
  const virtual = (n - 1) * (q / 100);
  let lo: number;
  let hi: number;
  if (virtual >= n - 1) {
    lo = n - 1;
    hi = n - 1;
  } else if (virtual < 0) {
    lo = 0;
    hi = 0;
  } else {
    lo = Math.floor(virtual);
    hi = lo + 1;
  }
  const t = virtual - Math.floor(virtual);
  const diff = a[hi] - a[lo];
  return t >= 0.5 ? a[hi] - diff * (1 - t) : a[lo] + diff * t;
}
