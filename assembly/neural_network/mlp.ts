// The multi-layer perceptron's epoch and forward pass (scikit-learn 1.2.1 MLPClassifier / MLPRegressor semantics:
// neural_network/_multilayer_perceptron.py `_fit_stochastic`, `_forward_pass`, `_backprop`). No allocation: every
// buffer is host-owned and reused for every batch and epoch.
//
// Shapes. `sizes` (i32, nLayers entries) = [inputs, hidden..., outputs]; layer l (0 <= l < nLayers - 1) maps
// sizes[l] units to sizes[l + 1]. The flat parameter vector `theta` holds, for each l in order, the weights W_l
// (sizes[l] x sizes[l + 1], row-major: W_l[i * sizes[l + 1] + j] connects input unit i to output unit j, scikit-learn's
// coefs_[l]) followed by the biases b_l (sizes[l + 1], intercepts_[l]). `grad`, and the optimizer buffers have the
// same layout. `act`, `delta` and `mask` hold `batch` rows per layer, layer after layer (layer l starts at batch *
// (sizes[0] + ... + sizes[l - 1]) values); act's layer 0 is the gathered input batch, delta's layer 0 is unused.
import { gemmNN, gemmNT } from './matmul';
import { activateInPlace, derivativeAt, derivativeInPlace } from './activations';
import { batchLoss, outputDelta } from './loss';
import { adamUpdate, sgdUpdate } from './optimizers';

export const SOLVER_SGD: i32 = 0;
export const SOLVER_ADAM: i32 = 1;

@inline function sizeAt(sizes: usize, l: i32): i32 {
  return load<i32>(sizes + (<usize>l << 2));
}

/** Number of values in theta for this architecture. */
export function mlpParamCount(sizes: usize, nLayers: i32): i32 {
  let n = 0;
  for (let l = 0; l + 1 < nLayers; l++) n += sizeAt(sizes, l) * sizeAt(sizes, l + 1) + sizeAt(sizes, l + 1);
  return n;
}

/** Copies the listed rows (or rows first..first+count when rows = 0) of a row-major matrix with `cols` columns. */
@inline function gather(dst: usize, src: usize, cols: i32, rows: usize, first: i32, count: i32): void {
  const bytes = <usize>cols << 3;
  for (let r = 0; r < count; r++) {
    const row = rows != 0 ? load<i32>(rows + (<usize>(first + r) << 2)) : first + r;
    memory.copy(dst + <usize>r * bytes, src + <usize>row * bytes, bytes);
  }
}

/**
 * Forward pass of `count` rows already in act's layer 0; `batch` is the row capacity per layer of act. hidden and
 * output are activation ids (output may be softmax). `dropout` is 0 (no dropout) or the address of one rate per
 * hidden layer (nLayers - 2 f64 values in [0, 1)): with rate r > 0 each unit of that layer is kept with probability
 * 1 - r and scaled by 1 / (1 - r) (inverted dropout), and mask receives f'(z) times that factor (0 when dropped) for
 * the backward pass; a layer with rate 0 draws nothing and gets mask f'(z) (computed in the backward pass, mask
 * unused). Returns the updated random state.
 */
function forward(
  sizes: usize, nLayers: i32, theta: usize, act: usize, mask: usize, batch: i32, count: i32,
  hidden: i32, output: i32, dropout: usize, rngState: u32,
): u32 {
  let state = rngState;
  let w = theta;
  let aIn = act;
  for (let l = 0; l + 1 < nLayers; l++) {
    const fanIn = sizeAt(sizes, l);
    const fanOut = sizeAt(sizes, l + 1);
    const aOut = aIn + (<usize>(batch * fanIn) << 3);
    const b = w + (<usize>(fanIn * fanOut) << 3);
    gemmNN(aOut, aIn, fanIn, 1, w, b, count, fanOut, fanIn);
    const last = l + 2 == nLayers;
    activateInPlace(last ? output : hidden, aOut, count * fanOut, fanOut);
    const rate = !last && dropout != 0 ? load<f64>(dropout + (<usize>l << 3)) : 0.0;
    if (rate > 0) {
      const keepScale = 1.0 / (1.0 - rate);
      const m = mask + (aOut - act);
      for (let i = 0; i < count * fanOut; i++) {
        // splitmix32 step: one uniform draw per hidden unit and row.
        state += 0x9e3779b9;
        let z = state;
        z = (z ^ (z >>> 16)) * 0x21f0aaad;
        z = (z ^ (z >>> 15)) * 0x735a2d97;
        z ^= z >>> 15;
        const u = <f64>z / 4294967296.0;
        const o = <usize>i << 3;
        if (u < rate) {
          store<f64>(aOut + o, 0);
          store<f64>(m + o, 0);
        } else {
          const a = load<f64>(aOut + o);
          store<f64>(m + o, derivativeAt(hidden, a) * keepScale);
          store<f64>(aOut + o, a * keepScale);
        }
      }
    }
    w = b + (<usize>fanOut << 3);
    aIn = aOut;
  }
  return state;
}

