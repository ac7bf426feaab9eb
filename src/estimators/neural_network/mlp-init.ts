/**
 * Initial weights of an MLP, in the flat layout of assembly/neural_network/mlp.ts (per layer: weights fanIn x fanOut
 * row-major, then fanOut biases). Drawn from the trial's seed; the rng is consumed layer by layer, weights first.
 */
import type { Rng } from '../../rng';
import type { MlpActivation, WeightInit } from './mlp-schema';

/** Values of the flat parameter vector for layer sizes [inputs, hidden..., outputs]. */
export function paramCount(sizes: readonly number[]): number {
  let n = 0;
  for (let l = 0; l + 1 < sizes.length; l++) n += sizes[l] * sizes[l + 1] + sizes[l + 1];
  return n;
}

/**
 * 'glorot-uniform' is scikit-learn's `_init_coef`: weights and biases uniform in +-sqrt(f / (fanIn + fanOut)) with
 * f = 2 for a logistic activation and 6 otherwise (the hidden activation decides, for every layer, as scikit-learn
 * does). The others draw weights only and start biases at 0: 'glorot-normal' N(0, 2 / (fanIn + fanOut)),
 * 'he-uniform' +-sqrt(6 / fanIn), 'he-normal' N(0, 2 / fanIn). 'zeros' makes every unit of a layer identical.
 */
export function initialTheta(sizes: readonly number[], init: WeightInit, activation: MlpActivation, rng: Rng): Float64Array {
  const theta = new Float64Array(paramCount(sizes));
  let o = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const nw = fanIn * fanOut;
    if (init === 'glorot-uniform') {
      const bound = Math.sqrt((activation === 'logistic' ? 2 : 6) / (fanIn + fanOut));
      for (let i = 0; i < nw + fanOut; i++) theta[o + i] = -bound + 2 * bound * rng.next();
    } else if (init === 'he-uniform') {
      const bound = Math.sqrt(6 / fanIn);
      for (let i = 0; i < nw; i++) theta[o + i] = -bound + 2 * bound * rng.next();
    } else if (init === 'glorot-normal' || init === 'he-normal') {
      const sd = Math.sqrt(2 / (init === 'he-normal' ? fanIn : fanIn + fanOut));
      for (let i = 0; i < nw; i++) theta[o + i] = sd * rng.normal();
    }
    o += nw + fanOut;
  }
  return theta;
}
