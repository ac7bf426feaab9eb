/**
 * Box-constrained quasi-Newton minimiser: L-BFGS (two-loop recursion, m pairs) with an active set and projection,
 * a simplified L-BFGS-B. Each iteration:
 *   1. variables at a bound whose gradient points outwards are "active" and held fixed;
 *   2. the direction is -H g on the free variables (H from the stored pairs), or -g when that is not a descent
 *      direction (memory is then cleared);
 *   3. backtracking (halving) along the projected path P(x + t d) until the Armijo condition holds.
 * It stops when the projected gradient's largest component is below pgtol, the relative decrease of f is below
 * ftol, or after maxIter iterations. Unlike scipy's L-BFGS-B there is no generalised Cauchy point: near active bounds
 * it may take more iterations, but every accepted step decreases f, which is what the GP fit and the acquisition
 * search need. Deterministic: no randomness, fixed loop order.
 */

export type ValueAndGradient = (x: Float64Array, grad: Float64Array) => number;

export interface MinimizeOptions {
  maxIter?: number;
  pgtol?: number;
  ftol?: number;
  memory?: number;
}

export interface MinimizeResult {
  x: Float64Array;
  f: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

export function minimizeBox(
  fg: ValueAndGradient,
  x0: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  options: MinimizeOptions = {},
): MinimizeResult {
  const maxIter = options.maxIter ?? 200;
  const pgtol = options.pgtol ?? 1e-5;
  const ftol = options.ftol ?? 1e-12;
  const m = options.memory ?? 10;
  const n = x0.length;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.min(upper[i], Math.max(lower[i], x0[i]));
  let g = new Float64Array(n);
  let f = fg(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f)) return { x, f, iterations: 0, evaluations, converged: false };

  const sMem: Float64Array[] = [];
  const yMem: Float64Array[] = [];
  const rho: number[] = [];
  const alphaBuf = new Float64Array(m);
  const d = new Float64Array(n);
  const free = new Uint8Array(n);
  const xn = new Float64Array(n);
  let gn = new Float64Array(n);
  let iterations = 0;
  let converged = false;

  for (; iterations < maxIter; iterations++) {
    let pgMax = 0;
    for (let i = 0; i < n; i++) {
      const atLower = x[i] <= lower[i] && g[i] > 0;
      const atUpper = x[i] >= upper[i] && g[i] < 0;
      free[i] = atLower || atUpper ? 0 : 1;
      if (free[i]) pgMax = Math.max(pgMax, Math.abs(g[i]));
    }
    if (pgMax < pgtol) {
      converged = true;
      break;
    }
    // Two-loop recursion on the free variables.
    for (let i = 0; i < n; i++) d[i] = free[i] ? -g[i] : 0;
    const k = sMem.length;
    for (let t = k - 1; t >= 0; t--) {
      let a = 0;
      for (let i = 0; i < n; i++) if (free[i]) a += sMem[t][i] * d[i];
      a *= rho[t];
      alphaBuf[t] = a;
      for (let i = 0; i < n; i++) if (free[i]) d[i] -= a * yMem[t][i];
    }
    if (k > 0) {
      const s = sMem[k - 1];
      const yv = yMem[k - 1];
      let sy = 0;
      let yy = 0;
      for (let i = 0; i < n; i++) {
        sy += s[i] * yv[i];
        yy += yv[i] * yv[i];
      }
      const gamma = sy / yy;
      for (let i = 0; i < n; i++) d[i] *= gamma;
    }
    for (let t = 0; t < k; t++) {
      let b = 0;
      for (let i = 0; i < n; i++) if (free[i]) b += yMem[t][i] * d[i];
      b *= rho[t];
      for (let i = 0; i < n; i++) if (free[i]) d[i] += sMem[t][i] * (alphaBuf[t] - b);
    }
    let slope = 0;
    for (let i = 0; i < n; i++) slope += g[i] * d[i];
    if (!(slope < 0)) {
      sMem.length = 0;
      yMem.length = 0;
      rho.length = 0;
      slope = 0;
      for (let i = 0; i < n; i++) {
        d[i] = free[i] ? -g[i] : 0;
        slope += g[i] * d[i];
      }
    }
    // First step (no curvature yet): scale so the largest move is at most 1 in the parameter's units.
    let t = 1;
    if (sMem.length === 0) {
      let dMax = 0;
      for (let i = 0; i < n; i++) dMax = Math.max(dMax, Math.abs(d[i]));
      t = Math.min(1, 1 / dMax);
    }
    let fNew = Infinity;
    let accepted = false;
    for (let ls = 0; ls < 40; ls++) {
      let decrease = 0;
      for (let i = 0; i < n; i++) {
        xn[i] = Math.min(upper[i], Math.max(lower[i], x[i] + t * d[i]));
        decrease += g[i] * (xn[i] - x[i]);
      }
      fNew = fg(xn, gn);
      evaluations++;
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * decrease) {
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) {
      if (sMem.length === 0) break; // no descent even along -g: stationary to working precision
      sMem.length = 0;
      yMem.length = 0;
      rho.length = 0;
      continue;
    }
    const s = new Float64Array(n);
    const yv = new Float64Array(n);
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xn[i] - x[i];
      yv[i] = gn[i] - g[i];
      sy += s[i] * yv[i];
    }
    if (sy > 1e-12) {
      if (sMem.length === m) {
        sMem.shift();
        yMem.shift();
        rho.shift();
      }
      sMem.push(s);
      yMem.push(yv);
      rho.push(1 / sy);
    }
    const fOld = f;
    x.set(xn);
    const tmp = g;
    g = gn;
    gn = tmp;
    f = fNew;
    if (fOld - f <= ftol * Math.max(Math.abs(fOld), Math.abs(f), 1)) {
      converged = true;
      iterations++;
      break;
    }
  }
  return { x, f, iterations, evaluations, converged };
}
