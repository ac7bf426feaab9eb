/**
 * Logistic regression solvers: TypeScript drives the optimisation, wasm kernels do every pass over the rows
 * (scores X W^T + b, losses, gradients G^T X, Hessian-vector products, weighted Gram matrices).
 *
 * Objective (scikit-learn 1.2's, sum form): sum_i logloss_i + (l2 / 2) ||W||^2 + l1 ||W||_1, where the intercepts are
 * never penalised; l2 = 1/C for 'l2', l1 = 1/C for 'l1', l1 = l1Ratio/C and l2 = (1 - l1Ratio)/C for 'elasticnet',
 * both 0 for 'none'. Binary problems use one coefficient vector and the sigmoid (K = 1); more classes use one vector
 * per class and the softmax (K = classes), as scikit-learn's multi_class='auto'.
 *
 * - Smooth objectives (l1 = 0): truncated Newton (Newton-CG with Armijo backtracking), which converges quadratically,
 *   so the fit lands on the optimum scikit-learn's converged lbfgs approximates. The multinomial Hessian is singular
 *   along "shift every class's intercept equally"; CG never leaves the range of the Hessian, so that is harmless.
 * - With an L1 part: proximal Newton (as liblinear's newGLMNET): the exact Hessian of the smooth part (blocks of weighted
 *   Gram matrices in wasm), coordinate descent in wasm on the L1-penalised quadratic model, then a backtracking line
 *   search on the true objective. (Per-class block steps were tried first and needed ~100x more iterations on
 *   multinomial problems: the classes are strongly coupled.)
 * Convergence: max over coordinates of the (minimum-norm sub)gradient <= tol, in the sum form (as lbfgs's gtol), and a
 * negligible predicted decrease of the next step (see negligible()).
 */
import type { FoldSide, TrainContext } from './types';
import { dotJs, maxAbs } from './linear-common';

export interface LogisticSettings {
  /** L2 weight on ||W||^2 / 2 (sum form). */
  l2: number;
  /** L1 weight on ||W||_1 (sum form). */
  l1: number;
  fitIntercept: boolean;
  maxIter: number;
  tol: number;
}

export interface LogisticFit {
  /** K x cols, row-major (K = 1 for binary). */
  coef: Float64Array;
  /** K intercepts. */
  intercept: Float64Array;
  nIter: number;
  converged: boolean;
  /** Final objective value (sum form). */
  objective: number;
}

/** Armijo sufficient-decrease constant and the smallest step tried before the line search gives up. */
const ARMIJO = 1e-4;
const MIN_STEP = 1e-12;
/**
 * The gradient test alone (max |g| <= tol, as lbfgs's gtol) leaves the coefficients off by up to ~tol / (smallest
 * Hessian eigenvalue), which is large for weak penalties (C = 1000: 1/C = 1e-3). So once it holds, the solvers also
 * require the model's predicted decrease of the next (proximal) Newton step to be negligible, at lbfgs's own ftol
 * (64 eps relative). Newton's quadratic convergence makes this cost one or two extra iterations, and the fit lands on the
 * optimum that scikit-learn's converged references approximate.
 */
function negligible(predictedDecrease: number, objective: number): boolean {
  return predictedDecrease <= 64 * Number.EPSILON * Math.max(1, Math.abs(objective));
}

/** Inner coordinate-descent passes per proximal Newton step. */
const MAX_CD_PASSES = 1000;

/**
 * Wasm-side state of one fit: the buffers of every kernel call, allocated once (no allocation inside the loops).
 * The solver may allocate more scratch after construction (growing memory and detaching views), so the views here are
 * re-created whenever the memory's buffer has changed.
 */
class Problem {
  readonly K: number;
  readonly cols: number;
  readonly rows: number;
  /** Parameters: W (K x cols) then b (K). */
  readonly size: number;
  private readonly wasm: TrainContext['kernels']['wasm'];
  private readonly X: number;
  private readonly ptr: Record<'W' | 'b' | 'Z' | 'G' | 'D' | 'y' | 'V' | 'vb' | 'U' | 'M' | 'gW' | 'gB', number>;
  private readonly arena: TrainContext['kernels']['arena'];
  private views: Record<'W' | 'b' | 'G' | 'D' | 'V' | 'vb' | 'gW' | 'gB', Float64Array>;

