import type { Scaler } from './protocol';

/**
 * z-scores fitted on the given rows only (population std, as scikit-learn's StandardScaler); a constant column gets
 * scale 1 so it maps to 0 instead of NaN (scikit-learn does the same).
 */
export function fitScaler(X: Float64Array, rows: number, cols: number): Scaler {
  const mean = new Float64Array(cols);
  const scale = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mean[c] += X[r * cols + c];
  for (let c = 0; c < cols; c++) mean[c] /= rows;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const d = X[r * cols + c] - mean[c];
      scale[c] += d * d;
    }
  }
  const eps = Number.EPSILON;
  for (let c = 0; c < cols; c++) {
    const variance = scale[c] / rows;
    // scikit-learn 1.2's _is_constant_feature: a variance within the rounding error of its own computation is zero.
    const bound = rows * eps * variance + (rows * mean[c] * eps) ** 2;
    scale[c] = variance <= bound ? 1 : Math.sqrt(variance);
  }
  return { mean, scale };
}

/** Applies a scaler in place to a row-major matrix. */
export function applyScaler(X: Float64Array, rows: number, cols: number, s: Scaler): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      X[i] = (X[i] - s.mean[c]) / s.scale[c];
    }
  }
}
