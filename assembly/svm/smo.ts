// libsvm's SMO solver (Fan, Chen and Lin, JMLR 6 (2005) 1889-1918; libsvm 3.x Solver::Solve as scikit-learn 1.2.1
// ships it), for   min 0.5 a^T Q a + p^T a   s.t.  y^T a = const,  0 <= a_i <= C_i.
// Second-order working-set selection (WSS3), shrinking every min(l, 1000) iterations with unshrinking once the
// violation falls below 10 eps, gradient reconstruction from G_bar, and the bias from calculate_rho. The same
// comparisons (>=, <=) in the same index order as libsvm, including the index permutation that shrinking applies
// (swap_index), so that ties between equal gradients resolve as libsvm resolves them. Q comes from qmatrix.ts.
import { baseDiagonal, baseRow } from './qmatrix';

const LOWER: i32 = 0;
const UPPER: i32 = 1;
const FREE: i32 = 2;
const TAU: f64 = 1e-12;

let L: i32 = 0;
let activeSize: i32 = 0;
let unshrink: bool = false;
let eps: f64 = 0;
let sY: usize = 0;
let sG: usize = 0;
let sGbar: usize = 0;
let sAlpha: usize = 0;
let sStatus: usize = 0;
let sP: usize = 0;
let sActive: usize = 0;
let sC: usize = 0;
let sBase: usize = 0;
let sQD: usize = 0;

