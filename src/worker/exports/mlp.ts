/** Exports of assembly/neural_network/ (pointers and lengths are plain numbers in wasm32). Contracts are documented
 *  there (mlp.ts: layouts of theta, act, delta, mask; optimizers.ts: the optimizer scalars). */
export interface MlpKernels {
  /** One training epoch over `order`; returns the accumulated batch loss x rows (NaN once it diverged). */
  mlpEpoch(
    x: number, y: number, order: number, nOrder: number, sizes: number, nLayers: number,
    theta: number, grad: number, buf1: number, buf2: number, dir: number, st: number,
    act: number, delta: number, mask: number, yb: number,
    hidden: number, output: number, lossKind: number, solver: number,
    batch: number, alpha: number, l1: number, dropout: number, seed: number,
  ): number;
  /** Network outputs for rows of x (listed rows, or 0 = rows 0..nRows-1) in chunks of `batch` rows. */
  mlpForward(
    x: number, rows: number, nRows: number, sizes: number, nLayers: number, theta: number, act: number, batch: number,
    hidden: number, output: number, out: number,
  ): void;
  /** Values in theta (weights and biases of every layer) for these layer sizes. */
  mlpParamCount(sizes: number, nLayers: number): number;
  /** C = A B + bias with A(i, p) at a + 8 (i sai + p sap), B row-major k x n (bias 0: none). */
  gemmNN(c: number, a: number, sai: number, sap: number, b: number, bias: number, m: number, n: number, k: number): void;
  /** C = A B^T, A row-major m x k, B row-major n x k. */
  gemmNT(c: number, a: number, b: number, m: number, n: number, k: number): void;
}
