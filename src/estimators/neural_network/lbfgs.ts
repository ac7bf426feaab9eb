/**
 * Limited-memory BFGS for an unconstrained smooth function: the solver scikit-learn's MLP calls through
 * scipy.optimize.minimize(method='L-BFGS-B') for solver='lbfgs', re-implemented (Nocedal & Wright, Numerical
 * Optimization, 2nd ed.: two-loop recursion, Alg. 7.4; strong-Wolfe line search with cubic zoom, Alg. 3.5/3.6).
 *
 * Stopping rules follow L-BFGS-B's (with no bounds its projected gradient is the gradient):
 *   'gtol'    max_i |g_i| <= gtol (scikit-learn passes its tol);
 *   'ftol'    (f_k - f_k+1) / max(|f_k|, |f_k+1|, 1) <= ftol (scipy's default 2.22e-9 = factr 1e7 x machine eps);
 *   'maxIter' iterations reached maxIter (scikit-learn's max_iter); 'maxFun' evaluations reached maxFun (max_fun);
 *   'lineSearch' no step satisfying the Wolfe conditions was found (the best point so far is returned).
 * Differences from scipy's Fortran code (so trajectories agree in kind, not digit for digit): the line search is
 * Nocedal & Wright's zoom rather than Moré-Thuente's dcsrch (same Wolfe constants, c1 1e-3 and c2 0.9, and at most
 * 20 evaluations per search as lnsrlb allows), and the first step is 1 / ||g|| as L-BFGS-B's first iteration takes.
 *
 * Pure: no I/O; `fg` writes the gradient at x into `grad` and returns f(x). No allocation per iteration beyond the
 * correction pairs, which are allocated once (memory x n each).
 */

export interface LbfgsOptions {
  maxIter: number;
  maxFun: number;
  gtol: number;
  ftol?: number;
  /** Correction pairs kept (scipy's maxcor, default 10). */
  memory?: number;
  /** After each iteration: its number (1-based) and f there; false stops with reason 'callback'. */
  onIteration?: (iteration: number, f: number, x: Float64Array) => boolean | void;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  nIter: number;
  nFun: number;
  reason: 'gtol' | 'ftol' | 'maxIter' | 'maxFun' | 'lineSearch' | 'nonFinite' | 'callback';
}

export type ValueAndGradient = (x: Float64Array, grad: Float64Array) => number;

const EPS = 2.220446049250313e-16;
const C1 = 1e-3;
const C2 = 0.9;
const MAX_LINE_EVALS = 20;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** Minimiser of the cubic through (a, fa, ga) and (b, fb, gb), safeguarded into the inner 80% of [a, b]. */
function cubicStep(a: number, fa: number, ga: number, b: number, fb: number, gb: number): number {
  const d1 = ga + gb - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - ga * gb;
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  let t = (a + b) / 2;
  if (disc >= 0) {
    const d2 = Math.sign(b - a) * Math.sqrt(disc);
    const c = b - (b - a) * ((gb + d2 - d1) / (gb - ga + 2 * d2));
    if (Number.isFinite(c)) t = c;
  }
  const margin = 0.1 * (hi - lo);
  return Math.min(hi - margin, Math.max(lo + margin, t));
}

/**
 * Minimises `fg` from x0. The returned x is a new array; x0 is not modified.
 */
