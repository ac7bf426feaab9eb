// Kernels for the sgd models. ABI: pointers into linear memory, lengths and scalars; no allocation.
//
// One call runs one epoch of stochastic (or minibatch) gradient descent over the rows listed in `order` for nModels
// linear models at once (one-vs-all classification trains every class's binary model in the same pass over the data;
// regression has nModels = 1). Per-sample semantics follow scikit-learn 1.2.1 `_plain_sgd` for the 'sgd' optimizer:
// learning rate schedules, the L2 shrink `w *= max(0, 1 - (1 - l1Ratio) eta alpha)`, the cumulative L1 penalty of
// Tsuruoka et al. (2009), dloss clipped to +-1e12, intercept not penalised. The host (src/estimators/sgd-engine.ts)
// shuffles `order` between epochs from the trial's seed and applies the stopping rules, so no random state lives here.
//
// A "model-shaped" buffer holds nModels * d weights (row m = model m) followed by nModels intercepts.
import { axpy, axpy4, dot, dot4, f64At, scal, setF64 } from './vector';

// Loss ids (src/estimators/sgd-engine.ts mirrors these numbers).
const SGD_HINGE: i32 = 0; // threshold - p y if p y <= threshold (threshold = lossParam: 1 hinge, 0 perceptron)
const SGD_LOG: i32 = 1; // log(1 + exp(-p y))
const SGD_MODIFIED_HUBER: i32 = 2; // (1 - p y)^2 on [-1, 1), -4 p y below
const SGD_SQUARED_HINGE: i32 = 3; // (threshold - p y)^2 when positive
const SGD_SQUARED: i32 = 4; // (p - y)^2 / 2
const SGD_HUBER: i32 = 5; // quadratic within lossParam of y, linear outside
const SGD_EPSILON_INSENSITIVE: i32 = 6; // max(0, |y - p| - lossParam)
const SGD_SQUARED_EPSILON_INSENSITIVE: i32 = 7; // max(0, |y - p| - lossParam)^2

// Penalties (scikit-learn's codes).
const PENALTY_NONE: i32 = 0;
const PENALTY_L1: i32 = 1;
const PENALTY_L2: i32 = 2;
const PENALTY_ELASTICNET: i32 = 3;

// Learning-rate schedules.
const RATE_CONSTANT: i32 = 0; // eta = eta[m]
const RATE_OPTIMAL: i32 = 1; // eta = 1 / (alpha (optimalInit + t - 1))
const RATE_INVSCALING: i32 = 2; // eta = eta0 / t^powerT
const RATE_ADAPTIVE: i32 = 3; // eta = eta[m] (the host divides it by 5 on stalls)

// Optimizers.
const OPT_SGD: i32 = 0;
const OPT_MOMENTUM: i32 = 1; // heavy ball: v = momentum v - eta g; w += v
const OPT_ADAM: i32 = 2; // Kingma & Ba with scikit-learn MLP's constants

const ADAM_BETA1: f64 = 0.9;
const ADAM_BETA2: f64 = 0.999;
const ADAM_EPS: f64 = 1e-8;
const MAX_DLOSS: f64 = 1e12;
/**
 * A prediction with |p| > RUNAWAY (1 + |y|) is counted as runaway: scikit-learn clips dloss at MAX_DLOSS and carries
 * on, which keeps such a run finite (weights growing linearly instead of overflowing) and lets it report a
 * meaningless score. The host treats any runaway prediction as divergence instead.
 */
const RUNAWAY: f64 = 1e12;

export function sgdLoss(kind: i32, param: f64, p: f64, y: f64): f64 {
  switch (kind) {
    case SGD_HINGE: {
      const z = p * y;
      return z <= param ? param - z : 0;
    }
    case SGD_LOG: {
      const z = p * y;
      if (z > 18) return Math.exp(-z);
      if (z < -18) return -z;
      return Math.log(1 + Math.exp(-z));
    }
    case SGD_MODIFIED_HUBER: {
      const z = p * y;
      if (z >= 1) return 0;
      if (z >= -1) return (1 - z) * (1 - z);
      return -4 * z;
    }
    case SGD_SQUARED_HINGE: {
      const z = param - p * y;
      return z > 0 ? z * z : 0;
    }
    case SGD_SQUARED:
      return 0.5 * (p - y) * (p - y);
    case SGD_HUBER: {
      const r = p - y;
      const a = abs<f64>(r);
      return a <= param ? 0.5 * r * r : param * a - 0.5 * param * param;
    }
    case SGD_EPSILON_INSENSITIVE: {
      const e = abs<f64>(y - p) - param;
      return e > 0 ? e : 0;
    }
    case SGD_SQUARED_EPSILON_INSENSITIVE: {
      const e = abs<f64>(y - p) - param;
      return e > 0 ? e * e : 0;
    }
  }
  return NaN;
}

