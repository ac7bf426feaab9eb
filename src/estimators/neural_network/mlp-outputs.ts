/**
 * Network outputs in wasm for rows already in wasm memory: the forward pass (after the output activation) of
 * `theta` over rows 0..rows-1 of `side` (row-major, sizes[0] columns). Used for test predictions and by the epoch
 * probe of search.pruner over epochs. Allocates in the arena and releases before returning.
 */
import type { Kernels } from '../../worker/kernels';
import { ACTIVATION_ID } from './mlp-engine';
import type { MlpActivation } from './mlp-schema';

export function outputsOfRows(
  kernels: Kernels, side: { ptr: number; rows: number }, sizes: readonly number[], theta: Float64Array,
  activation: MlpActivation, output: keyof typeof ACTIVATION_ID,
): Float64Array {
  const { wasm, arena } = kernels;
  const nOut = sizes[sizes.length - 1];
  const batch = Math.max(1, Math.min(256, side.rows));
  const units = sizes.reduce((a, b) => a + b, 0);
  const mark = arena.mark();
  try {
    const sizesPtr = arena.alloc(sizes.length * 4);
    const thetaPtr = arena.allocF64(theta);
    const actPtr = arena.alloc(batch * units * 8);
    const outPtr = arena.alloc(Math.max(1, side.rows * nOut) * 8);
    arena.i32(sizesPtr, sizes.length).set(sizes);
    wasm.mlpForward(side.ptr, 0, side.rows, sizesPtr, sizes.length, thetaPtr, actPtr, batch, ACTIVATION_ID[activation], ACTIVATION_ID[output], outPtr);
    return arena.f64(outPtr, side.rows * nOut).slice();
  } finally {
    arena.release(mark);
  }
}