  constructor(
    ctx: TrainContext,
    train: FoldSide,
    /** Binary: 0/1 targets; multinomial: class index 0..K-1 of each row. */
    targets: Float64Array | Int32Array,
    K: number,
    readonly s: LogisticSettings,
  ) {
    const { arena } = ctx.kernels;
    this.wasm = ctx.kernels.wasm;
    this.K = K;
    this.cols = train.cols;
    this.rows = train.rows;
    this.size = K * train.cols + K;
    this.X = train.ptr;
    const { rows, cols } = train;
    const f = (n: number) => arena.alloc(n * 8);
    const yPtr = K === 1 ? arena.allocF64(targets as Float64Array) : arena.alloc(rows * 4);
    if (K > 1) arena.i32(yPtr, rows).set(targets as Int32Array);
    this.ptr = {
      W: f(K * cols), b: f(K), Z: f(rows * K), G: f(rows * K), D: f(rows * K), y: yPtr,
      V: f(K * cols), vb: f(K), U: f(rows * K), M: f(rows * K), gW: f(K * cols), gB: f(K),
    };
    this.arena = arena;
    this.views = this.makeViews();
  }

  private makeViews(): Problem['views'] {
    const { K, cols, rows, ptr, arena } = this;
    const v = (p: number, n: number) => arena.f64(p, n);
    return {
      W: v(ptr.W, K * cols), b: v(ptr.b, K), G: v(ptr.G, rows * K), D: v(ptr.D, rows * K),
      V: v(ptr.V, K * cols), vb: v(ptr.vb, K), gW: v(ptr.gW, K * cols), gB: v(ptr.gB, K),
    };
  }

  /** Views on this fit's buffers, valid for the current memory (re-created after a memory.grow). */
  private get view(): Problem['views'] {
    if (this.views.W.buffer !== this.arena.memory.buffer) this.views = this.makeViews();
    return this.views;
  }

  /**
   * Smooth objective (loss + l2 part) at theta. Leaves the kernels' per-row derivatives (G) and curvature (D: p(1-p)
   * for binary, P for softmax) of theta in wasm memory: gradient() and hessVec() use the last point evaluated.
   */
  smooth(theta: Float64Array): number {
    const { K, cols, rows, wasm, ptr, view } = this;
    const nW = K * cols;
    view.W.set(theta.subarray(0, nW));
    view.b.set(theta.subarray(nW));
    wasm.linearPredict(this.X, rows, cols, ptr.W, K, ptr.b, ptr.Z);
    const loss = K === 1
      ? wasm.logisticLoss(ptr.Z, ptr.y, rows, ptr.G, ptr.D)
      : wasm.softmaxLoss(ptr.Z, rows, K, ptr.y, ptr.D, ptr.G);
    let w2 = 0;
    for (let j = 0; j < nW; j++) w2 += theta[j] * theta[j];
    return loss + 0.5 * this.s.l2 * w2;
  }

  /** Gradient of smooth() at the last evaluated point (the intercept part is 0 without fitIntercept). */
  gradient(theta: Float64Array, out: Float64Array): void {
    const { K, cols, rows, wasm, ptr, view } = this;
    wasm.linearGradient(this.X, rows, cols, ptr.G, K, ptr.gW, ptr.gB);
    const nW = K * cols;
    for (let j = 0; j < nW; j++) out[j] = view.gW[j] + this.s.l2 * theta[j];
    for (let k = 0; k < K; k++) out[nW + k] = this.s.fitIntercept ? view.gB[k] : 0;
  }

  /** out = H v, the Hessian of smooth() at the last evaluated point applied to v. */
  hessVec(v: Float64Array, out: Float64Array): void {
    const { K, cols, rows, wasm, ptr, view } = this;
    const nW = K * cols;
    view.V.set(v.subarray(0, nW));
    for (let k = 0; k < K; k++) view.vb[k] = this.s.fitIntercept ? v[nW + k] : 0;
    wasm.linearPredict(this.X, rows, cols, ptr.V, K, ptr.vb, ptr.U);
    if (K === 1) wasm.mulElementwise(ptr.D, ptr.U, rows, ptr.M);
    else wasm.softmaxHessianMix(ptr.D, ptr.U, rows, K, ptr.M);
    wasm.linearGradient(this.X, rows, cols, ptr.M, K, ptr.gW, ptr.gB);
    for (let j = 0; j < nW; j++) out[j] = view.gW[j] + this.s.l2 * v[j];
    for (let k = 0; k < K; k++) out[nW + k] = this.s.fitIntercept ? view.gB[k] : 0;
  }

  /**
   * Row weights of the Hessian block (k, l) at the last evaluated point: p(1-p) for binary; P_k (1 - P_k) on the
   * diagonal and -P_k P_l off it for softmax. Block (k, l) of the Hessian is [X 1]^T diag(weights) [X 1].
   */
  hessianWeights(k: number, l: number, out: Float64Array): void {
    const { K, rows, view } = this;
    if (K === 1) {
      out.set(view.D.subarray(0, rows));
      return;
    }
    for (let i = 0; i < rows; i++) {
      const pk = view.D[i * K + k];
      out[i] = k === l ? pk * (1 - pk) : -pk * view.D[i * K + l];
    }
  }

