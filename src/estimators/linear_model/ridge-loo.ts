/**
 * Exact leave-one-out of ridge (and OLS, alpha = 0) from ONE decomposition per dataset, as scikit-learn's RidgeCV
 * does in its gcv mode. Pure math over Float64Array: no I/O, no threads.
 *
 * With Xc the centred X (raw X without an intercept) and u_j, lambda_j the left singular vectors and squared singular
 * values of Xc, the hat matrix of ridge with an unpenalised intercept is
 *   H(alpha) = 11^T / n + sum_j u_j u_j^T lambda_j / (lambda_j + alpha)        (the 1/n term only with an intercept)
 * (1 is orthogonal to every column of Xc, so the intercept separates). The fit on all rows is yhat = H y and the
 * prediction for row i by the model fit WITHOUT row i is exactly  y_i - (y_i - yhat_i) / (1 - H_ii).
 * The u_j come from the eigen-decomposition of the smaller Gram matrix: Xc^T Xc (p x p, u_j = Xc v_j / sqrt(lambda_j))
 * when n >= p, else Xc Xc^T (n x n, RidgeCV's 'eigen' mode). Eigenvalues below max(n, p) * eps * lambda_max count as
 * zero (the rank cut of lstsq), which makes alpha = 0 the minimum-norm least squares of LinearRegression.
 */

const MAX_SWEEPS = 100;

/** Cyclic Jacobi eigen-decomposition of the symmetric m x m matrix `a` (row-major, overwritten). Returns the
 *  eigenvalues and the eigenvectors as the columns of a row-major m x m matrix. */
export function symmetricEigen(a: Float64Array, m: number): { values: Float64Array; vectors: Float64Array } {
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  let norm = 0;
  for (let i = 0; i < m * m; i++) norm += a[i] * a[i];
  const tiny = 1e-30 * norm;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += a[p * m + q] * a[p * m + q];
    if (off <= tiny) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = a[p * m + q];
        if (apq === 0) continue;
        const theta = (a[q * m + q] - a[p * m + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const akp = a[k * m + p];
          const akq = a[k * m + q];
          a[k * m + p] = c * akp - s * akq;
          a[k * m + q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = a[p * m + k];
          const aqk = a[q * m + k];
          a[p * m + k] = c * apk - s * aqk;
          a[q * m + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = v[k * m + p];
          const vkq = v[k * m + q];
          v[k * m + p] = c * vkp - s * vkq;
          v[k * m + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(m);
  for (let i = 0; i < m; i++) values[i] = a[i * m + i];
  return { values, vectors: v };
}

/** One dataset's decomposition: everything the LOO predictions and the refit need for any alpha. */
export interface LooDecomposition {
  n: number;
  p: number;
  fitIntercept: boolean;
  xMean: Float64Array;
  yMean: number;
  y: Float64Array;
  /** r kept eigenvalues lambda_j of the Gram matrix (squared singular values of Xc). */
  lambda: Float64Array;
  /** n x r row-major: column j is u_j. */
  U: Float64Array;
  /** u_j . yc */
  uty: Float64Array;
  /** p x r row-major: column j is Xc^T u_j (= sqrt(lambda_j) v_j), for the coefficients. */
  XtU: Float64Array;
}

/** Decomposes row-major X (n x p) once; `y` the targets. */
export function decompose(X: Float64Array, n: number, p: number, y: Float64Array, fitIntercept: boolean): LooDecomposition {
  const xMean = new Float64Array(p);
  let yMean = 0;
  if (fitIntercept) {
    for (let i = 0; i < n; i++) {
      yMean += y[i];
      for (let c = 0; c < p; c++) xMean[c] += X[i * p + c];
    }
    yMean /= n;
    for (let c = 0; c < p; c++) xMean[c] /= n;
  }
  const Xc = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let c = 0; c < p; c++) Xc[i * p + c] = X[i * p + c] - xMean[c];
  const yc = Float64Array.from(y, (v) => v - yMean);

  const small = Math.min(n, p);
  const gram = new Float64Array(small * small);
  if (n >= p) {
    for (let i = 0; i < n; i++) {
      const o = i * p;
      for (let a = 0; a < p; a++) {
        const xa = Xc[o + a];
        if (xa === 0) continue;
        for (let b = a; b < p; b++) gram[a * p + b] += xa * Xc[o + b];
      }
    }
  } else {
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) {
      let s = 0;
      for (let c = 0; c < p; c++) s += Xc[i * p + c] * Xc[j * p + c];
      gram[i * n + j] = s;
    }
  }
  for (let a = 0; a < small; a++) for (let b = 0; b < a; b++) gram[a * small + b] = gram[b * small + a];
  const { values, vectors } = symmetricEigen(gram, small);
  let lamMax = 0;
  for (const l of values) lamMax = Math.max(lamMax, l);
  const cutoff = Math.max(n, p) * Number.EPSILON * lamMax;
  const keep: number[] = [];
  for (let j = 0; j < small; j++) if (values[j] > cutoff) keep.push(j);
  const r = keep.length;
  const lambda = Float64Array.from(keep, (j) => values[j]);
  const U = new Float64Array(n * r);
  if (n >= p) {
    keep.forEach((j, k) => {
      const inv = 1 / Math.sqrt(values[j]);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let c = 0; c < p; c++) s += Xc[i * p + c] * vectors[c * p + j];
        U[i * r + k] = s * inv;
      }
    });
  } else {
    keep.forEach((j, k) => { for (let i = 0; i < n; i++) U[i * r + k] = vectors[i * n + j]; });
  }
  const uty = new Float64Array(r);
  const XtU = new Float64Array(p * r);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < r; k++) {
      const u = U[i * r + k];
      uty[k] += u * yc[i];
      for (let c = 0; c < p; c++) XtU[c * r + k] += Xc[i * p + c] * u;
    }
  }
  return { n, p, fitIntercept, xMean, yMean, y: y.slice(), lambda, U, uty, XtU };
}

/** The exact leave-one-out prediction of every row for this alpha (>= 0). */
export function looPredictions(d: LooDecomposition, alpha: number): Float64Array {
  const { n, lambda, U, uty, y } = d;
  const r = lambda.length;
  const shrink = Float64Array.from(lambda, (l) => l / (l + alpha));
  const out = new Float64Array(n);
  const base = d.fitIntercept ? 1 / n : 0;
  for (let i = 0; i < n; i++) {
    let h = base;
    let fit = d.yMean;
    for (let k = 0; k < r; k++) {
      const u = U[i * r + k];
      h += u * u * shrink[k];
      fit += u * shrink[k] * uty[k];
    }
    // h = 1 means row i alone determines a direction: its LOO prediction is undefined (NaN, as 0/0 in RidgeCV).
    out[i] = y[i] - (y[i] - fit) / (1 - h);
  }
  return out;
}

/** Coefficients and intercept of the fit on all rows for this alpha (w = sum_j Xc^T u_j (u_j . yc) / (lambda_j + alpha)). */
export function ridgeCoefficients(d: LooDecomposition, alpha: number): { coef: Float64Array; intercept: number } {
  const { p, lambda, uty, XtU } = d;
  const r = lambda.length;
  const coef = new Float64Array(p);
  for (let c = 0; c < p; c++) {
    let s = 0;
    for (let k = 0; k < r; k++) s += (XtU[c * r + k] * uty[k]) / (lambda[k] + alpha);
    coef[c] = s;
  }
  let intercept = 0;
  if (d.fitIntercept) {
    intercept = d.yMean;
    for (let c = 0; c < p; c++) intercept -= d.xMean[c] * coef[c];
  }
  return { coef, intercept };
}