/** Derivative of sgdLoss with respect to p (scikit-learn's `dloss`). */
export function sgdDLoss(kind: i32, param: f64, p: f64, y: f64): f64 {
  switch (kind) {
    case SGD_HINGE:
      return p * y <= param ? -y : 0;
    case SGD_LOG: {
      const z = p * y;
      if (z > 18) return Math.exp(-z) * -y;
      if (z < -18) return -y;
      return -y / (Math.exp(z) + 1);
    }
    case SGD_MODIFIED_HUBER: {
      const z = p * y;
      if (z >= 1) return 0;
      if (z >= -1) return 2 * (1 - z) * -y;
      return -4 * y;
    }
    case SGD_SQUARED_HINGE: {
      const z = param - p * y;
      return z > 0 ? -2 * y * z : 0;
    }
    case SGD_SQUARED:
      return p - y;
    case SGD_HUBER: {
      const r = p - y;
      if (abs<f64>(r) <= param) return r;
      return r > 0 ? param : -param;
    }
    case SGD_EPSILON_INSENSITIVE: {
      if (y - p > param) return -1;
      if (p - y > param) return 1;
      return 0;
    }
    case SGD_SQUARED_EPSILON_INSENSITIVE: {
      const z = y - p;
      if (z > param) return -2 * (z - param);
      if (z < -param) return 2 * (-z - param);
      return 0;
    }
  }
  return NaN;
}

/** Additive and multiplicative parts of the loss of the last `lossAndDLoss` call (module globals: a wasm function
 *  returns one value). */
let lastLoss: f64 = 0;
let lastFactor: f64 = 1;

/**
 * sgdDLoss(kind, param, p, y), clipped to +-MAX_DLOSS, and (when withLoss) the loss as lastLoss + log(lastFactor).
 * For log loss one exp serves both: with e = exp(-p y), dloss = -y e / (1 + e) (scikit-learn's -y / (exp(p y) + 1)
 * rewritten, equal up to rounding) and the loss log(1 + e) is returned as the factor 1 + e: the caller multiplies the
 * factors of LOG_CHUNK rows and takes one log, because log costs as much as the rest of a sample's update.
 * Each factor is in [1, 1 + e^18], so LOG_CHUNK of them neither overflow nor lose precision.
 */
@inline function lossAndDLoss(kind: i32, param: f64, p: f64, y: f64, withLoss: bool): f64 {
  let dl: f64;
  if (kind == SGD_LOG) {
    const z = p * y;
    if (z > 18) {
      const e = Math.exp(-z);
      lastLoss = e;
      lastFactor = 1;
      dl = -y * e;
    } else if (z < -18) {
      lastLoss = -z;
      lastFactor = 1;
      dl = -y;
    } else {
      const e = Math.exp(-z);
      lastLoss = 0;
      lastFactor = 1 + e;
      dl = (-y * e) / (1 + e);
    }
  } else {
    if (withLoss) lastLoss = sgdLoss(kind, param, p, y);
    dl = sgdDLoss(kind, param, p, y);
  }
  return min<f64>(MAX_DLOSS, max<f64>(-MAX_DLOSS, dl));
}

/** Rows whose log-loss factors are multiplied before one log is taken (see lossAndDLoss). */
const LOG_CHUNK: i32 = 8;

/** loss[m] += log(factor[m]); factor[m] = 1, for every model (the log-loss flush). */
function flushFactors(lossArr: usize, factorArr: usize, nModels: i32): void {
  for (let m = 0; m < nModels; m++) {
    const f = f64At(factorArr, m);
    if (f != 1) setF64(lossArr, m, f64At(lossArr, m) + Math.log(f));
    setF64(factorArr, m, 1);
  }
}

/**
 * Rows ahead of the current one whose cache lines are touched: a shuffled order visits X at random, and each sample's
 * update depends on the previous one, so a cache miss would stall the whole chain; touching the row PREFETCH samples
 * early lets the memory system fetch it in the background (wasm has no prefetch instruction).
 */
const PREFETCH: i32 = 8;

/** Sum of one f64 per 64-byte line of the row; kept in a global so the loads are not dead code. */
let touched: f64 = 0;

@inline function touchRow(row: usize, bytes: usize): void {
  let acc: f64 = 0;
  for (let off: usize = 0; off < bytes; off += 64) acc += load<f64>(row + off);
  touched += acc;
}