  get kernels(): TrainContext['kernels']['wasm'] {
    return this.wasm;
  }

  get xPtr(): number {
    return this.X;
  }
}

/** Fits the model; targets are 0/1 labels (K = 1) or class indices (K >= 3). */
export function fitLogistic(
  ctx: TrainContext, train: FoldSide, targets: Float64Array | Int32Array, K: number, s: LogisticSettings,
  /** Starting point [W (K x cols), b (K)] (a warm-started path's previous solution); zeros when absent. */
  start: Float64Array | null = null,
): LogisticFit {
  const { arena } = ctx.kernels;
  const mark = arena.mark();
  try {
    const problem = new Problem(ctx, train, targets, K, s);
    return s.l1 > 0 ? proximalNewton(ctx, problem, start) : newtonCg(problem, start);
  } finally {
    arena.release(mark);
  }
}

function split(problem: Problem, theta: Float64Array, objective: number, nIter: number, converged: boolean): LogisticFit {
  const nW = problem.K * problem.cols;
  return { coef: theta.slice(0, nW), intercept: theta.slice(nW), nIter, converged, objective };
}

function requireFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) {
    throw new Error(
      `logistic-regression: the ${what} became ${value} during the fit (diverged); ` +
        'standardise the features (preprocess: "standardize") or use a smaller C',
    );
  }
}

/** Truncated Newton for the smooth objective (penalty 'l2', 'none', or elastic net with l1Ratio = 0). */
/** The optimiser's first iterate: the given start when it has the problem's size, else zeros. */
function startingPoint(size: number, start: Float64Array | null): Float64Array {
  return start && start.length === size ? start.slice() : new Float64Array(size);
}

function newtonCg(problem: Problem, start: Float64Array | null): LogisticFit {
  const { size, s } = problem;
  const theta = startingPoint(size, start);
  const trial = new Float64Array(size);
  const g = new Float64Array(size);
  const gTrial = new Float64Array(size);
  const step = new Float64Array(size);
  const cg = new CgScratch(size);
  let f = problem.smooth(theta);
  requireFinite(f, 'objective');
  problem.gradient(theta, g);
  let nIter = 0;
  let converged = false;
  while (true) {
    const gMax = maxAbs(g);
    requireFinite(gMax, 'gradient');
    if (nIter >= s.maxIter) {
      converged = gMax <= s.tol;
      break;
    }
    // Forcing term as scikit-learn's newton-cg: solve H step = -g to a residual of min(0.5, sqrt(|g|_1)) |g|_1.
    let gAbs = 0;
    for (let j = 0; j < size; j++) gAbs += Math.abs(g[j]);
    conjugateGradient(problem, g, Math.min(0.5, Math.sqrt(gAbs)) * gAbs, cg, step);
    let slope = dotJs(g, step);
    if (!(slope < 0)) {
      // Not a descent direction (rounding at a nearly singular Hessian): fall back to steepest descent.
      for (let j = 0; j < size; j++) step[j] = -g[j];
      slope = -dotJs(g, g);
    }
    if (gMax <= s.tol && negligible(-0.5 * slope, f)) {
      converged = true;
      break;
    }
    nIter++;
    let t = 1;
    let fTrial = NaN;
    let gradientReady = false;
    while (t >= MIN_STEP) {
      for (let j = 0; j < size; j++) trial[j] = theta[j] + t * step[j];
      fTrial = problem.smooth(trial);
      if (fTrial <= f + ARMIJO * t * slope) break;
      if (t === 1 && negligible(Math.abs(fTrial - f), f)) {
        // Next to the optimum the objective no longer resolves the decrease (it is below its rounding): accept the
        // full Newton step when it reduces the gradient instead.
        problem.gradient(trial, gTrial);
        if (maxAbs(gTrial) < gMax) {
          gradientReady = true;
          break;
        }
      }
      t *= 0.5;
    }
    if (t < MIN_STEP) {
      // No decrease is representable any more: theta is optimal to rounding precision. Restore its state.
      f = problem.smooth(theta);
      converged = gMax <= s.tol;
      break;
    }
    theta.set(trial);
    f = fTrial;
    requireFinite(f, 'objective');
    if (gradientReady) g.set(gTrial);
    else problem.gradient(theta, g);
  }
  for (let j = 0; j < size; j++) requireFinite(theta[j], 'coefficients');
  return split(problem, theta, f, nIter, converged);
}

