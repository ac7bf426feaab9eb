// Gaussian naive Bayes kernel. ABI: pointers into linear memory, lengths and scalars; no allocation.
//
// scikit-learn 1.2.1 `GaussianNB._joint_log_likelihood`: for class c,
//   jll[i, c] = log prior[c] - 0.5 * sum_f log(2 pi var[c, f]) - 0.5 * sum_f (x[i, f] - theta[c, f])^2 / var[c, f].
// The per-class constant is summed feature by feature first, then the quadratic term row by row, in that order, as
// numpy evaluates the expression. Scalar loops: the work is n x k x d with tiny k, and the summation order is kept.
import { f64At, setF64 } from '../vector';

/**
 * jll (n x k, row-major) of the rows x (n x d) under k classes: theta and variance k x d (variance already smoothed,
 * > 0), logPrior k (may be -Infinity for a class absent from training: that class's column is -Infinity).
 */
export function gnbJointLogLikelihood(
  x: usize, n: i32, d: i32, k: i32, theta: usize, variance: usize, logPrior: usize, out: usize,
): void {
  const rowBytes = <usize>d << 3;
  for (let c = 0; c < k; c++) {
    const th = theta + <usize>c * rowBytes;
    const va = variance + <usize>c * rowBytes;
    let konst: f64 = 0;
    for (let f = 0; f < d; f++) konst += Math.log(2.0 * Math.PI * f64At(va, f));
    const base = f64At(logPrior, c) - 0.5 * konst;
    for (let i = 0; i < n; i++) {
      const xi = x + <usize>i * rowBytes;
      let q: f64 = 0;
      for (let f = 0; f < d; f++) {
        const diff = f64At(xi, f) - f64At(th, f);
        q += (diff * diff) / f64At(va, f);
      }
      setF64(out, i * k + c, base - 0.5 * q);
    }
  }
}
