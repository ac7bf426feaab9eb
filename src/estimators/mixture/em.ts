/**
 * EM for a Gaussian mixture on the wasm kernels (assembly/mixture/gaussian.ts), scikit-learn 1.2.1
 * `GaussianMixture.fit` for one initialisation:
 *   for nIter = 1..maxIter: E-step (responsibilities and the mean log-likelihood of the current parameters),
 *   M-step (weights = nk / sum nk, means, covariances + regCovar, precision Cholesky factors), lower bound = that
 *   mean log-likelihood; stop when |lower bound - previous| < tol (converged).
 * A covariance that is not positive definite throws SINGULAR_COVARIANCE (scikit-learn's ValueError), whose message
 * says to raise regCovar.
 * Memory: every block of a fit is allocated by the constructor (before any view is taken); the caller releases the
 * arena mark it took before constructing.
 */
import { TuneError } from '../../errors';
import type { Kernels } from '../../worker/kernels';
import type { FoldSide } from '../types';
import { covCode, covLength, type CovarianceType } from './gmm-math';

export interface EmSettings {
  nComponents: number;
  covarianceType: CovarianceType;
  regCovar: number;
  tol: number;
  maxIter: number;
}

/** Parameters of a mixture, JS-owned. covariances is null when a fit started from given precisions and ran no M-step. */
export interface GmmState {
  weights: Float64Array;
  means: Float64Array;
  covariances: Float64Array | null;
  precisionsCholesky: Float64Array;
}

export interface EmOutcome {
  lowerBound: number;
  nIter: number;
  converged: boolean;
}

function singular(component: number, s: EmSettings): TuneError {
  return new TuneError(
    'SINGULAR_COVARIANCE',
    `gaussian-mixture: the ${s.covarianceType} covariance of component ${component} is not positive definite ` +
      '(an ill-defined empirical covariance: a component collapsed on one row or on identical rows). ' +
      `Raise regCovar (now ${s.regCovar}), e.g. to ${s.regCovar > 0 ? s.regCovar * 100 : 1e-6}, or lower nComponents.`,
    { component, regCovar: s.regCovar },
  );
}

/** One fit's wasm blocks over a training side: responsibilities n x k, nk, means, covariances, factors, work. */
export class EmWorkspace {
  readonly n: number;
  readonly d: number;
  readonly k: number;
  private readonly code: number;
  private readonly covLen: number;
  readonly resp: number;
  private readonly nk: number;
  private readonly means: number;
  private readonly cov: number;
  private readonly prec: number;
  private readonly logw: number;
  private readonly work: number;
  weights: Float64Array;
  private haveCov = false;

  constructor(
    private readonly kernels: Kernels,
    private readonly side: FoldSide,
    private readonly s: EmSettings,
  ) {
    const { wasm, arena } = kernels;
    this.n = side.rows;
    this.d = side.cols;
    this.k = s.nComponents;
    this.code = covCode(s.covarianceType);
    this.covLen = covLength(s.covarianceType, this.k, this.d);
    this.resp = arena.alloc(this.n * this.k * 8);
    this.nk = arena.alloc(this.k * 8);
    this.means = arena.alloc(this.k * this.d * 8);
    this.cov = arena.alloc(this.covLen * 8);
    this.prec = arena.alloc(this.covLen * 8);
    this.logw = arena.alloc(this.k * 8);
    this.work = arena.alloc(wasm.gmmWorkBytes(this.d));
    this.weights = new Float64Array(this.k);
  }

  /** The responsibilities block as a view (valid until the arena next grows). */
  respView(): Float64Array {
    return this.kernels.arena.f64(this.resp, this.n * this.k);
  }

  /** M-step from the responsibilities now in `resp`; weights = nk / divisor (n at initialisation, sum nk in EM). */
  private mStep(initial: boolean): void {
    const { wasm, arena } = this.kernels;
    wasm.gmmMStep(this.side.ptr, this.n, this.d, this.k, this.code, this.resp, this.s.regCovar, this.nk, this.means, this.cov, this.work);
    const nk = arena.f64(this.nk, this.k);
    let total = 0;
    for (let c = 0; c < this.k; c++) total += nk[c];
    // scikit-learn: weights /= n_samples at initialisation, weights /= weights.sum() after each M-step.
    const divisor = initial ? this.n : total;
    for (let c = 0; c < this.k; c++) this.weights[c] = nk[c] / divisor;
    const bad = wasm.gmmPrecisionCholesky(this.cov, this.d, this.k, this.code, this.prec, this.work);
    if (bad >= 0) throw singular(bad, this.s);
    this.haveCov = true;
  }

  /** scikit-learn's `_initialize` from responsibilities: the caller fills respView() first. */
  initFromResp(): void {
    this.mStep(true);
  }

  /** Starts from given parameters (scikit-learn's weights_init / means_init / precisions_init, as factors). */
  setState(weights: Float64Array, means: Float64Array, precisionsCholesky: Float64Array): void {
    const { arena } = this.kernels;
    this.weights.set(weights);
    arena.f64(this.means, this.k * this.d).set(means);
    arena.f64(this.prec, this.covLen).set(precisionsCholesky);
    this.haveCov = false;
  }

  /** Weighted log probabilities of `side` (n_side x k) into `out`, then responsibilities; returns the log-likelihood sum. */
  eStep(side: FoldSide, out: number): number {
    const { wasm, arena } = this.kernels;
    const logw = arena.f64(this.logw, this.k);
    for (let c = 0; c < this.k; c++) logw[c] = Math.log(this.weights[c]);
    wasm.gmmWeightedLogProb(side.ptr, side.rows, this.d, this.k, this.code, this.means, this.prec, this.logw, out, this.work);
    return wasm.gmmResponsibilities(out, side.rows, this.k);
  }

  /** EM iterations from the current parameters. */
  run(): EmOutcome {
    let lowerBound = -Infinity;
    let nIter = 0;
    let converged = false;
    for (let it = 1; it <= this.s.maxIter; it++) {
      nIter = it;
      const prev = lowerBound;
      lowerBound = this.eStep(this.side, this.resp) / this.n;
      this.mStep(false);
      if (Math.abs(lowerBound - prev) < this.s.tol) {
        converged = true;
        break;
      }
    }
    return { lowerBound, nIter, converged };
  }

  snapshot(): GmmState {
    const { arena } = this.kernels;
    return {
      weights: this.weights.slice(),
      means: arena.f64(this.means, this.k * this.d).slice(),
      covariances: this.haveCov ? arena.f64(this.cov, this.covLen).slice() : null,
      precisionsCholesky: arena.f64(this.prec, this.covLen).slice(),
    };
  }

  restore(state: GmmState): void {
    this.setState(state.weights, state.means, state.precisionsCholesky);
  }
}