class CgScratch {
  readonly r: Float64Array;
  readonly p: Float64Array;
  readonly hp: Float64Array;
  constructor(n: number) {
    this.r = new Float64Array(n);
    this.p = new Float64Array(n);
    this.hp = new Float64Array(n);
  }
}

/** Conjugate gradients on H x = -g until |r|_1 <= termcond (or a non-positive curvature / iteration cap). */
function conjugateGradient(problem: Problem, g: Float64Array, termcond: number, sc: CgScratch, x: Float64Array): void {
  const n = g.length;
  const { r, p, hp } = sc;
  x.fill(0);
  for (let j = 0; j < n; j++) {
    r[j] = -g[j];
    p[j] = r[j];
  }
  let rr = dotJs(r, r);
  // scikit-learn's newton-cg cap (maxinner); exact CG needs at most n steps, and inexact steps still converge.
  const maxCg = 200;
  for (let it = 0; it < maxCg; it++) {
    let rAbs = 0;
    for (let j = 0; j < n; j++) rAbs += Math.abs(r[j]);
    if (rAbs <= termcond) return;
    problem.hessVec(p, hp);
    const curv = dotJs(p, hp);
    if (!(curv > 0)) {
      if (it === 0) x.set(r);
      return;
    }
    const a = rr / curv;
    for (let j = 0; j < n; j++) {
      x[j] += a * p[j];
      r[j] -= a * hp[j];
    }
    const rrNew = dotJs(r, r);
    const beta = rrNew / rr;
    rr = rrNew;
    for (let j = 0; j < n; j++) p[j] = r[j] + beta * p[j];
  }
}

/** l1 * sum |W| over the penalised coefficients (the first K * cols entries). */
function l1Norm(theta: Float64Array, nW: number, l1: number): number {
  let s = 0;
  for (let j = 0; j < nW; j++) s += Math.abs(theta[j]);
  return l1 * s;
}

/** Largest violation of the optimality conditions: min-norm subgradient of the penalised coordinates, |g| elsewhere. */
function optimalityViolation(theta: Float64Array, g: Float64Array, nW: number, l1: number): number {
  let v = 0;
  for (let j = 0; j < theta.length; j++) {
    let e: number;
    if (j >= nW) e = Math.abs(g[j]);
    else if (theta[j] > 0) e = Math.abs(g[j] + l1);
    else if (theta[j] < 0) e = Math.abs(g[j] - l1);
    else e = Math.max(Math.abs(g[j]) - l1, 0);
    v = Math.max(v, e);
  }
  return v;
}

/**
 * Proximal Newton for objectives with an L1 part (penalty 'l1' or 'elasticnet'). Each iteration builds the full
 * Hessian of the smooth part (K (cols+1) square, blocks from the weighted Gram kernel), minimises the L1-penalised
 * quadratic model by coordinate descent in wasm, and backtracks on the true objective. Parameters are ordered per class
 * inside this function ([W_0, b_0, W_1, b_1, ...]) so that each class's block is contiguous.
 */
