/** Exports of assembly/naive_bayes/gaussian.ts (pointers and lengths are plain numbers in wasm32). Contracts there. */
export interface NaiveBayesKernels {
  /** jll (n x k) of the rows x under per-class means theta and smoothed variances (k x d) and log priors (k). */
  gnbJointLogLikelihood(
    x: number, n: number, d: number, k: number, theta: number, variance: number, logPrior: number, out: number,
  ): void;
}
