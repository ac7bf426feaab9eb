/**
 * Pieces shared by the linear models: the fitIntercept schema, parameter reading, finiteness checks (a diverging or
 * failed fit throws instead of producing NaN predictions), and predictions X w + b both through the wasm kernels
 * (worker side, on a fold resident in wasm memory) and in plain TypeScript (main thread, for result.model).
 */
import type { FoldSide, HyperparameterSchema, TrainContext } from './types';
import type { Matrix, Params } from '../types';

export const FIT_INTERCEPT_SCHEMA: HyperparameterSchema = {
  type: 'bool',
  default: true,
  doc: 'Learn an intercept (the data are centred for the fit and the intercept is never penalised); false forces it to 0.',
};

export const MAX_ITER_DOC = 'Maximum number of iterations of the solver (the fit reports converged: false when it runs out).';

/** Numeric hyperparameter with the schema default when absent. */
export function num(params: Params, name: string, fallback: number): number {
  const v = params[name];
  return v === undefined || v === null ? fallback : Number(v);
}

export function bool(params: Params, name: string, fallback: boolean): boolean {
  const v = params[name];
  return v === undefined || v === null ? fallback : Boolean(v);
}

/** The targets of a supervised fold side (the facade guarantees them; this guards direct use). */
export function targets(model: string, side: FoldSide): Float64Array {
  if (!side.y) throw new Error(`${model}: targets are required (pass data.y)`);
  return side.y;
}

/** Throws when any value is NaN or infinite: a failed fit must fail the trial, not score silently. */
export function assertFinite(model: string, what: string, values: ArrayLike<number>, hint: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new Error(`${model}: the fit produced a non-finite ${what} (${values[i]} at index ${i}); ${hint}`);
    }
  }
}

/** X (rows x cols in wasm memory) times coef (K x cols) plus intercept (K), via the SIMD kernel; rows x K out. */
export function scoresInWasm(ctx: TrainContext, side: FoldSide, coef: Float64Array, intercept: Float64Array): Float64Array {
  const { wasm, arena } = ctx.kernels;
  const K = intercept.length;
  const mark = arena.mark();
  try {
    const wPtr = arena.allocF64(coef);
    const bPtr = arena.allocF64(intercept);
    const outPtr = arena.alloc(side.rows * K * 8);
    wasm.linearPredict(side.ptr, side.rows, side.cols, wPtr, K, bPtr, outPtr);
    return arena.f64(outPtr, side.rows * K).slice();
  } finally {
    arena.release(mark);
  }
}

/** Same as scoresInWasm in plain TypeScript (main thread): rows x K scores of X. */
export function scoresInJs(X: Matrix, coef: Float64Array, intercept: Float64Array): Float64Array {
  const K = intercept.length;
  const { rows, cols, values } = X;
  if (coef.length !== K * cols) {
    throw new Error(`linear model: ${coef.length} coefficients do not fit ${K} output(s) x ${cols} features`);
  }
  const out = new Float64Array(rows * K);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let k = 0; k < K; k++) {
      let s = intercept[k];
      const wk = k * cols;
      for (let c = 0; c < cols; c++) s += values[base + c] * coef[wk + c];
      out[i * K + k] = s;
    }
  }
  return out;
}

/** Regression learned parameters -> predictions of X (pure TS). */
export function predictRegression(learned: Record<string, unknown>, X: Matrix): Float64Array {
  const coef = learned.coef as Float64Array;
  const intercept = Float64Array.of(learned.intercept as number);
  return scoresInJs(X, coef, intercept);
}

/** sum_c a_c b_c */
export function dotJs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Largest |v_i|. */
export function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}
