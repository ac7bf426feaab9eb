/**
 * Which candidates advance to the next rung: the top ceil(n / factor) by score, as scikit-learn's `_top_k`,
 * made deterministic. scikit-learn sorts with numpy's (unstable) argsort, so the winner among equal scores is
 * unspecified there; here equal scores are ordered by candidate index (the lower index wins). NaN (a failed
 * candidate) ranks below every number, as in `_top_k`; it still advances when fewer numbers than places exist.
 */

/** Orders candidates best first: score (by direction), NaN last, then candidate index. */
export function rankCandidates(
  candidates: readonly number[],
  scores: readonly number[],
  greaterIsBetter = true,
): number[] {
  if (candidates.length !== scores.length) {
    throw new RangeError(`rankCandidates: ${candidates.length} candidates but ${scores.length} scores`);
  }
  const order = candidates.map((_, i) => i);
  order.sort((a, b) => {
    const sa = scores[a];
    const sb = scores[b];
    const na = Number.isNaN(sa);
    const nb = Number.isNaN(sb);
    if (na !== nb) return na ? 1 : -1;
    if (!na && sa !== sb) return greaterIsBetter ? (sb > sa ? 1 : -1) : sa > sb ? 1 : -1;
    return candidates[a] - candidates[b];
  });
  return order.map((i) => candidates[i]);
}

/**
 * The candidates kept after a rung: ceil(n / factor) of them, returned in ascending candidate index (the next
 * rung's order), so the result depends only on (candidates, scores), never on completion order.
 */
export function selectSurvivors(
  candidates: readonly number[],
  scores: readonly number[],
  factor: number,
  greaterIsBetter = true,
): number[] {
  const keep = Math.ceil(candidates.length / factor);
  return rankCandidates(candidates, scores, greaterIsBetter)
    .slice(0, keep)
    .sort((a, b) => a - b);
}
