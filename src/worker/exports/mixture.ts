/** Exports of assembly/mixture/gaussian.ts (pointers and lengths are plain numbers in wasm32). Contracts there.
 *  covType: 0 full, 1 tied, 2 diag, 3 spherical. */
export interface MixtureKernels {
  gmmWorkBytes(d: number): number;
  /** out (n x k) = log N(x_i | mean_c, cov_c) + logWeights[c], from the precision Cholesky factors. */
  gmmWeightedLogProb(
    x: number, n: number, d: number, k: number, covType: number, means: number, precChol: number, logWeights: number,
    out: number, work: number,
  ): void;
  /** In place: rows of weighted log probabilities -> responsibilities; returns the sum of the rows' logsumexp. */
  gmmResponsibilities(wlp: number, n: number, k: number): number;
  /** nk (+ 10 eps), means and regularised covariances from responsibilities. */
  gmmMStep(
    x: number, n: number, d: number, k: number, covType: number, resp: number, regCovar: number, nk: number,
    means: number, cov: number, work: number,
  ): void;
  /** Precision Cholesky factors; -1, or the first component whose covariance is not positive definite. */
  gmmPrecisionCholesky(cov: number, d: number, k: number, covType: number, precChol: number, work: number): number;
}