/**
 * Fisher-Yates shuffle of order[0..n) (i32) driven by a splitmix32 sequence started from `seed` (the host draws one
 * seed per epoch from the trial's seeded generator, src/rng.ts, so the permutation is a pure function of the trial
 * seed). In wasm because it runs every epoch over every training row (the JS loop cost about a third of an epoch).
 */
export function sgdShuffle(order: usize, n: i32, seed: u32): void {
  let s: u32 = seed;
  for (let i = n - 1; i > 0; i--) {
    s += 0x9e3779b9;
    let z = s;
    z = (z ^ (z >> 16)) * 0x85ebca6b;
    z = (z ^ (z >> 13)) * 0xc2b2ae35;
    z ^= z >> 16;
    // Multiply-shift maps the 32-bit draw to [0, i] without division (bias below n / 2^32).
    const j = <i32>((<u64>z * <u64>(i + 1)) >> 32);
    const a = order + (<usize>i << 2);
    const b = order + (<usize>j << 2);
    const t = load<i32>(a);
    store<i32>(a, load<i32>(b));
    store<i32>(b, t);
  }
}

@inline function scaleAdd(w: usize, shrink: f64, g: usize, step: f64, d: i32): void {
  const pairs = d & ~1;
  const s = f64x2.splat(shrink);
  const u = f64x2.splat(step);
  let f = 0;
  for (; f < pairs; f += 2) {
    const off = <usize>f << 3;
    v128.store(w + off, f64x2.add(f64x2.mul(v128.load(w + off), s), f64x2.mul(v128.load(g + off), u)));
  }
  if (f < d) setF64(w, f, f64At(w, f) * shrink + f64At(g, f) * step);
}

/**
 * scikit-learn's `l1penalty`: clip each weight towards 0 by what the cumulative penalty u says it should have lost
 * so far minus what it did lose (q), never crossing 0, and record the applied amount in q.
 */
@inline function l1Clip(w: usize, q: usize, u: f64, d: i32): void {
  const pairs = d & ~1;
  const zero = f64x2.splat(0);
  const uu = f64x2.splat(u);
  let f = 0;
  for (; f < pairs; f += 2) {
    const off = <usize>f << 3;
    const z = v128.load(w + off);
    const qv = v128.load(q + off);
    const shrunkPos = f64x2.max(zero, f64x2.sub(z, f64x2.add(uu, qv)));
    const shrunkNeg = f64x2.min(zero, f64x2.add(z, f64x2.sub(uu, qv)));
    const v = v128.bitselect(shrunkPos, v128.bitselect(shrunkNeg, z, f64x2.lt(z, zero)), f64x2.gt(z, zero));
    v128.store(w + off, v);
    v128.store(q + off, f64x2.add(qv, f64x2.sub(v, z)));
  }
  for (; f < d; f++) {
    const z = f64At(w, f);
    const qf = f64At(q, f);
    let v = z;
    if (z > 0) v = max<f64>(0, z - (u + qf));
    else if (z < 0) v = min<f64>(0, z + (u - qf));
    setF64(w, f, v);
    setF64(q, f, qf + (v - z));
  }
}

/**
 * One step for model m with gradient gScale * g (g: d values; the loss gradient of the weights, i.e. dloss * x
 * for one sample or the sum over a minibatch) and intercept gradient gb, at learning rate eta (c1, c2: Adam's bias
 * corrections for this update).
 * 'sgd': w = max(0, 1 - l2 eta alpha) w - eta gScale g (scikit-learn); 'momentum' and 'adam' take the L2 term as
 * gradient l2 alpha w. Then the cumulative L1 clip for l1 / elasticnet.
 */
