/** Exports of assembly/sgd.ts (pointers and lengths are plain numbers in wasm32). Contracts are documented there. */
export interface SgdKernels {
  /** Loss of prediction p against target y for a loss id (see SGD_LOSS in src/estimators/sgd-engine.ts). */
  sgdLoss(kind: number, param: number, p: number, y: number): number;
  /** Its derivative with respect to p. */
  sgdDLoss(kind: number, param: number, p: number, y: number): number;
  /** One epoch over `order` for nModels linear models; returns the update counter t after the epoch. */
  sgdEpoch(
    x: number, d: number, order: number, nOrder: number, y: number, nModels: number,
    model: number, grad: number, m1: number, m2: number, l1q: number, perModel: number,
    lossKind: number, lossParam: number, penalty: number, schedule: number, optimizer: number,
    alpha: number, l1Ratio: number, eta0: number, powerT: number, optimalInit: number, momentum: number,
    batchSize: number, fitIntercept: number, computeLoss: number, t: number,
  ): number;
  /** Fisher-Yates shuffle of order (n i32) from a 32-bit seed (splitmix32). */
  sgdShuffle(order: number, n: number, seed: number): void;
  /** out[r * nModels + m] = w_m . x_row + b_m over the listed rows (rows = 0: rows 0..nRows-1). */
  sgdDecision(x: number, d: number, rows: number, nRows: number, model: number, nModels: number, out: number): void;
}
