// Parameter updates of the MLP's solvers over the flat parameter vector (every layer's weights then biases, see
// mlp.ts), scikit-learn 1.2.1 neural_network/_stochastic_optimizers.py, plus hypergradient descent on the learning
// rate (Baydin et al. 2017, "Online learning rate adaptation with hypergradient descent"). No allocation.
//
// The optimizer's scalars live in `st` (f64, host-owned, kept between epochs):
//   st[ST_RATE]      the learning rate alpha: SGD's step, Adam's learning_rate_init (hypergradient changes it)
//   st[ST_T]         Adam's update count t
//   st[ST_MOMENTUM], st[ST_NESTEROV] (0 / 1), st[ST_BETA1], st[ST_BETA2], st[ST_EPSILON]
//   st[ST_HYPER]     hypergradient step beta (0: off)
//   st[ST_HAS_DIR]   1 once `dir` holds the previous update direction
// Hypergradient: with u_t the update per unit rate (theta_t = theta_{t-1} - alpha u_t), the loss's derivative with
// respect to alpha is -g_t . u_{t-1}, so alpha_t = alpha_{t-1} + beta g_t . u_{t-1} (clamped at 0). u is g for SGD,
// m_hat / (sqrt(v_hat) + eps) for Adam (scikit-learn's bias-corrected form) and -update / alpha with momentum (the
// velocity's dependence on earlier rates is ignored, as in the paper's SGDN-HD).

export const ST_RATE = 0;
export const ST_T = 1;
export const ST_MOMENTUM = 2;
export const ST_NESTEROV = 3;
export const ST_BETA1 = 4;
export const ST_BETA2 = 5;
export const ST_EPSILON = 6;
export const ST_HYPER = 7;
export const ST_HAS_DIR = 8;
export const ST_SIZE = 9;

@inline function st(s: usize, i: i32): f64 {
  return load<f64>(s + (<usize>i << 3));
}

@inline function setSt(s: usize, i: i32, v: f64): void {
  store<f64>(s + (<usize>i << 3), v);
}

/** alpha += beta g . dir when hypergradient is on and a previous direction exists. */
@inline function hyperStep(s: usize, g: usize, dir: usize, n: i32): void {
  const beta = st(s, ST_HYPER);
  if (beta == 0 || st(s, ST_HAS_DIR) == 0) return;
  let h = 0.0;
  for (let i = 0; i < n; i++) h += load<f64>(g + (<usize>i << 3)) * load<f64>(dir + (<usize>i << 3));
  const rate = st(s, ST_RATE) + beta * h;
  setSt(s, ST_RATE, rate > 0 ? rate : 0);
}

/**
 * SGD with momentum (velocity vel): v = momentum v - rate g; theta += v, or with Nesterov theta += momentum v - rate g.
 * momentum 0 is plain SGD.
 */
export function sgdUpdate(theta: usize, g: usize, vel: usize, dir: usize, s: usize, n: i32): void {
  hyperStep(s, g, dir, n);
  const rate = st(s, ST_RATE);
  const mu = st(s, ST_MOMENTUM);
  const nesterov = st(s, ST_NESTEROV) != 0;
  const hyper = st(s, ST_HYPER) != 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const gi = load<f64>(g + o);
    const v = mu * load<f64>(vel + o) - rate * gi;
    store<f64>(vel + o, v);
    const u = nesterov ? mu * v - rate * gi : v;
    store<f64>(theta + o, load<f64>(theta + o) + u);
    if (hyper) store<f64>(dir + o, mu == 0 || rate == 0 ? gi : -u / rate);
  }
  if (hyper) setSt(s, ST_HAS_DIR, 1);
}

/**
 * Adam: t += 1; m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; theta += -lr m / (sqrt(v) + eps) with
 * lr = rate sqrt(1 - b2^t) / (1 - b1^t). Returns lr (scikit-learn's optimizer.learning_rate after the step).
 */
export function adamUpdate(theta: usize, g: usize, m: usize, v: usize, dir: usize, s: usize, n: i32): f64 {
  hyperStep(s, g, dir, n);
  const t = st(s, ST_T) + 1;
  setSt(s, ST_T, t);
  const b1 = st(s, ST_BETA1);
  const b2 = st(s, ST_BETA2);
  const eps = st(s, ST_EPSILON);
  // The same operation order as scikit-learn: (rate * sqrt(1 - b2^t)) / (1 - b1^t).
  const lr = (st(s, ST_RATE) * Math.sqrt(1 - Math.pow(b2, t))) / (1 - Math.pow(b1, t));
  const correction = Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
  const hyper = st(s, ST_HYPER) != 0;
  let i = 0;
  if (!hyper) {
    // Lane-wise the same operations (IEEE sqrt and division are exact per lane), two parameters at a time.
    const vb1 = f64x2.splat(b1);
    const vc1 = f64x2.splat(1 - b1);
    const vb2 = f64x2.splat(b2);
    const vc2 = f64x2.splat(1 - b2);
    const veps = f64x2.splat(eps);
    const vnlr = f64x2.splat(-lr);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const gi = v128.load(g + o);
      const mi = f64x2.add(f64x2.mul(vb1, v128.load(m + o)), f64x2.mul(vc1, gi));
      const vi = f64x2.add(f64x2.mul(vb2, v128.load(v + o)), f64x2.mul(vc2, f64x2.mul(gi, gi)));
      v128.store(m + o, mi);
      v128.store(v + o, vi);
      const den = f64x2.add(f64x2.sqrt(vi), veps);
      v128.store(theta + o, f64x2.add(v128.load(theta + o), f64x2.div(f64x2.mul(vnlr, mi), den)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const gi = load<f64>(g + o);
    const mi = b1 * load<f64>(m + o) + (1 - b1) * gi;
    const vi = b2 * load<f64>(v + o) + (1 - b2) * (gi * gi);
    store<f64>(m + o, mi);
    store<f64>(v + o, vi);
    const den = Math.sqrt(vi) + eps;
    store<f64>(theta + o, load<f64>(theta + o) + (-lr * mi) / den);
    if (hyper) store<f64>(dir + o, (correction * mi) / den);
  }
  if (hyper) setSt(s, ST_HAS_DIR, 1);
  return lr;
}