/**
 * One epoch of minibatch training over the rows listed in `order` (nOrder of them, in that order), batches of
 * `batch` rows (the last one shorter). x: rows x sizes[0] inputs; y: rows x sizes[nLayers - 1] targets (one-hot for
 * softmax, 0/1 for a logistic output, values for regression); yb: batch x outputs scratch. Per batch: forward,
 * loss + 0.5 alpha ||W||^2 / rows + l1 |W|_1 / rows, backward (weight gradients (A^T delta + alpha W + l1 sign W) /
 * rows, bias gradients the mean delta), then one solver step (SOLVER_SGD with buf1 = velocities, or SOLVER_ADAM with
 * buf1, buf2 = first and second moments; dir = hypergradient direction; st = optimizer scalars, see optimizers.ts).
 * dropout: 0 or the address of one rate per hidden layer (see forward); seed: the dropout masks' random state.
 * Returns the sum over batches of batch loss x batch rows (scikit-learn's accumulated_loss); NaN if it diverged.
 */
export function mlpEpoch(
  x: usize, y: usize, order: usize, nOrder: i32, sizes: usize, nLayers: i32,
  theta: usize, grad: usize, buf1: usize, buf2: usize, dir: usize, st: usize,
  act: usize, delta: usize, mask: usize, yb: usize,
  hidden: i32, output: i32, lossKind: i32, solver: i32,
  batch: i32, alpha: f64, l1: f64, dropout: usize, seed: u32,
): f64 {
  const nOut = sizeAt(sizes, nLayers - 1);
  const nParams = mlpParamCount(sizes, nLayers);
  let state = seed;
  let accumulated = 0.0;
  for (let start = 0; start < nOrder; start += batch) {
    const count = min(batch, nOrder - start);
    const fc = <f64>count;
    gather(act, x, sizeAt(sizes, 0), order, start, count);
    gather(yb, y, nOut, order, start, count);
    state = forward(sizes, nLayers, theta, act, mask, batch, count, hidden, output, dropout, state);

    // Layer offsets (values) of the output layer in act / delta.
    let outOff = 0;
    for (let l = 0; l + 1 < nLayers; l++) outOff += batch * sizeAt(sizes, l);
    const p = act + (<usize>outOff << 3);
    let loss = batchLoss(lossKind, p, yb, count, nOut);
    let sq = 0.0;
    let ab = 0.0;
    let w = theta;
    for (let l = 0; l + 1 < nLayers; l++) {
      // Per layer, then summed over layers (scikit-learn's sum of np.dot(W.ravel(), W.ravel())).
      const nw = sizeAt(sizes, l) * sizeAt(sizes, l + 1);
      // Two lanes (even and odd entries) then their sum: a different rounding order than one running sum, well
      // within the 1e-10 the parity fixtures ask for.
      let sqv = f64x2.splat(0);
      let abv = f64x2.splat(0);
      const nw2 = nw & ~1;
      for (let i = 0; i < nw2; i += 2) {
        const v = v128.load(w + (<usize>i << 3));
        sqv = f64x2.add(sqv, f64x2.mul(v, v));
        abv = f64x2.add(abv, f64x2.abs(v));
      }
      let sqLayer = f64x2.extract_lane(sqv, 0) + f64x2.extract_lane(sqv, 1);
      ab += f64x2.extract_lane(abv, 0) + f64x2.extract_lane(abv, 1);
      if (nw2 < nw) {
        const v = load<f64>(w + (<usize>nw2 << 3));
        sqLayer += v * v;
        ab += Math.abs(v);
      }
      sq += sqLayer;
      w += <usize>(nw + sizeAt(sizes, l + 1)) << 3;
    }
    loss += (0.5 * alpha * sq) / fc;
    if (l1 > 0) loss += (l1 * ab) / fc;
    accumulated += loss * fc;
    outputDelta(delta + (<usize>outOff << 3), p, yb, count * nOut);

    // Backward, last layer first. wOff: offset of W_l in theta (values); aOff: offset of act layer l.
    let wEnd = nParams;
    let aOff = outOff;
    for (let l = nLayers - 2; l >= 0; l--) {
      const fanIn = sizeAt(sizes, l);
      const fanOut = sizeAt(sizes, l + 1);
      const bOff = wEnd - fanOut;
      const wOff = bOff - fanIn * fanOut;
      const dNext = delta + (<usize>aOff << 3);
      aOff -= batch * fanIn;
      const aPrev = act + (<usize>aOff << 3);
      const gW = grad + (<usize>wOff << 3);
      const W = theta + (<usize>wOff << 3);
      gemmNN(gW, aPrev, 1, fanIn, dNext, 0, fanIn, fanOut, count);
      const nw = fanIn * fanOut;
      let i = 0;
      if (l1 == 0) {
        // (g + alpha w) / rows, two at a time: the same operations per lane.
        const va = f64x2.splat(alpha);
        const vn = f64x2.splat(fc);
        for (; i + 2 <= nw; i += 2) {
          const o = <usize>i << 3;
          v128.store(gW + o, f64x2.div(f64x2.add(v128.load(gW + o), f64x2.mul(va, v128.load(W + o))), vn));
        }
      }
      for (; i < nw; i++) {
        const o = <usize>i << 3;
        const wi = load<f64>(W + o);
        let g = load<f64>(gW + o) + alpha * wi;
        if (l1 > 0) g += l1 * (wi > 0 ? 1.0 : wi < 0 ? -1.0 : 0.0);
        store<f64>(gW + o, g / fc);
      }
      // Bias gradients: column sums of delta, rows in ascending order (row-wise, so the loads are contiguous).
      const gB = grad + (<usize>bOff << 3);
      memory.fill(gB, 0, <usize>fanOut << 3);
      for (let r = 0; r < count; r++) {
        const row = dNext + (<usize>(r * fanOut) << 3);
        for (let j = 0; j < fanOut; j++) {
          const o = <usize>j << 3;
          store<f64>(gB + o, load<f64>(gB + o) + load<f64>(row + o));
        }
      }
      for (let j = 0; j < fanOut; j++) store<f64>(gB + (<usize>j << 3), load<f64>(gB + (<usize>j << 3)) / fc);
      if (l > 0) {
        const dPrev = delta + (<usize>aOff << 3);
        gemmNT(dPrev, dNext, W, count, fanIn, fanOut);
        // act layer l is hidden layer l - 1: its rate decides whether forward left f'(z) x scale in the mask.
        if (dropout != 0 && load<f64>(dropout + (<usize>(l - 1) << 3)) > 0) {
          const m = mask + (<usize>aOff << 3);
          for (let i = 0; i < count * fanIn; i++) {
            const o = <usize>i << 3;
            store<f64>(dPrev + o, load<f64>(dPrev + o) * load<f64>(m + o));
          }
        } else {
          derivativeInPlace(hidden, aPrev, dPrev, count * fanIn);
        }
      }
      wEnd = wOff;
    }
    if (solver == SOLVER_ADAM) adamUpdate(theta, grad, buf1, buf2, dir, st, nParams);
    else sgdUpdate(theta, grad, buf1, dir, st, nParams);
    if (!isFinite(accumulated)) return NaN;
  }
  return accumulated;
}

/**
 * Outputs (after the output activation) for nRows rows of x: the listed rows (rows != 0) or rows 0..nRows-1, in
 * chunks of `batch` rows through act (capacity `batch` rows per layer). out: nRows x outputs. No dropout.
 */
export function mlpForward(
  x: usize, rows: usize, nRows: i32, sizes: usize, nLayers: i32, theta: usize, act: usize, batch: i32,
  hidden: i32, output: i32, out: usize,
): void {
  const nOut = sizeAt(sizes, nLayers - 1);
  let outOff = 0;
  for (let l = 0; l + 1 < nLayers; l++) outOff += batch * sizeAt(sizes, l);
  for (let start = 0; start < nRows; start += batch) {
    const count = min(batch, nRows - start);
    gather(act, x, sizeAt(sizes, 0), rows, start, count);
    forward(sizes, nLayers, theta, act, 0, batch, count, hidden, output, 0, 0);
    memory.copy(out + (<usize>(start * nOut) << 3), act + (<usize>outOff << 3), <usize>(count * nOut) << 3);
  }
}