@inline function step(
  w: usize, bPtr: usize, g: usize, gScale: f64, gb: f64, d: i32, eta: f64,
  optimizer: i32, penalty: i32, alpha: f64, l1Ratio: f64, fitIntercept: bool, momentum: f64, c1: f64, c2: f64,
  m1: usize, m1b: usize, m2: usize, m2b: usize, q: usize, uPtr: usize,
): void {
  const l2 = penalty == PENALTY_L2 || penalty == PENALTY_ELASTICNET ? (1 - l1Ratio) * alpha : 0.0;
  if (optimizer == OPT_SGD) {
    const shrink = max<f64>(0, 1 - l2 * eta);
    const u = -eta * gScale;
    if (shrink != 1 || u != 0) scaleAdd(w, shrink, g, u, d);
    if (fitIntercept) store<f64>(bPtr, load<f64>(bPtr) - eta * gb);
  } else if (optimizer == OPT_MOMENTUM) {
    const pairs = d & ~1;
    const mo = f64x2.splat(momentum);
    const e = f64x2.splat(eta);
    const gs = f64x2.splat(gScale);
    const l2v = f64x2.splat(l2);
    let f = 0;
    for (; f < pairs; f += 2) {
      const off = <usize>f << 3;
      const wf = v128.load(w + off);
      const grad = f64x2.add(f64x2.mul(gs, v128.load(g + off)), f64x2.mul(l2v, wf));
      const v = f64x2.sub(f64x2.mul(mo, v128.load(m1 + off)), f64x2.mul(e, grad));
      v128.store(m1 + off, v);
      v128.store(w + off, f64x2.add(wf, v));
    }
    for (; f < d; f++) {
      const wf = f64At(w, f);
      const v = momentum * f64At(m1, f) - eta * (gScale * f64At(g, f) + l2 * wf);
      setF64(m1, f, v);
      setF64(w, f, wf + v);
    }
    if (fitIntercept) {
      const vb = momentum * load<f64>(m1b) - eta * gb;
      store<f64>(m1b, vb);
      store<f64>(bPtr, load<f64>(bPtr) + vb);
    }
  } else {
    // Adam; c1 = 1 / (1 - beta1^t) and c2 = 1 / (1 - beta2^t) are the bias corrections of this update.
    const pairs = d & ~1;
    const b1 = f64x2.splat(ADAM_BETA1);
    const b1c = f64x2.splat(1 - ADAM_BETA1);
    const b2 = f64x2.splat(ADAM_BETA2);
    const b2c = f64x2.splat(1 - ADAM_BETA2);
    const gs = f64x2.splat(gScale);
    const l2v = f64x2.splat(l2);
    const e = f64x2.splat(eta);
    const c1v = f64x2.splat(c1);
    const c2v = f64x2.splat(c2);
    const eps = f64x2.splat(ADAM_EPS);
    let f = 0;
    for (; f < pairs; f += 2) {
      const off = <usize>f << 3;
      const wf = v128.load(w + off);
      const gf = f64x2.add(f64x2.mul(gs, v128.load(g + off)), f64x2.mul(l2v, wf));
      const a = f64x2.add(f64x2.mul(b1, v128.load(m1 + off)), f64x2.mul(b1c, gf));
      const sq = f64x2.add(f64x2.mul(b2, v128.load(m2 + off)), f64x2.mul(f64x2.mul(b2c, gf), gf));
      v128.store(m1 + off, a);
      v128.store(m2 + off, sq);
      const stepV = f64x2.div(f64x2.mul(f64x2.mul(e, a), c1v), f64x2.add(f64x2.sqrt(f64x2.mul(sq, c2v)), eps));
      v128.store(w + off, f64x2.sub(wf, stepV));
    }
    for (; f < d; f++) {
      const wf = f64At(w, f);
      const gf = gScale * f64At(g, f) + l2 * wf;
      const a = ADAM_BETA1 * f64At(m1, f) + (1 - ADAM_BETA1) * gf;
      const sq = ADAM_BETA2 * f64At(m2, f) + (1 - ADAM_BETA2) * gf * gf;
      setF64(m1, f, a);
      setF64(m2, f, sq);
      setF64(w, f, wf - (eta * a * c1) / (Math.sqrt(sq * c2) + ADAM_EPS));
    }
    if (fitIntercept) {
      const a = ADAM_BETA1 * load<f64>(m1b) + (1 - ADAM_BETA1) * gb;
      const sq = ADAM_BETA2 * load<f64>(m2b) + (1 - ADAM_BETA2) * gb * gb;
      store<f64>(m1b, a);
      store<f64>(m2b, sq);
      store<f64>(bPtr, load<f64>(bPtr) - (eta * a * c1) / (Math.sqrt(sq * c2) + ADAM_EPS));
    }
  }
  if (penalty == PENALTY_L1 || penalty == PENALTY_ELASTICNET) {
    const u = load<f64>(uPtr) + l1Ratio * eta * alpha;
    store<f64>(uPtr, u);
    l1Clip(w, q, u, d);
  }
}

/** scikit-learn's WSCALE_THRESHOLD: a weight scale below this is folded into the weights (`reset_wscale`). */
const WSCALE_MIN: f64 = 1e-9;

/** The four dot products of a fused group (static data: the kernels never allocate). */
const DOTS: usize = memory.data(4 << 3);

/** Runaway predictions counted by plainScalar in the current epoch (a global: plainScalar returns c). */
let plainRunaway: i32 = 0;