export function minimizeLbfgs(fg: ValueAndGradient, x0: Float64Array, o: LbfgsOptions): LbfgsResult {
  const n = x0.length;
  const m = o.memory ?? 10;
  const ftol = o.ftol ?? 2.220446049250313e-9;
  const S = Array.from({ length: m }, () => new Float64Array(n));
  const Y = Array.from({ length: m }, () => new Float64Array(n));
  const rho = new Float64Array(m);
  const alphaBuf = new Float64Array(m);
  let pairs = 0;
  let head = 0; // index of the oldest pair once the ring is full

  const x = x0.slice();
  const g = new Float64Array(n);
  const d = new Float64Array(n);
  const xTry = new Float64Array(n);
  const gTry = new Float64Array(n);
  let nFun = 1;
  let f = fg(x, g);
  if (!Number.isFinite(f) || !g.every(Number.isFinite)) return { x, f, nIter: 0, nFun, reason: 'nonFinite' };
  let nIter = 0;
  let gamma = 1;

  for (;;) {
    if (maxAbs(g) <= o.gtol) return { x, f, nIter, nFun, reason: 'gtol' };
    if (nIter >= o.maxIter) return { x, f, nIter, nFun, reason: 'maxIter' };
    if (nFun >= o.maxFun) return { x, f, nIter, nFun, reason: 'maxFun' };

    // Direction d = -H g by the two-loop recursion over the stored pairs, newest first.
    for (let i = 0; i < n; i++) d[i] = -g[i];
    for (let k = pairs - 1; k >= 0; k--) {
      const j = (head + k) % m;
      alphaBuf[j] = rho[j] * dot(S[j], d);
      const y = Y[j];
      for (let i = 0; i < n; i++) d[i] -= alphaBuf[j] * y[i];
    }
    for (let i = 0; i < n; i++) d[i] *= gamma;
    for (let k = 0; k < pairs; k++) {
      const j = (head + k) % m;
      const beta = rho[j] * dot(Y[j], d);
      const s = S[j];
      for (let i = 0; i < n; i++) d[i] += (alphaBuf[j] - beta) * s[i];
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (rounding in a badly scaled problem): restart from steepest descent.
      pairs = 0;
      gamma = 1;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      slope = dot(g, d);
    }

    // Strong-Wolfe line search along d: f(x + t d) <= f + C1 t slope and |slope(t)| <= C2 |slope|.
    const first = nIter === 0 && pairs === 0 ? 1 / Math.max(Math.sqrt(dot(d, d)), EPS) : 1;
    const at = (t: number): [number, number] => {
      for (let i = 0; i < n; i++) xTry[i] = x[i] + t * d[i];
      nFun++;
      const ft = fg(xTry, gTry);
      return [ft, dot(gTry, d)];
    };
    let tPrev = 0;
    let fPrev = f;
    let sPrev = slope;
    let t = first;
    let accepted = false;
    let fNew = f;
    let evals = 0;
    let lo = 0;
    let flo = f;
    let slo = slope;
    let hi = 0;
    let fhi = 0;
    let shi = 0;
    let zoom = false;
    while (evals < MAX_LINE_EVALS && nFun < o.maxFun) {
      evals++;
      const [ft, st] = at(t);
      if (!Number.isFinite(ft)) {
        // Overshot into overflow: shrink the step.
        hi = t;
        fhi = Infinity;
        shi = 0;
        zoom = true;
        t = lo + (t - lo) / 10;
        continue;
      }
      if (!zoom) {
        if (ft > f + C1 * t * slope || (evals > 1 && ft >= fPrev)) {
          [lo, flo, slo, hi, fhi, shi] = [tPrev, fPrev, sPrev, t, ft, st];
          zoom = true;
        } else if (Math.abs(st) <= -C2 * slope) {
          accepted = true;
          fNew = ft;
          break;
        } else if (st >= 0) {
          [lo, flo, slo, hi, fhi, shi] = [t, ft, st, tPrev, fPrev, sPrev];
          zoom = true;
        } else {
          [tPrev, fPrev, sPrev] = [t, ft, st];
          t *= 4;
          continue;
        }
      } else if (ft > f + C1 * t * slope || ft >= flo) {
        [hi, fhi, shi] = [t, ft, st];
      } else {
        if (Math.abs(st) <= -C2 * slope) {
          accepted = true;
          fNew = ft;
          break;
        }
        if (st * (hi - lo) >= 0) [hi, fhi, shi] = [lo, flo, slo];
        [lo, flo, slo] = [t, ft, st];
      }
      t = Number.isFinite(fhi) ? cubicStep(lo, flo, slo, hi, fhi, shi) : (lo + hi) / 2;
      if (Math.abs(hi - lo) <= EPS * Math.max(1, Math.abs(lo))) break;
    }
    if (!accepted) {
      // No Wolfe point: take the best decrease seen if there was one (as lnsrlb returns its last good point).
      if (zoom && lo > 0 && flo < f) {
        const [ft] = at(lo);
        if (ft < f) {
          accepted = true;
          fNew = ft;
        }
      }
      if (!accepted) return { x, f, nIter, nFun, reason: nFun >= o.maxFun ? 'maxFun' : 'lineSearch' };
    }

    // xTry / gTry hold the accepted point. New pair s = t d, y = g+ - g.
    const j = pairs < m ? (head + pairs) % m : head;
    const s = S[j];
    const y = Y[j];
    for (let i = 0; i < n; i++) {
      s[i] = xTry[i] - x[i];
      y[i] = gTry[i] - g[i];
    }
    const sy = dot(s, y);
    const yy = dot(y, y);
    const fOld = f;
    f = fNew;
    x.set(xTry);
    g.set(gTry);
    nIter++;
    if (sy > EPS * yy) {
      rho[j] = 1 / sy;
      gamma = sy / yy;
      if (pairs < m) pairs++;
      else head = (head + 1) % m;
    }
    if (o.onIteration?.(nIter, f, x) === false) return { x, f, nIter, nFun, reason: 'callback' };
    if ((fOld - f) / Math.max(Math.abs(fOld), Math.abs(f), 1) <= ftol) return { x, f, nIter, nFun, reason: 'ftol' };
  }
}
