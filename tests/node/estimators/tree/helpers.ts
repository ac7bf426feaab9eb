/** Trees fitted in-process on the debug wasm build (asserts active), as a worker would, for structure tests. */
import type { Learned } from '../../../../src/estimators/types';
import type { Params } from '../../../../src/types';
import { getEstimator } from '../../../../src/estimators/registry';
import { withDefaults } from '../../../../src/validate';
import { context, debugKernels, side } from '../linear/debug-context';
import { camel } from '../../../helpers/reference';

/** scikit-learn's snake_case params (None = null) to ours, every default filled in. */
export function ours(model: string, sk: Record<string, unknown>): Params {
  const hp: Params = {};
  for (const [k, v] of Object.entries(sk)) hp[camel(k)] = v as Params[string];
  return withDefaults(getEstimator(model), hp);
}

/** Fits `model` on (X, y) in-process and returns its learned parameters. */
export function fitInProcess(model: string, X: number[][], y: number[], params: Params, seed = 1): Learned {
  const def = getEstimator(model);
  const k = debugKernels();
  const classes = def.kind === 'classifier' ? [...new Set(y)].sort((a, b) => a - b) : null;
  const ctx = { ...context(k, classes), seed };
  return def.trainer.fit(ctx, side(k, X, y), params);
}