/**
 * Classic SGD on one sample for one model, after its dot product: scikit-learn's per-sample step with the weights kept
 * as wscale * v (its WeightVector). s = v . x; `scales` holds wscale per model. Does the prediction, runaway count,
 * loss, rate, the L2 shrink as `wscale *= max(0, 1 - l2 eta)` (folding wscale into v when it drops below WSCALE_MIN,
 * as scikit-learn does), and the intercept; returns c = update / wscale, the multiple of x to add to v (0: no update,
 * as scikit-learn skips `w.add` when update == 0).
 */
@inline function plainScalar(
  m: i32, s: f64, w: usize, d: i32, yi: usize, model: usize, bias: usize, scales: usize,
  etaArr: usize, lossArr: usize, factorArr: usize, lossKind: i32, lossParam: f64,
  withLoss: bool, logFactors: bool, ownRate: bool, shared: f64, l2: f64, withIntercept: bool,
): f64 {
  const bPtr = model + bias + (<usize>m << 3);
  let ws = f64At(scales, m);
  const p = ws * s + load<f64>(bPtr);
  const target = f64At(yi, m);
  if (abs<f64>(p) > RUNAWAY * (1 + abs<f64>(target))) plainRunaway++;
  const dl = lossAndDLoss(lossKind, lossParam, p, target, withLoss);
  if (withLoss) {
    setF64(lossArr, m, f64At(lossArr, m) + lastLoss);
    if (logFactors) setF64(factorArr, m, f64At(factorArr, m) * lastFactor);
  }
  const eta = ownRate ? f64At(etaArr, m) : shared;
  if (!ownRate) setF64(etaArr, m, eta);
  if (l2 != 0) {
    ws *= max<f64>(0, 1 - l2 * eta);
    if (ws < WSCALE_MIN) {
      scal(w, ws, d);
      ws = 1;
    }
    setF64(scales, m, ws);
  }
  const u = -eta * dl;
  if (withIntercept) store<f64>(bPtr, load<f64>(bPtr) - eta * dl);
  return u != 0 ? u / ws : 0;
}

/**
 * sgdEpoch for batch size 1, optimizer 'sgd' and penalty none / l2 (the common case, and scikit-learn's own
 * algorithm): weights as wscale * v, so the L2 shrink costs one multiply per step instead of one per weight, and the
 * active models in groups of four share each pass over the row (dot4, axpy4). Within an epoch the model buffer holds
 * v; every wscale is folded back at the end, so between calls it holds the weights. `grad` (unused by this path)
 * holds wscale per model in its first nModels slots and the active model ids (i32, one per f64 slot) in the next
 * nModels. In a group, a model whose update is 0 still gets v += 0 x, which leaves v unchanged (up to the sign of a
 * zero weight) while the other three take their step.
 */
