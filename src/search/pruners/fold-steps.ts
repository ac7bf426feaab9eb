/**
 * The `folds` resource for pruners: a candidate scored fold by fold reports step k = the mean of folds 0..k.
 * Only the prefix of folds that have finished counts (fold 2 done before fold 1 reports nothing new), so the
 * steps a pruner sees depend on fold indices, not on which worker finished first. Scores are "as the metric is
 * defined"; the pruner's direction must be the metric's.
 */
export function foldSteps(foldScores: readonly (number | undefined)[]): Map<number, number> {
  const out = new Map<number, number>();
  let sum = 0;
  for (let k = 0; k < foldScores.length; k++) {
    const v = foldScores[k];
    if (v === undefined) break;
    sum += v;
    out.set(k, sum / (k + 1));
  }
  return out;
}
