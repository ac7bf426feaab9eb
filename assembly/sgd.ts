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

// Loss ids (the host's SGD_LOSS table mirrors these).
export const SGD_HINGE: i32 = 0; // threshold - p y if p y <= threshold (threshold = lossParam: 1 hinge, 0 perceptron)
export const SGD_LOG: i32 = 1; // log(1 + exp(-p y))
export const SGD_MODIFIED_HUBER: i32 = 2; // (1 - p y)^2 on [-1, 1), -4 p y below
export const SGD_SQUARED_HINGE: i32 = 3; // (threshold - p y)^2 when positive
export const SGD_SQUARED: i32 = 4; // (p - y)^2 / 2
export const SGD_HUBER: i32 = 5; // quadratic within lossParam of y, linear outside
export const SGD_EPSILON_INSENSITIVE: i32 = 6; // max(0, |y - p| - lossParam)
export const SGD_SQUARED_EPSILON_INSENSITIVE: i32 = 7; // max(0, |y - p| - lossParam)^2

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

@inline function f64At(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}

@inline function setF64(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}

/** Loss of prediction p against target y (classification targets are -1 / +1). */
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

/** w . x over d features, two SIMD accumulators. */
@inline function dot(w: usize, x: usize, d: i32): f64 {
  const quads = d & ~3;
  let acc0 = f64x2.splat(0);
  let acc1 = f64x2.splat(0);
  let f = 0;
  for (; f < quads; f += 4) {
    const off = <usize>f << 3;
    acc0 = f64x2.add(acc0, f64x2.mul(v128.load(w + off), v128.load(x + off)));
    acc1 = f64x2.add(acc1, f64x2.mul(v128.load(w + off, 16), v128.load(x + off, 16)));
  }
  const acc = f64x2.add(acc0, acc1);
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; f < d; f++) s += f64At(w, f) * f64At(x, f);
  return s;
}

/** w = shrink * w + step * g over d features (the fused L2 shrink + gradient step of plain SGD). */
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

/** g += scale * x over d features (minibatch gradient accumulation). */
@inline function accumulate(g: usize, x: usize, scale: f64, d: i32): void {
  const pairs = d & ~1;
  const s = f64x2.splat(scale);
  let f = 0;
  for (; f < pairs; f += 2) {
    const off = <usize>f << 3;
    v128.store(g + off, f64x2.add(v128.load(g + off), f64x2.mul(v128.load(x + off), s)));
  }
  if (f < d) setF64(g, f, f64At(g, f) + f64At(x, f) * scale);
}

/**
 * scikit-learn's `l1penalty`: clip each weight towards 0 by what the cumulative penalty u says it should have lost
 * so far minus what it did lose (q), never crossing 0, and record the applied amount in q.
 */
