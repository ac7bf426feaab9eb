import type { EstimatorDef, FoldSide, Learned, TrainContext } from '../types';
import type { Params } from '../../types';
import { KERNEL_KIND, KERNEL_SCHEMAS, kernelSettings, type KernelSettings } from './params';
import { solveSub, type KernelSpec } from './solve';
import { testDecision } from './predict-wasm';
import { crossKernelJs } from './kernel-js';
import { fitInputs } from './fit-inputs';

/**
 * Epsilon-support vector regression (scikit-learn's SVR, libsvm's EPSILON_SVR): the 2l-variable dual solved by the
 * same SMO (assembly/svm/smo.ts), variable k < l with y = +1 and p = epsilon - y_k, variable k + l with y = -1 and
 * p = epsilon + y_k, both on kernel row k; dual coefficient of row k = alpha_k - alpha_{k+l}; intercept = -rho.
 */
interface SvrSettings extends KernelSettings {
  epsilon: number;
}

function settings(params: Params): SvrSettings {
  return { ...kernelSettings('svr', params), epsilon: Number(params.epsilon ?? 0.1) };
}

interface SvrModel {
  svRows: Int32Array;
  coef: Float64Array;
  rho: number;
  sv: Float64Array;
  spec: KernelSpec;
  iter: number;
  timedOut: boolean;
}

function fitSvr(ctx: TrainContext, train: FoldSide, s: SvrSettings): SvrModel {
  const y = train.y!;
  const l = train.rows;
  return fitInputs(ctx, train, s, (values, res, spec) => {
    const rowIdx = Int32Array.from({ length: l }, (_, i) => i);
    const sign = new Int32Array(2 * l).fill(1, 0, l).fill(-1, l);
    const p = new Float64Array(2 * l);
    for (let i = 0; i < l; i++) {
      p[i] = s.epsilon - y[i];
      p[i + l] = s.epsilon + y[i];
    }
    const C = new Float64Array(2 * l).fill(s.C);
    const base = Int32Array.from({ length: 2 * l }, (_, k) => k % l);
    const sol = solveSub(ctx, res, spec, rowIdx, sign, p, C, base, s.tol, s.shrinking, s.maxIter);
    const rows: number[] = [];
    const coef: number[] = [];
    for (let i = 0; i < l; i++) {
      const a = sol.alpha[i] - sol.alpha[i + l];
      if (Math.abs(a) > 0) {
        rows.push(i);
        coef.push(a);
      }
    }
    const cols = train.cols;
    const sv = new Float64Array(rows.length * cols);
    rows.forEach((r, q) => sv.set(values.subarray(r * cols, r * cols + cols), q * cols));
    return { svRows: Int32Array.from(rows), coef: Float64Array.from(coef), rho: sol.rho, sv, spec, iter: sol.iter, timedOut: sol.timedOut };
  });
}

/** sum_j coef_j K_ij - rho per row (libsvm's predict_values for regression). */
function regress(K: Float64Array, rows: number, coef: Float64Array, rho: number): Float64Array {
  const n = coef.length;
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += coef[j] * K[r * n + j];
    out[r] = sum - rho;
  }
  return out;
}

export const svr: EstimatorDef = {
  id: 'svr',
  kind: 'regressor',
  summary: "Epsilon-support vector regression (libsvm's epsilon-SVR): kernel, C, gamma and epsilon in; support vectors and dual coefficients out.",
  hyperparameters: {
    ...KERNEL_SCHEMAS,
    epsilon: {
      type: 'float',
      min: 0,
      default: 0.1,
      doc: 'Width of the epsilon-insensitive tube: training errors smaller than epsilon cost nothing.',
    },
  },
  defaultMetric: 'r2',
  shareKey: () => 'svm',
  trainer: {
    evaluate(ctx, train, test, params) {
      const m = fitSvr(ctx, train, settings(params));
      const yPred = testDecision(ctx, train, test, m.spec, m.svRows, m.sv, Int32Array.of(m.svRows.length), m.coef, Float64Array.of(m.rho));
      return { yPred };
    },
    fit(ctx, train, params): Learned {
      const m = fitSvr(ctx, train, settings(params));
      return {
        supportIndices: m.svRows,
        supportVectors: m.sv,
        dualCoef: m.coef,
        intercept: Float64Array.of(-m.rho),
        nSupport: Int32Array.of(m.svRows.length),
        fittedGamma: m.spec.gamma,
        nIter: m.iter,
        converged: !m.timedOut,
      };
    },
  },
  predict(learned, X, params) {
    const s = settings(params);
    const spec: KernelSpec = { kind: KERNEL_KIND[s.kernel], gamma: learned.fittedGamma as number, coef0: s.coef0, degree: s.degree };
    const sv = learned.supportVectors as Float64Array;
    const coef = learned.dualCoef as Float64Array;
    const K = crossKernelJs(X.values, null, X.rows, sv, coef.length, X.cols, spec);
    return { yPred: regress(K, X.rows, coef, -(learned.intercept as Float64Array)[0]) };
  },
};
