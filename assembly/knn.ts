// Neighbour tables for k-nearest-neighbours. One table per (fold, metric) serves every nNeighbors <= k and both
// weighting schemes, so the pool computes it once and candidates only vote.

/**
 * For each of nQ query rows of `dist` (nQ x nRef, row-major f64), write the k smallest entries in ascending order:
 * outIdx[q * k + r] (i32 reference index) and outDist[q * k + r] (f64). Ties are broken by the lower reference
 * index, which makes the table deterministic. Requires 1 <= k <= nRef.
 * Cost: O(nRef * k) worst case per query via insertion into a sorted window; typical O(nRef) since most
 * candidates fail the first comparison against the current k-th distance.
 */
export function knnTable(dist: usize, nQ: i32, nRef: i32, k: i32, outIdx: usize, outDist: usize): void {
  assert(k >= 1 && k <= nRef, 'knnTable: k must be in [1, nRef]');
  for (let q = 0; q < nQ; q++) {
    const row = dist + (<usize>q * <usize>nRef << 3);
    const di = outDist + (<usize>q * <usize>k << 3);
    const ii = outIdx + (<usize>q * <usize>k << 2);
    let filled = 0;
    for (let j = 0; j < nRef; j++) {
      const v = load<f64>(row + (<usize>j << 3));
      if (filled == k) {
        // Strictly smaller only: equal distances keep the earlier (lower) index already in the window.
        if (!(v < load<f64>(di + (<usize>(k - 1) << 3)))) continue;
      } else {
        filled++;
      }
      // Insert v at its sorted place, shifting larger entries one slot right (the last one falls off when full).
      let pos = filled - 1;
      while (pos > 0) {
        const prev = load<f64>(di + (<usize>(pos - 1) << 3));
        if (prev <= v) break;
        store<f64>(di + (<usize>pos << 3), prev);
        store<i32>(ii + (<usize>pos << 2), load<i32>(ii + (<usize>(pos - 1) << 2)));
        pos--;
      }
      store<f64>(di + (<usize>pos << 3), v);
      store<i32>(ii + (<usize>pos << 2), j);
    }
  }
}