@inline function l1Clip(w: usize, q: usize, u: f64, d: i32): void {
  for (let f = 0; f < d; f++) {
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
 * for one sample or the sum over a minibatch) and intercept gradient gb, at learning rate eta.
 * 'sgd': w = max(0, 1 - l2 eta alpha) w - eta gScale g (scikit-learn); 'momentum' and 'adam' take the L2 term as
 * gradient l2 alpha w. Then the cumulative L1 clip for l1 / elasticnet.
 */
@inline function step(
  w: usize, bPtr: usize, g: usize, gScale: f64, gb: f64, d: i32, eta: f64,
  optimizer: i32, penalty: i32, alpha: f64, l1Ratio: f64, fitIntercept: bool, momentum: f64, t: f64,
  m1: usize, m1b: usize, m2: usize, m2b: usize, q: usize, uPtr: usize,
): void {
  const l2 = penalty == PENALTY_L2 || penalty == PENALTY_ELASTICNET ? (1 - l1Ratio) * alpha : 0.0;
  if (optimizer == OPT_SGD) {
    const shrink = max<f64>(0, 1 - l2 * eta);
    const u = -eta * gScale;
    if (shrink != 1 || u != 0) scaleAdd(w, shrink, g, u, d);
    if (fitIntercept) store<f64>(bPtr, load<f64>(bPtr) - eta * gb);
  } else if (optimizer == OPT_MOMENTUM) {
    for (let f = 0; f < d; f++) {
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
    // Adam with bias correction; t is the 1-based update count.
    const c1 = 1 / (1 - Math.pow(ADAM_BETA1, t));
    const c2 = 1 / (1 - Math.pow(ADAM_BETA2, t));
    for (let f = 0; f < d; f++) {
      const wf = f64At(w, f);
      const gf = gScale * f64At(g, f) + l2 * wf;
      const a = ADAM_BETA1 * f64At(m1, f) + (1 - ADAM_BETA1) * gf;
      const s = ADAM_BETA2 * f64At(m2, f) + (1 - ADAM_BETA2) * gf * gf;
      setF64(m1, f, a);
      setF64(m2, f, s);
      setF64(w, f, wf - (eta * a * c1) / (Math.sqrt(s * c2) + ADAM_EPS));
    }
    if (fitIntercept) {
      const a = ADAM_BETA1 * load<f64>(m1b) + (1 - ADAM_BETA1) * gb;
      const s = ADAM_BETA2 * load<f64>(m2b) + (1 - ADAM_BETA2) * gb * gb;
      store<f64>(m1b, a);
      store<f64>(m2b, s);
      store<f64>(bPtr, load<f64>(bPtr) - (eta * a * c1) / (Math.sqrt(s * c2) + ADAM_EPS));
    }
  }
  if (penalty == PENALTY_L1 || penalty == PENALTY_ELASTICNET) {
    const u = load<f64>(uPtr) + l1Ratio * eta * alpha;
    store<f64>(uPtr, u);
    l1Clip(w, q, u, d);
  }
}

/**
 * One epoch over the rows order[0..nOrder) (i32 row indices into x, n x d row-major), in that order, for nModels
 * linear models. y: f64 targets, row-major n x nModels (row i, model m: +1 / -1 for classification, the target
 * for regression); rows not in `order` are never read (validation rows).
 * model: model-shaped (weights then intercepts), updated in place. grad: model-shaped minibatch accumulator.
 * m1, m2: model-shaped optimizer state (momentum velocity / Adam first and second moments), l1q: model-shaped
 * cumulative L1 record (its intercept part unused). perModel: 4 x nModels f64: [eta | active | loss | l1u]:
 * eta is the current rate of 'constant' / 'adaptive' (read) and the rate of the last update otherwise (written);
 * a model with active == 0 is skipped (it has stopped); loss receives the sum over the epoch's rows of the loss
 * before each update (when computeLoss != 0); l1u is the cumulative L1 penalty u.
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
  const rowBytes = <usize>d << 3;
  const bias = <usize>nModels * rowBytes;
  const etaArr = perModel;
  const activeArr = perModel + (<usize>nModels << 3);
  const lossArr = perModel + (<usize>(2 * nModels) << 3);
  const uArr = perModel + (<usize>(3 * nModels) << 3);
  const withIntercept = fitIntercept != 0;
  const withLoss = computeLoss != 0;
  for (let m = 0; m < nModels; m++) setF64(lossArr, m, 0);

  let tt = t;
  for (let start = 0; start < nOrder; start += batchSize) {
    const end = min<i32>(start + batchSize, nOrder);
    let shared: f64 = 0;
    if (schedule == RATE_OPTIMAL) shared = 1.0 / (alpha * (optimalInit + tt - 1));
    else if (schedule == RATE_INVSCALING) shared = eta0 / Math.pow(tt, powerT);
    const ownRate = schedule == RATE_CONSTANT || schedule == RATE_ADAPTIVE;

    if (end - start == 1) {
      // Classic SGD: the gradient of the weights is dloss * x, so x itself is the gradient buffer.
      const i = load<i32>(order + (<usize>start << 2));
      const xi = x + <usize>i * rowBytes;
      const yi = y + (<usize>i * <usize>nModels << 3);
      for (let m = 0; m < nModels; m++) {
        if (f64At(activeArr, m) == 0) continue;
        const w = model + <usize>m * rowBytes;
        const bPtr = model + bias + (<usize>m << 3);
        const p = dot(w, xi, d) + load<f64>(bPtr);
        const target = f64At(yi, m);
        if (withLoss) setF64(lossArr, m, f64At(lossArr, m) + sgdLoss(lossKind, lossParam, p, target));
        const dl = min<f64>(MAX_DLOSS, max<f64>(-MAX_DLOSS, sgdDLoss(lossKind, lossParam, p, target)));
        const eta = ownRate ? f64At(etaArr, m) : shared;
        if (!ownRate) setF64(etaArr, m, eta);
        const mo = <usize>m * rowBytes;
        const mb = bias + (<usize>m << 3);
        step(
          w, bPtr, xi, dl, dl, d, eta, optimizer, penalty, alpha, l1Ratio, withIntercept, momentum, tt,
          m1 + mo, m1 + mb, m2 + mo, m2 + mb, l1q + mo, uArr + (<usize>m << 3),
        );
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
          if (withLoss) setF64(lossArr, m, f64At(lossArr, m) + sgdLoss(lossKind, lossParam, p, target));
          const dl = min<f64>(MAX_DLOSS, max<f64>(-MAX_DLOSS, sgdDLoss(lossKind, lossParam, p, target)));
          if (dl != 0) {
            accumulate(grad + <usize>m * rowBytes, xi, dl, d);
            const gb = grad + bias + (<usize>m << 3);
            store<f64>(gb, load<f64>(gb) + dl);
          }
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
          l1Ratio, withIntercept, momentum, tt, m1 + mo, m1 + mb, m2 + mo, m2 + mb, l1q + mo, uArr + (<usize>m << 3),
        );
      }
    }
    tt += 1;
  }
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
