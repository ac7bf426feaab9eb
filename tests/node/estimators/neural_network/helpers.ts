/** Shared set-up of the MLP tests: standardised datasets resident in a kernel instance, and settings from params. */
import type { Kernels } from '../../../../src/worker/kernels';
import type { FoldSide, TrainContext } from '../../../../src/estimators/types';
import { fitScaler, applyScaler } from '../../../../src/worker/standardize';
import { loadDataset } from '../../../helpers/fixtures';

export interface Resident {
  side: FoldSide;
  classes: Float64Array;
}

/** The dataset standardised on all rows (and its target too when asked), copied into the kernels' memory. */
export function residentDataset(kernels: Kernels, name: string, standardizeTarget = false): Resident {
  const data = loadDataset(name);
  const rows = data.X.length;
  const cols = data.X[0].length;
  const X = Float64Array.from(data.X.flat());
  applyScaler(X, rows, cols, fitScaler(X, rows, cols));
  const y = Float64Array.from(data.y);
  if (standardizeTarget) applyScaler(y, rows, 1, fitScaler(y, rows, 1));
  const classes = Float64Array.from([...new Set(data.y)].sort((a, b) => a - b));
  return { side: { ptr: kernels.arena.allocF64(X), rows, cols, y }, classes };
}

export function context(kernels: Kernels, seed: number, classes: Float64Array | null): TrainContext {
  return { kernels, foldCache: new Map(), seed, hints: {}, classes };
}