function proximalNewton(ctx: TrainContext, problem: Problem, start: Float64Array | null): LogisticFit {
  const { K, cols, rows, size, s } = problem;
  const wasm = problem.kernels;
  const { arena } = ctx.kernels;
  const nW = K * cols;
  const p = cols + 1;
  const n = K * p;
  const hPtr = arena.alloc(n * n * 8);
  const blockPtr = arena.alloc(p * p * 8);
  const wtsPtr = arena.alloc(rows * 8);
  const gPtr = arena.alloc(n * 8);
  const wPtr = arena.alloc(n * 8);
  const l1Ptr = arena.alloc(n * 8);
  const dPtr = arena.alloc(n * 8);
  const hdPtr = arena.alloc(n * 8);
  // Views after every allocation of this fit (memory growth would detach earlier ones).
  const H = arena.f64(hPtr, n * n);
  const block = arena.f64(blockPtr, p * p);
  const wts = arena.f64(wtsPtr, rows);
  const gOrd = arena.f64(gPtr, n);
  const wOrd = arena.f64(wPtr, n);
  const l1Ord = arena.f64(l1Ptr, n);
  const deltaOrd = arena.f64(dPtr, n);
  /** Position in the per-class order of each entry of theta ([W (K x cols), b (K)]). */
  const order = new Int32Array(size);
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < cols; j++) order[k * cols + j] = k * p + j;
    order[nW + k] = k * p + cols;
  }
  for (let q = 0; q < size; q++) l1Ord[order[q]] = q < nW ? s.l1 : 0;

  const theta = startingPoint(size, start);
  const trial = new Float64Array(size);
  const g = new Float64Array(size);
  const gTrial = new Float64Array(size);
  const delta = new Float64Array(size);
  let F = problem.smooth(theta) + l1Norm(theta, nW, s.l1);
  requireFinite(F, 'objective');
  problem.gradient(theta, g);
  let nIter = 0;
  let converged = false;
  /** The model's predicted decrease at the last iteration (see negligible()). */
  let lastDecrease = Infinity;
  while (true) {
    const violation = optimalityViolation(theta, g, nW, s.l1);
    requireFinite(violation, 'gradient');
    if (violation <= s.tol && negligible(lastDecrease, F)) {
      converged = true;
      break;
    }
    if (nIter >= s.maxIter) {
      converged = violation <= s.tol;
      break;
    }
    nIter++;
    buildHessian(problem, wasm, wtsPtr, wts, blockPtr, block, H, n);
    for (let q = 0; q < size; q++) {
      gOrd[order[q]] = g[q];
      wOrd[order[q]] = theta[q];
    }
    // The inner solve only needs to be as accurate as the outer iterate is (inexact proximal Newton).
    const innerTol = Math.max(0.1 * violation, 0.01 * s.tol);
    wasm.cdQuadraticL1(hPtr, n, gPtr, wPtr, l1Ptr, MAX_CD_PASSES, innerTol, dPtr, hdPtr);
    for (let q = 0; q < size; q++) delta[q] = deltaOrd[order[q]];
    // Predicted decrease without the quadratic term (newGLMNET's line-search reference).
    let decrease = dotJs(g, delta);
    for (let j = 0; j < nW; j++) decrease += s.l1 * (Math.abs(theta[j] + delta[j]) - Math.abs(theta[j]));
    lastDecrease = Math.max(0, -decrease);
    if (!(decrease < 0)) {
      // The model sees no descent direction: optimal up to the inner solver's accuracy.
      converged = violation <= s.tol;
      break;
    }
    let t = 1;
    let fTrial = NaN;
    let gradientReady = false;
    while (t >= MIN_STEP) {
      for (let q = 0; q < size; q++) trial[q] = theta[q] + t * delta[q];
      fTrial = problem.smooth(trial) + l1Norm(trial, nW, s.l1);
      if (fTrial <= F + 0.01 * t * decrease) break;
      if (t === 1 && negligible(Math.abs(fTrial - F), F)) {
        // The objective no longer resolves the decrease: accept the full step if it improves optimality.
        problem.gradient(trial, gTrial);
        if (optimalityViolation(trial, gTrial, nW, s.l1) < violation) {
          gradientReady = true;
          break;
        }
      }
      t *= 0.5;
    }
    if (t < MIN_STEP) {
      problem.smooth(theta);
      converged = violation <= s.tol;
      break;
    }
    theta.set(trial);
    F = fTrial;
    requireFinite(F, 'objective');
    if (gradientReady) g.set(gTrial);
    else problem.gradient(theta, g);
  }
  for (let j = 0; j < size; j++) requireFinite(theta[j], 'coefficients');
  return split(problem, theta, F, nIter, converged);
}

/**
 * H (n x n, per-class order) = Hessian of the smooth objective at the last evaluated point: block (k, l) from the
 * weighted Gram kernel, l2 on the coefficient diagonal, and the intercepts pinned (unit diagonal, no coupling) when
 * they are not fitted, so that with a zero gradient and a zero start their step stays 0.
 */
function buildHessian(
  problem: Problem, wasm: TrainContext['kernels']['wasm'], wtsPtr: number, wts: Float64Array,
  blockPtr: number, block: Float64Array, H: Float64Array, n: number,
): void {
  const { K, cols, rows, s } = problem;
  const p = cols + 1;
  for (let k = 0; k < K; k++) {
    for (let l = k; l < K; l++) {
      problem.hessianWeights(k, l, wts);
      wasm.weightedGramAug(problem.xPtr, rows, cols, wtsPtr, blockPtr);
      for (let a = 0; a < p; a++) {
        for (let b = 0; b < p; b++) {
          const v = block[a * p + b];
          H[(k * p + a) * n + l * p + b] = v;
          H[(l * p + b) * n + k * p + a] = v;
        }
      }
    }
  }
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < cols; j++) H[(k * p + j) * n + k * p + j] += s.l2;
    if (!s.fitIntercept) {
      const c = k * p + cols;
      for (let q = 0; q < n; q++) {
        H[c * n + q] = 0;
        H[q * n + c] = 0;
      }
      H[c * n + c] = 1;
    }
  }
}