// @ts-ignore: decorator
@inline function f(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
// @ts-ignore: decorator
@inline function setf(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }
// @ts-ignore: decorator
@inline function n(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function setn(p: usize, i: i32, v: i32): void { store<i32>(p + (<usize>i << 2), v); }

// @ts-ignore: decorator
@inline function isUpper(i: i32): bool { return n(sStatus, i) == UPPER; }
// @ts-ignore: decorator
@inline function isLower(i: i32): bool { return n(sStatus, i) == LOWER; }
// @ts-ignore: decorator
@inline function isFree(i: i32): bool { return n(sStatus, i) == FREE; }

/** Q row of variable i (current position), as an f32 row indexed by base: Q_ik = y_i y_k row[base_k]. */
// @ts-ignore: decorator
@inline function qRow(i: i32): usize { return baseRow(n(sBase, i)); }

/** Q_ik read from variable i's row (an exact sign flip of the cached f32 value, promoted to f64). */
// @ts-ignore: decorator
@inline function q(row: usize, yi: i32, k: i32): f64 {
  const v = <f64>load<f32>(row + (<usize>n(sBase, k) << 2));
  return n(sY, k) == yi ? v : -v;
}

function updateStatus(i: i32): void {
  const a = f(sAlpha, i);
  setn(sStatus, i, a >= f(sC, i) ? UPPER : a <= 0 ? LOWER : FREE);
}

function swapF(p: usize, i: i32, j: i32): void { const t = f(p, i); setf(p, i, f(p, j)); setf(p, j, t); }
function swapN(p: usize, i: i32, j: i32): void { const t = n(p, i); setn(p, i, n(p, j)); setn(p, j, t); }

function swapIndex(i: i32, j: i32): void {
  swapN(sBase, i, j);
  swapF(sQD, i, j);
  swapN(sY, i, j);
  swapF(sG, i, j);
  swapN(sStatus, i, j);
  swapF(sAlpha, i, j);
  swapF(sP, i, j);
  swapN(sActive, i, j);
  swapF(sGbar, i, j);
  swapF(sC, i, j);
}

function reconstructGradient(): void {
  if (activeSize == L) return;
  for (let j = activeSize; j < L; j++) setf(sG, j, f(sGbar, j) + f(sP, j));
  let nrFree = 0;
  for (let j = 0; j < activeSize; j++) if (isFree(j)) nrFree++;
  if (<i64>nrFree * <i64>L > 2 * <i64>activeSize * <i64>(L - activeSize)) {
    for (let i = activeSize; i < L; i++) {
      const row = qRow(i);
      const yi = n(sY, i);
      let g = f(sG, i);
      for (let j = 0; j < activeSize; j++) if (isFree(j)) g += f(sAlpha, j) * q(row, yi, j);
      setf(sG, i, g);
    }
  } else {
    for (let i = 0; i < activeSize; i++) {
      if (!isFree(i)) continue;
      const row = qRow(i);
      const yi = n(sY, i);
      const ai = f(sAlpha, i);
      for (let j = activeSize; j < L; j++) setf(sG, j, f(sG, j) + ai * q(row, yi, j));
    }
  }
}

let outI: i32 = -1;
let outJ: i32 = -1;
/** The first scan of selectWorkingSet (i = argmax of -y_t G_t over I_up), done by the previous iteration's gradient
 *  update in the same index order with the same comparisons; valid until shrinking or a reset of the active set. */
let fusedValid: bool = false;
let fusedGmax: f64 = 0;
let fusedIdx: i32 = -1;

/** WSS3; returns 1 when optimal within eps (libsvm's select_working_set), else sets outI, outJ and returns 0. */
function selectWorkingSet(): i32 {
  let Gmax = -Infinity;
  let Gmax2 = -Infinity;
  let GmaxIdx = -1;
  let GminIdx = -1;
  let objDiffMin = Infinity;
  if (fusedValid) {
    Gmax = fusedGmax;
    GmaxIdx = fusedIdx;
  } else {
    for (let t = 0; t < activeSize; t++) {
      if (n(sY, t) == 1) {
        if (!isUpper(t) && -f(sG, t) >= Gmax) { Gmax = -f(sG, t); GmaxIdx = t; }
      } else {
        if (!isLower(t) && f(sG, t) >= Gmax) { Gmax = f(sG, t); GmaxIdx = t; }
      }
    }
  }
  fusedValid = false;
  const i = GmaxIdx;
  let row: usize = 0;
  let yi: i32 = 0;
  let QDi: f64 = 0;
  if (i != -1) { row = qRow(i); yi = n(sY, i); QDi = f(sQD, i); }
  for (let j = 0; j < activeSize; j++) {
    const Gj = f(sG, j);
    if (n(sY, j) == 1) {
      if (!isLower(j)) {
        const gradDiff = Gmax + Gj;
        if (Gj >= Gmax2) Gmax2 = Gj;
        if (gradDiff > 0) {
          // y[i] * Q_i[j] in libsvm's row of i: Q_ij = y_i y_j K; here y_j = +1, so y_i * Q_ij = K = row value.
          const quad = QDi + f(sQD, j) - 2.0 * <f64>yi * q(row, yi, j);
          const objDiff = quad > 0 ? -(gradDiff * gradDiff) / quad : -(gradDiff * gradDiff) / TAU;
          if (objDiff <= objDiffMin) { GminIdx = j; objDiffMin = objDiff; }
        }
      }
    } else {
      if (!isUpper(j)) {
        const gradDiff = Gmax - Gj;
        if (-Gj >= Gmax2) Gmax2 = -Gj;
        if (gradDiff > 0) {
          const quad = QDi + f(sQD, j) + 2.0 * <f64>yi * q(row, yi, j);
          const objDiff = quad > 0 ? -(gradDiff * gradDiff) / quad : -(gradDiff * gradDiff) / TAU;
          if (objDiff <= objDiffMin) { GminIdx = j; objDiffMin = objDiff; }
        }
      }
    }
  }
  if (Gmax + Gmax2 < eps || GminIdx == -1) return 1;
  outI = GmaxIdx;
  outJ = GminIdx;
  return 0;
}

function beShrunk(i: i32, Gmax1: f64, Gmax2: f64): bool {
  if (isUpper(i)) return n(sY, i) == 1 ? -f(sG, i) > Gmax1 : -f(sG, i) > Gmax2;
  if (isLower(i)) return n(sY, i) == 1 ? f(sG, i) > Gmax2 : f(sG, i) > Gmax1;
  return false;
}

function doShrinking(): void {
  let Gmax1 = -Infinity;
  let Gmax2 = -Infinity;
  for (let i = 0; i < activeSize; i++) {
    const g = f(sG, i);
    if (n(sY, i) == 1) {
      if (!isUpper(i) && -g >= Gmax1) Gmax1 = -g;
      if (!isLower(i) && g >= Gmax2) Gmax2 = g;
    } else {
      if (!isUpper(i) && -g >= Gmax2) Gmax2 = -g;
      if (!isLower(i) && g >= Gmax1) Gmax1 = g;
    }
  }
  if (!unshrink && Gmax1 + Gmax2 <= eps * 10) {
    unshrink = true;
    reconstructGradient();
    activeSize = L;
  }
  for (let i = 0; i < activeSize; i++) {
    if (beShrunk(i, Gmax1, Gmax2)) {
      activeSize--;
      while (activeSize > i) {
        if (!beShrunk(activeSize, Gmax1, Gmax2)) {
          swapIndex(i, activeSize);
          break;
        }
        activeSize--;
      }
    }
  }
}

function calculateRho(): f64 {
  let nrFree = 0;
  let ub = Infinity;
  let lb = -Infinity;
  let sumFree = 0.0;
  for (let i = 0; i < activeSize; i++) {
    const yG = <f64>n(sY, i) * f(sG, i);
    if (isUpper(i)) {
      if (n(sY, i) == -1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else if (isLower(i)) {
      if (n(sY, i) == 1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else {
      nrFree++;
      sumFree += yG;
    }
  }
  return nrFree > 0 ? sumFree / <f64>nrFree : (ub + lb) / 2;
}

/**
 * Solves the dual above for l variables (svmSetKernel must have set up the Q rows first). In: y (i32, +1/-1), p, C
 * (f64), base (i32: each variable's base kernel row), alpha (initial feasible point). These five arrays and G, Gbar,
 * status, active, QD (scratch, l each) are permuted in place by shrinking. Out: alphaOut (l f64, original order),
 * info[0] = rho, info[1] = objective, info[2] = iterations, info[3] = 1 if maxIter (-1: none) stopped it.
 */
export function svmSolve(
  l: i32, y: usize, p: usize, C: usize, base: usize, alpha: usize,
  G: usize, Gbar: usize, status: usize, active: usize, QD: usize,
  tol: f64, shrinking: i32, maxIter: i32, alphaOut: usize, info: usize,
): void {
  L = l; sY = y; sP = p; sC = C; sBase = base; sAlpha = alpha;
  sG = G; sGbar = Gbar; sStatus = status; sActive = active; sQD = QD;
  eps = tol;
  unshrink = false;
  fusedValid = false;
  for (let i = 0; i < l; i++) {
    setf(QD, i, baseDiagonal(n(base, i)));
    updateStatus(i);
    setn(active, i, i);
  }
  activeSize = l;
  for (let i = 0; i < l; i++) { setf(G, i, f(p, i)); setf(Gbar, i, 0); }
  for (let i = 0; i < l; i++) {
    if (isLower(i)) continue;
    const row = qRow(i);
    const yi = n(y, i);
    const ai = f(alpha, i);
    for (let j = 0; j < l; j++) setf(G, j, f(G, j) + ai * q(row, yi, j));
    if (isUpper(i)) {
      const Ci = f(C, i);
      for (let j = 0; j < l; j++) setf(Gbar, j, f(Gbar, j) + Ci * q(row, yi, j));
    }
  }

  let iter = 0;
  let timedOut = 0;
  let counter = min(l, 1000) + 1;
  while (true) {
    if (maxIter != -1 && iter >= maxIter) { timedOut = 1; break; }
    if (--counter == 0) {
      counter = min(l, 1000);
      if (shrinking != 0) doShrinking();
      fusedValid = false;
    }
    if (selectWorkingSet() != 0) {
      reconstructGradient();
      activeSize = l;
      if (selectWorkingSet() != 0) break;
      else counter = 1;
    }
    ++iter;
    const i = outI;
    const j = outJ;
    const rowI = qRow(i);
    const rowJ = qRow(j);
    const yi = n(y, i);
    const yj = n(y, j);
    const Ci = f(C, i);
    const Cj = f(C, j);
    const oldAi = f(alpha, i);
    const oldAj = f(alpha, j);
    let ai = oldAi;
    let aj = oldAj;
    const Qij = q(rowI, yi, j);
    if (yi != yj) {
      let quad = f(QD, i) + f(QD, j) + 2 * Qij;
      if (quad <= 0) quad = TAU;
      const delta = (-f(G, i) - f(G, j)) / quad;
      const diff = ai - aj;
      ai += delta;
      aj += delta;
      if (diff > 0) {
        if (aj < 0) { aj = 0; ai = diff; }
      } else {
        if (ai < 0) { ai = 0; aj = -diff; }
      }
      if (diff > Ci - Cj) {
        if (ai > Ci) { ai = Ci; aj = Ci - diff; }
      } else {
        if (aj > Cj) { aj = Cj; ai = Cj + diff; }
      }
    } else {
      let quad = f(QD, i) + f(QD, j) - 2 * Qij;
      if (quad <= 0) quad = TAU;
      const delta = (f(G, i) - f(G, j)) / quad;
      const sum = ai + aj;
      ai -= delta;
      aj += delta;
      if (sum > Ci) {
        if (ai > Ci) { ai = Ci; aj = sum - Ci; }
      } else {
        if (aj < 0) { aj = 0; ai = sum; }
      }
      if (sum > Cj) {
        if (aj > Cj) { aj = Cj; ai = sum - Cj; }
      } else {
        if (ai < 0) { ai = 0; aj = sum; }
      }
    }
    setf(alpha, i, ai);
    setf(alpha, j, aj);
    const dai = ai - oldAi;
    const daj = aj - oldAj;
    // The new status of i and j first (it depends on alpha only), so that the gradient pass below can also do the
    // next selection's first scan, which reads the updated statuses exactly as libsvm's next select_working_set does.
    const ui = isUpper(i);
    const uj = isUpper(j);
    updateStatus(i);
    updateStatus(j);
    // G_k += Q_ik dai + Q_jk daj with Q_ik = y_i y_k K_ik, written as y_k (K_ik (y_i dai) + K_jk (y_j daj)): sign flips
    // are exact and distribute exactly over the rounded sum, so this is libsvm's value with one sign test per k.
    const A = yi > 0 ? dai : -dai;
    const B = yj > 0 ? daj : -daj;
    let Gmax = -Infinity;
    let GmaxIdx = -1;
    for (let k = 0; k < activeSize; k++) {
      const b = <usize>n(sBase, k) << 2;
      const t = <f64>load<f32>(rowI + b) * A + <f64>load<f32>(rowJ + b) * B;
      const yk = n(sY, k);
      const g = f(G, k) + (yk > 0 ? t : -t);
      setf(G, k, g);
      const st = n(sStatus, k);
      if (yk == 1) {
        if (st != UPPER && -g >= Gmax) { Gmax = -g; GmaxIdx = k; }
      } else {
        if (st != LOWER && g >= Gmax) { Gmax = g; GmaxIdx = k; }
      }
    }
    fusedGmax = Gmax;
    fusedIdx = GmaxIdx;
    fusedValid = true;
    if (ui != isUpper(i)) {
      const row = qRow(i);
      if (ui) for (let k = 0; k < l; k++) setf(Gbar, k, f(Gbar, k) - Ci * q(row, yi, k));
      else for (let k = 0; k < l; k++) setf(Gbar, k, f(Gbar, k) + Ci * q(row, yi, k));
    }
    if (uj != isUpper(j)) {
      const row = qRow(j);
      if (uj) for (let k = 0; k < l; k++) setf(Gbar, k, f(Gbar, k) - Cj * q(row, yj, k));
      else for (let k = 0; k < l; k++) setf(Gbar, k, f(Gbar, k) + Cj * q(row, yj, k));
    }
  }
  const rho = calculateRho();
  let v = 0.0;
  for (let i = 0; i < l; i++) v += f(alpha, i) * (f(G, i) + f(p, i));
  for (let i = 0; i < l; i++) setf(alphaOut, n(active, i), f(alpha, i));
  setf(info, 0, rho);
  setf(info, 1, v / 2);
  setf(info, 2, <f64>iter);
  setf(info, 3, <f64>timedOut);
}