function plainEpoch(
  x: usize, d: i32, order: usize, nOrder: i32, y: usize, nModels: i32, model: usize, grad: usize, perModel: usize,
  lossKind: i32, lossParam: f64, penalty: i32, schedule: i32, alpha: f64, eta0: f64, powerT: f64,
  optimalInit: f64, withIntercept: bool, withLoss: bool, t: f64,
): f64 {
  const rowBytes = <usize>d << 3;
  const bias = <usize>nModels * rowBytes;
  const etaArr = perModel;
  const activeArr = perModel + (<usize>nModels << 3);
  const lossArr = perModel + (<usize>(2 * nModels) << 3);
  const factorArr = perModel + (<usize>(4 * nModels) << 3);
  const scales = grad;
  const ids = grad + (<usize>nModels << 3);
  const logFactors = withLoss && lossKind == SGD_LOG;
  const ownRate = schedule == RATE_CONSTANT || schedule == RATE_ADAPTIVE;
  // scikit-learn's shrink factor is 1 - (1 - l1Ratio) eta alpha, with l1Ratio 0 for 'l2'.
  const l2: f64 = penalty == PENALTY_L2 ? alpha : 0.0;
  let nActive = 0;
  for (let m = 0; m < nModels; m++) {
    setF64(factorArr, m, 1);
    setF64(lossArr, m, 0);
    setF64(scales, m, 1);
    if (f64At(activeArr, m) != 0) {
      store<i32>(ids + (<usize>nActive << 3), m);
      nActive++;
    }
  }
  const groups = nActive >> 2;
  plainRunaway = 0;
  let rowsSeen = 0;
  let tt = t;
  for (let r = 0; r < nOrder; r++) {
    let shared: f64 = 0;
    if (schedule == RATE_OPTIMAL) shared = 1.0 / (alpha * (optimalInit + tt - 1));
    else if (schedule == RATE_INVSCALING) {
      if (powerT == 0.5) shared = eta0 / Math.sqrt(tt);
      else if (powerT == 0.25) shared = eta0 / Math.sqrt(Math.sqrt(tt));
      else shared = eta0 / Math.pow(tt, powerT);
    }
    if (r + PREFETCH < nOrder) touchRow(x + <usize>load<i32>(order + (<usize>(r + PREFETCH) << 2)) * rowBytes, rowBytes);
    const i = load<i32>(order + (<usize>r << 2));
    const xi = x + <usize>i * rowBytes;
    const yi = y + (<usize>i * <usize>nModels << 3);
    let k = 0;
    for (let g = 0; g < groups; g++, k += 4) {
      const m0 = load<i32>(ids + (<usize>k << 3));
      const m1 = load<i32>(ids + (<usize>(k + 1) << 3));
      const m2 = load<i32>(ids + (<usize>(k + 2) << 3));
      const m3 = load<i32>(ids + (<usize>(k + 3) << 3));
      const w0 = model + <usize>m0 * rowBytes;
      const w1 = model + <usize>m1 * rowBytes;
      const w2 = model + <usize>m2 * rowBytes;
      const w3 = model + <usize>m3 * rowBytes;
      dot4(w0, w1, w2, w3, xi, d, DOTS);
      const c0 = plainScalar(m0, f64At(DOTS, 0), w0, d, yi, model, bias, scales, etaArr, lossArr, factorArr,
        lossKind, lossParam, withLoss, logFactors, ownRate, shared, l2, withIntercept);
      const c1 = plainScalar(m1, f64At(DOTS, 1), w1, d, yi, model, bias, scales, etaArr, lossArr, factorArr,
        lossKind, lossParam, withLoss, logFactors, ownRate, shared, l2, withIntercept);
      const c2 = plainScalar(m2, f64At(DOTS, 2), w2, d, yi, model, bias, scales, etaArr, lossArr, factorArr,
        lossKind, lossParam, withLoss, logFactors, ownRate, shared, l2, withIntercept);
      const c3 = plainScalar(m3, f64At(DOTS, 3), w3, d, yi, model, bias, scales, etaArr, lossArr, factorArr,
        lossKind, lossParam, withLoss, logFactors, ownRate, shared, l2, withIntercept);
      if (c0 != 0 || c1 != 0 || c2 != 0 || c3 != 0) axpy4(w0, w1, w2, w3, xi, c0, c1, c2, c3, d);
    }
    for (; k < nActive; k++) {
      const m = load<i32>(ids + (<usize>k << 3));
      const w = model + <usize>m * rowBytes;
      const c = plainScalar(m, dot(w, xi, d), w, d, yi, model, bias, scales, etaArr, lossArr, factorArr,
        lossKind, lossParam, withLoss, logFactors, ownRate, shared, l2, withIntercept);
      if (c != 0) axpy(w, xi, c, d);
    }
    if (logFactors && ++rowsSeen == LOG_CHUNK) {
      flushFactors(lossArr, factorArr, nModels);
      rowsSeen = 0;
    }
    tt += 1;
  }
  if (logFactors) flushFactors(lossArr, factorArr, nModels);
  for (let k = 0; k < nActive; k++) {
    const m = load<i32>(ids + (<usize>k << 3));
    const ws = f64At(scales, m);
    if (ws != 1) scal(model + <usize>m * rowBytes, ws, d);
  }
  setF64(perModel, 5 * nModels, <f64>plainRunaway);
  return tt;
}

/**
 * One epoch over the rows order[0..nOrder) (i32 row indices into x, n x d row-major), in that order, for nModels
 * linear models. y: f64 targets, row-major n x nModels (row i, model m: +1 / -1 for classification, the target
 * for regression); rows not in `order` are never read (validation rows).
 * model: model-shaped (weights then intercepts), updated in place. grad: model-shaped scratch (the minibatch
 * accumulator; plainEpoch's weight scales); its contents on entry are ignored.
 * m1, m2: model-shaped optimizer state (momentum velocity / Adam first and second moments), l1q: model-shaped
 * cumulative L1 record (its intercept part unused). perModel: 5 x nModels + 1 f64:
 * [eta | active | loss | l1u | scratch | runaway]:
 * eta is the current rate of 'constant' / 'adaptive' (read) and the rate of the last update otherwise (written);
 * a model with active == 0 is skipped (it has stopped); loss receives the sum over the epoch's rows of the loss
 * before each update (when computeLoss != 0); l1u is the cumulative L1 penalty u; scratch is the kernel's own;
 * runaway (one value) receives the number of runaway predictions (see RUNAWAY) of the epoch.
 * batchSize rows share one update (their gradients averaged, losses taken before the update); t is the 1-based
 * count of updates done so far plus one (scikit-learn's t), and the count after this epoch is returned.
 */
