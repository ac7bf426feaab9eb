/**
 * The `rows` resource: which rows of a fold a rung trains and scores on.
 *
 * scikit-learn's `_SubsampleMetaSplitter` keeps int(fraction * n) rows of each fold's train part and of its test
 * part (fraction = nResources / nSamples), drawn with `resample(replace=False, random_state=...)`. With an integer
 * random_state that is one fixed permutation per call, so its rungs see nested subsets. numpy's stream cannot be
 * reproduced here, so the rule is ours, with the same sizes and the same nesting:
 *   - sizes: train m = floor((nResources / nSamples) * nTrain), test m = floor((nResources / nSamples) * nTest),
 *     the same double arithmetic as scikit-learn's int(fraction * n);
 *   - choice: a Fisher-Yates permutation of the part's positions, from createRng(deriveSeed(seed, fold, part)) with
 *     part 0 = train, 1 = test (so it is independent of the candidate, the rung and the worker); a rung takes the
 *     first m positions of it, so a bigger rung's rows always include a smaller rung's rows;
 *   - order: the chosen rows are returned in ascending row order (as the fold lists them), so at the full
 *     resource (m = nTrain) a rung trains on exactly the rows a plain search would, in the same order.
 * Every candidate of a rung therefore sees the same rows, as in scikit-learn.
 */
import { createRng, deriveSeed } from '../../rng';

/** A salt in the seed so this stream never collides with a trial's own (seed, candidate, fold) stream. */
const SUBSAMPLE_SALT = 0x68616c76; // 'halv'

/** scikit-learn's int(fraction * n) with fraction = nResources / nSamples. */
export function subsampleSize(nResources: number, nSamples: number, n: number): number {
  return Math.min(n, Math.floor((nResources / nSamples) * n));
}

/**
 * The rows (a subset of `rows`, ascending) a rung with `nResources` uses from one part of a fold.
 * `rows` are the part's row indices as the splitter lists them; `part` 0 = train, 1 = test.
 */
export function subsampleRows(
  rows: Int32Array,
  nResources: number,
  nSamples: number,
  seed: number,
  fold: number,
  part: 0 | 1,
): Int32Array {
  const m = subsampleSize(nResources, nSamples, rows.length);
  if (m >= rows.length) return rows.slice();
  const positions = new Int32Array(rows.length);
  for (let i = 0; i < positions.length; i++) positions[i] = i;
  createRng(deriveSeed(seed, SUBSAMPLE_SALT, fold, part)).shuffle(positions);
  const chosen = positions.subarray(0, m).slice().sort();
  const out = new Int32Array(m);
  for (let i = 0; i < m; i++) out[i] = rows[chosen[i]];
  return out;
}
