/**
 * A Gaussian mixture fit (scikit-learn 1.2.1 `GaussianMixture.fit`): nInit runs of (initialise, EM), the run with the
 * highest lower bound kept (the first when none is higher: `lower_bound > max_lower_bound or max_lower_bound == -inf`),
 * `converged` true when any run converged (as scikit-learn's `converged_`), then scoring of a side with the kept
 * parameters (a final E-step: labels, responsibilities, mean log-likelihood). Arena blocks are released on return.
 */
import type { Kernels } from '../../worker/kernels';
import type { FoldSide } from '../types';
import { EmWorkspace, type EmOutcome, type EmSettings, type GmmState } from './em';
import { fillResp, type InitResp } from './init';

export interface MixtureFit extends GmmState, EmOutcome {}

/** What the kept parameters say about a side's rows. */
export interface SideScore {
  /** Mean over rows of log p(x) (scikit-learn's `score`). */
  logLikelihood: number;
  labels: Float64Array;
  /** rows x k responsibilities (predict_proba), when asked for. */
  resp?: Float64Array;
}

function scoreSide(kernels: Kernels, ws: EmWorkspace, side: FoldSide, withResp: boolean): SideScore {
  const { arena } = kernels;
  const k = ws.k;
  const mark = arena.mark();
  try {
    const out = arena.alloc(side.rows * k * 8);
    const total = ws.eStep(side, out);
    const resp = arena.f64(out, side.rows * k);
    const labels = new Float64Array(side.rows);
    for (let i = 0; i < side.rows; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (resp[i * k + c] > resp[i * k + best]) best = c;
      labels[i] = best;
    }
    return { logLikelihood: total / side.rows, labels, resp: withResp ? resp.slice() : undefined };
  } finally {
    arena.release(mark);
  }
}

/**
 * Fits on `train` from the given starts (one per run) and, when `test` is given, scores it with the kept parameters.
 * `fixed` replaces the starts by given parameters (one run from weights/means/precision factors: the parity hook
 * that reproduces scikit-learn's weights_init / means_init / precisions_init).
 */
export function fitMixture(
  kernels: Kernels,
  train: FoldSide,
  s: EmSettings,
  starts: InitResp[],
  test: FoldSide | null,
  withResp = false,
  fixed?: GmmState,
): { fit: MixtureFit; score: SideScore | null } {
  const { arena } = kernels;
  const mark = arena.mark();
  try {
    const ws = new EmWorkspace(kernels, train, s);
    let best: GmmState | null = null;
    let bestOutcome: EmOutcome = { lowerBound: -Infinity, nIter: 0, converged: false };
    let converged = false;
    const runs = fixed ? 1 : starts.length;
    for (let r = 0; r < runs; r++) {
      if (fixed) ws.setState(fixed.weights, fixed.means, fixed.precisionsCholesky);
      else {
        fillResp(ws.respView(), ws.n, ws.k, starts[r]);
        ws.initFromResp();
      }
      const outcome = ws.run();
      converged ||= outcome.converged;
      if (best === null || outcome.lowerBound > bestOutcome.lowerBound || bestOutcome.lowerBound === -Infinity) {
        best = ws.snapshot();
        bestOutcome = outcome;
      }
    }
    ws.restore(best!);
    const score = test ? scoreSide(kernels, ws, test, withResp) : null;
    return { fit: { ...best!, ...bestOutcome, converged }, score };
  } finally {
    arena.release(mark);
  }
}