export function sgdEpoch(
  x: usize, d: i32, order: usize, nOrder: i32, y: usize, nModels: i32,
  model: usize, grad: usize, m1: usize, m2: usize, l1q: usize, perModel: usize,
  lossKind: i32, lossParam: f64, penalty: i32, schedule: i32, optimizer: i32,
  alpha: f64, l1Ratio: f64, eta0: f64, powerT: f64, optimalInit: f64, momentum: f64,
  batchSize: i32, fitIntercept: i32, computeLoss: i32, t: f64,
): f64 {
  assert(d > 0 && nModels > 0 && batchSize > 0 && t >= 1, 'sgdEpoch: bad arguments');
  assert(penalty >= PENALTY_NONE && penalty <= PENALTY_ELASTICNET, 'sgdEpoch: unknown penalty');
  assert(optimizer >= OPT_SGD && optimizer <= OPT_ADAM, 'sgdEpoch: unknown optimizer');
  assert(schedule >= RATE_CONSTANT && schedule <= RATE_ADAPTIVE, 'sgdEpoch: unknown schedule');
  if (batchSize == 1 && optimizer == OPT_SGD && (penalty == PENALTY_NONE || penalty == PENALTY_L2)) {
    return plainEpoch(
      x, d, order, nOrder, y, nModels, model, grad, perModel, lossKind, lossParam, penalty, schedule, alpha, eta0,
      powerT, optimalInit, fitIntercept != 0, computeLoss != 0, t,
    );
  }
  const rowBytes = <usize>d << 3;
  const bias = <usize>nModels * rowBytes;
  const etaArr = perModel;
  const activeArr = perModel + (<usize>nModels << 3);
  const lossArr = perModel + (<usize>(2 * nModels) << 3);
  const uArr = perModel + (<usize>(3 * nModels) << 3);
  const factorArr = perModel + (<usize>(4 * nModels) << 3);
  const withIntercept = fitIntercept != 0;
  const withLoss = computeLoss != 0;
  const logFactors = withLoss && lossKind == SGD_LOG;
  for (let m = 0; m < nModels; m++) setF64(factorArr, m, 1);
  let rowsSeen = 0;
  let runaway = 0;
  // As scikit-learn: 'l2' ignores l1Ratio (0), 'l1' uses 1, 'elasticnet' the given mix, none neither.
  const l1r = penalty == PENALTY_L1 ? 1.0 : penalty == PENALTY_ELASTICNET ? l1Ratio : 0.0;
  for (let m = 0; m < nModels; m++) setF64(lossArr, m, 0);

  let tt = t;
  let beta1Pow = optimizer == OPT_ADAM ? Math.pow(ADAM_BETA1, t) : 0.0;
  let beta2Pow = optimizer == OPT_ADAM ? Math.pow(ADAM_BETA2, t) : 0.0;
  for (let start = 0; start < nOrder; start += batchSize) {
    const end = min<i32>(start + batchSize, nOrder);
    let shared: f64 = 0;
    if (schedule == RATE_OPTIMAL) shared = 1.0 / (alpha * (optimalInit + tt - 1));
    else if (schedule == RATE_INVSCALING) {
      // scikit-learn's default exponents without pow (a pow per update is a measurable share of an epoch).
      if (powerT == 0.5) shared = eta0 / Math.sqrt(tt);
      else if (powerT == 0.25) shared = eta0 / Math.sqrt(Math.sqrt(tt));
      else shared = eta0 / Math.pow(tt, powerT);
    }
    const ownRate = schedule == RATE_CONSTANT || schedule == RATE_ADAPTIVE;
    // Adam's bias corrections for update number tt (beta^tt kept as running products, one pow per epoch).
    let c1: f64 = 0;
    let c2: f64 = 0;
    if (optimizer == OPT_ADAM) {
      c1 = 1 / (1 - beta1Pow);
      c2 = 1 / (1 - beta2Pow);
      beta1Pow *= ADAM_BETA1;
      beta2Pow *= ADAM_BETA2;
    }

    if (end - start == 1) {
      // Classic SGD: the gradient of the weights is dloss * x, so x itself is the gradient buffer.
      if (start + PREFETCH < nOrder) touchRow(x + <usize>load<i32>(order + (<usize>(start + PREFETCH) << 2)) * rowBytes, rowBytes);
      const i = load<i32>(order + (<usize>start << 2));
      const xi = x + <usize>i * rowBytes;
      const yi = y + (<usize>i * <usize>nModels << 3);
      for (let m = 0; m < nModels; m++) {
        if (f64At(activeArr, m) == 0) continue;
        const w = model + <usize>m * rowBytes;
        const bPtr = model + bias + (<usize>m << 3);
        const p = dot(w, xi, d) + load<f64>(bPtr);
        const target = f64At(yi, m);
        if (abs<f64>(p) > RUNAWAY * (1 + abs<f64>(target))) runaway++;
        const dl = lossAndDLoss(lossKind, lossParam, p, target, withLoss);
        if (withLoss) {
          setF64(lossArr, m, f64At(lossArr, m) + lastLoss);
          if (logFactors) setF64(factorArr, m, f64At(factorArr, m) * lastFactor);
        }
        const eta = ownRate ? f64At(etaArr, m) : shared;
        if (!ownRate) setF64(etaArr, m, eta);
        const mo = <usize>m * rowBytes;
        const mb = bias + (<usize>m << 3);
        step(
          w, bPtr, xi, dl, dl, d, eta, optimizer, penalty, alpha, l1r, withIntercept, momentum, c1, c2,
          m1 + mo, m1 + mb, m2 + mo, m2 + mb, l1q + mo, uArr + (<usize>m << 3),
        );
      }
      if (logFactors && ++rowsSeen == LOG_CHUNK) {
        flushFactors(lossArr, factorArr, nModels);
        rowsSeen = 0;
      }
    } else {
      const inv = 1.0 / <f64>(end - start);
      for (let m = 0; m < nModels; m++) {
        if (f64At(activeArr, m) == 0) continue;
        memory.fill(grad + <usize>m * rowBytes, 0, rowBytes);
        store<f64>(grad + bias + (<usize>m << 3), 0);
      }
      for (let r = start; r < end; r++) {
        const i = load<i32>(order + (<usize>r << 2));
        const xi = x + <usize>i * rowBytes;
        const yi = y + (<usize>i * <usize>nModels << 3);
        for (let m = 0; m < nModels; m++) {
          if (f64At(activeArr, m) == 0) continue;
          const p = dot(model + <usize>m * rowBytes, xi, d) + load<f64>(model + bias + (<usize>m << 3));
          const target = f64At(yi, m);
          if (abs<f64>(p) > RUNAWAY * (1 + abs<f64>(target))) runaway++;
          const dl = lossAndDLoss(lossKind, lossParam, p, target, withLoss);
          if (withLoss) {
            setF64(lossArr, m, f64At(lossArr, m) + lastLoss);
            if (logFactors) setF64(factorArr, m, f64At(factorArr, m) * lastFactor);
          }
          if (dl != 0) {
            axpy(grad + <usize>m * rowBytes, xi, dl, d);
            const gb = grad + bias + (<usize>m << 3);
            store<f64>(gb, load<f64>(gb) + dl);
          }
        }
        if (logFactors && ++rowsSeen == LOG_CHUNK) {
          flushFactors(lossArr, factorArr, nModels);
          rowsSeen = 0;
        }
      }
      for (let m = 0; m < nModels; m++) {
        if (f64At(activeArr, m) == 0) continue;
        const eta = ownRate ? f64At(etaArr, m) : shared;
        if (!ownRate) setF64(etaArr, m, eta);
        const mo = <usize>m * rowBytes;
        const mb = bias + (<usize>m << 3);
        step(
          model + mo, model + mb, grad + mo, inv, load<f64>(grad + mb) * inv, d, eta, optimizer, penalty, alpha,
          l1r, withIntercept, momentum, c1, c2, m1 + mo, m1 + mb, m2 + mo, m2 + mb, l1q + mo, uArr + (<usize>m << 3),
        );
      }
    }
    tt += 1;
  }
  if (logFactors) flushFactors(lossArr, factorArr, nModels);
  setF64(perModel, 5 * nModels, <f64>runaway);
  return tt;
}

/**
 * Decision values out[r * nModels + m] = w_m . x_row + b_m for the rows rows[0..nRows) of x (i32 indices), or for
 * rows 0..nRows-1 when rows == 0. model: model-shaped (weights then intercepts).
 */
export function sgdDecision(x: usize, d: i32, rows: usize, nRows: i32, model: usize, nModels: i32, out: usize): void {
  assert(d > 0 && nModels > 0 && nRows >= 0, 'sgdDecision: bad shape');
  const rowBytes = <usize>d << 3;
  const bias = model + <usize>nModels * rowBytes;
  for (let r = 0; r < nRows; r++) {
    const i = rows == 0 ? r : load<i32>(rows + (<usize>r << 2));
    const xi = x + <usize>i * rowBytes;
    const o = out + (<usize>r * <usize>nModels << 3);
    for (let m = 0; m < nModels; m++) {
      setF64(o, m, dot(model + <usize>m * rowBytes, xi, d) + f64At(bias, m));
    }
  }
}
