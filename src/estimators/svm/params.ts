/**
 * Hyperparameters shared by SVC and SVR (scikit-learn 1.2.1's names in camelCase, its defaults) and how a trainer
 * reads them. gamma is 'scale', 'auto' or a number >= 0, resolved per fit by resolveGamma.
 */
import type { HyperparameterSchema } from '../types';
import type { Params } from '../../types';
import { TuneError } from '../../errors';

export type KernelName = 'linear' | 'poly' | 'rbf' | 'sigmoid';
/** Kernel kinds as assembly/svm/kernel.ts numbers them. */
export const KERNEL_KIND: Record<KernelName, number> = { linear: 0, poly: 1, rbf: 2, sigmoid: 3 };

export const KERNEL_SCHEMAS: Record<string, HyperparameterSchema> = {
  kernel: {
    type: 'enum',
    values: ['linear', 'poly', 'rbf', 'sigmoid'],
    default: 'rbf',
    doc: "Kernel: 'linear' x.z, 'poly' (gamma x.z + coef0)^degree, 'rbf' exp(-gamma |x - z|^2), 'sigmoid' tanh(gamma x.z + coef0).",
  },
  C: {
    type: 'float',
    min: 0,
    exclusiveMin: true,
    default: 1,
    doc: 'Penalty on margin violations (> 0): larger C fits the training rows more closely (less regularisation).',
  },
  gamma: {
    type: 'float',
    min: 0,
    also: ['scale', 'auto'],
    default: 'scale',
    doc: "Kernel coefficient of rbf, poly and sigmoid: 'scale' = 1 / (n_features * X.var()) of each fit's training rows, 'auto' = 1 / n_features, or a number >= 0.",
  },
  degree: { type: 'int', min: 1, default: 3, doc: "Degree of the 'poly' kernel (>= 1); other kernels ignore it." },
  coef0: { type: 'float', default: 0, doc: "Constant term of the 'poly' and 'sigmoid' kernels." },
  tol: {
    type: 'float',
    min: 0,
    exclusiveMin: true,
    default: 1e-3,
    doc: "Stopping tolerance of libsvm's SMO: stop when the maximal KKT violation m(a) - M(a) falls below tol.",
  },
  shrinking: { type: 'bool', default: true, doc: 'Use the shrinking heuristic (same solution, usually faster).' },
  maxIter: { type: 'int', min: -1, default: -1, doc: 'Limit on SMO iterations per sub-problem; -1 means no limit.' },
};

export interface KernelSettings {
  kernel: KernelName;
  C: number;
  gamma: 'scale' | 'auto' | number;
  degree: number;
  coef0: number;
  tol: number;
  shrinking: boolean;
  maxIter: number;
}

function pick<T>(params: Params, name: string, fallback: T): T {
  const v = params[name];
  return v === undefined ? fallback : (v as T);
}

/** The kernel and solver settings with scikit-learn's defaults; rejects values the schema cannot (defensive). */
export function kernelSettings(model: string, params: Params): KernelSettings {
  const s: KernelSettings = {
    kernel: pick(params, 'kernel', 'rbf'),
    C: Number(pick(params, 'C', 1)),
    gamma: pick<'scale' | 'auto' | number>(params, 'gamma', 'scale'),
    degree: Number(pick(params, 'degree', 3)),
    coef0: Number(pick(params, 'coef0', 0)),
    tol: Number(pick(params, 'tol', 1e-3)),
    shrinking: Boolean(pick(params, 'shrinking', true)),
    maxIter: Number(pick(params, 'maxIter', -1)),
  };
  if (!(s.C > 0)) throw new TuneError('INVALID_HYPERPARAMETER', `${model}.C must be > 0, got ${s.C}; use a positive C such as 1.`);
  if (typeof s.gamma === 'number' && !(s.gamma >= 0)) {
    throw new TuneError('INVALID_HYPERPARAMETER', `${model}.gamma must be >= 0, 'scale' or 'auto', got ${s.gamma}; use 'scale'.`);
  }
  if (!(s.degree >= 1) || !Number.isInteger(s.degree)) {
    throw new TuneError('INVALID_HYPERPARAMETER', `${model}.degree must be an integer >= 1, got ${s.degree}; use 3.`);
  }
  if (!(KERNEL_KIND[s.kernel] >= 0)) throw new TuneError('INVALID_HYPERPARAMETER', `${model}.kernel '${s.kernel}' is unknown; use 'rbf'.`);
  return s;
}

/**
 * numpy's pairwise summation (add.reduce over a contiguous float64 array): blocks of 128 summed with 8 accumulators,
 * halves above that. X.var() goes through it, so 'scale' gets the gamma scikit-learn computes, not one an ulp away.
 */
export function pairwiseSum(a: Float64Array, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i];
    return res;
  }
  if (n <= 128) {
    const r = [a[start], a[start + 1], a[start + 2], a[start + 3], a[start + 4], a[start + 5], a[start + 6], a[start + 7]];
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let k = 0; k < 8; k++) r[k] += a[start + i + k];
    let res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) res += a[start + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}

/** np.var of every value (population variance, numpy's two-pass order). */
export function numpyVar(values: Float64Array): number {
  const n = values.length;
  const mean = pairwiseSum(values, 0, n) / n;
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    sq[i] = d * d;
  }
  return pairwiseSum(sq, 0, n) / n;
}
