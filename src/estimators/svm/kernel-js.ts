/**
 * Kernel values in plain TypeScript with the same arithmetic as assembly/svm/kernel.ts (libsvm's k_function): for
 * the main thread's result.model.predict and for the few decision values Platt scaling needs inside a fit.
 */
import type { KernelSpec } from './solve';

function powi(base: number, times: number): number {
  let tmp = base;
  let ret = 1;
  for (let t = times; t > 0; t = Math.trunc(t / 2)) {
    if (t % 2 === 1) ret *= tmp;
    tmp = tmp * tmp;
  }
  return ret;
}

/** k(a, b) for rows a (at aOff) and b (at bOff) of `cols` values. */
export function kernelJs(A: Float64Array, aOff: number, B: Float64Array, bOff: number, cols: number, spec: KernelSpec): number {
  if (spec.kind === 2) {
    let s = 0;
    for (let c = 0; c < cols; c++) {
      const d = A[aOff + c] - B[bOff + c];
      s += d * d;
    }
    return Math.exp(-spec.gamma * s);
  }
  let dot = 0;
  for (let c = 0; c < cols; c++) dot += A[aOff + c] * B[bOff + c];
  if (spec.kind === 0) return dot;
  if (spec.kind === 1) return powi(spec.gamma * dot + spec.coef0, spec.degree);
  return Math.tanh(spec.gamma * dot + spec.coef0);
}

/** out (nA x nB) = k(A_i, B_j); A rows selected by aRows (or all of them). */
export function crossKernelJs(
  A: Float64Array, aRows: Int32Array | null, nA: number, B: Float64Array, nB: number, cols: number, spec: KernelSpec,
): Float64Array {
  const out = new Float64Array(nA * nB);
  for (let i = 0; i < nA; i++) {
    const aOff = (aRows ? aRows[i] : i) * cols;
    for (let j = 0; j < nB; j++) out[i * nB + j] = kernelJs(A, aOff, B, j * cols, cols, spec);
  }
  return out;
}
