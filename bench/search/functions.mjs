// The S-suite's test functions (/work/shared/bench/WORKLOADS.md, "Search efficiency"), all minimised. Each has a
// space built with the package's own helpers (`h` = { float, int, choice }) and the same definition as
// bench/python/optuna_s_suite.py, which runs Optuna 3.1's TPE on them in the same bench run.

const hartmannA = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const hartmannP = [
  [1312, 1696, 5569, 124, 8283, 5886],
  [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650],
  [4047, 8828, 8732, 5743, 1091, 381],
].map((r) => r.map((v) => v * 1e-4));
const hartmannAlpha = [1, 1.2, 3, 3.2];
const ACTIVATION_COST = { relu: 0, tanh: 0.5, sigmoid: 1.5 };

const floats = (h, names, low, high) => Object.fromEntries(names.map((n) => [n, h.float(low, high)]));
const xs = (p, n) => Array.from({ length: n }, (_, i) => p[`x${i}`]);
const names = (n) => Array.from({ length: n }, (_, i) => `x${i}`);

export const FUNCTIONS = [
  {
    id: 'branin',
    dims: '2 continuous',
    lowDimContinuous: true,
    optimum: 0.397887,
    space: (h) => ({ x0: h.float(-5, 10), x1: h.float(0, 15) }),
    f: (p) => {
      const [x, y] = [p.x0, p.x1];
      const b = 5.1 / (4 * Math.PI ** 2);
      return (y - b * x * x + (5 / Math.PI) * x - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x) + 10;
    },
  },
  {
    id: 'hartmann6',
    dims: '6 continuous',
    lowDimContinuous: true,
    optimum: -3.32237,
    space: (h) => floats(h, names(6), 0, 1),
    f: (p) => {
      const x = xs(p, 6);
      let s = 0;
      for (let i = 0; i < 4; i++) {
        let e = 0;
        for (let j = 0; j < 6; j++) e += hartmannA[i][j] * (x[j] - hartmannP[i][j]) ** 2;
        s += hartmannAlpha[i] * Math.exp(-e);
      }
      return -s;
    },
  },
  {
    id: 'rosenbrock4',
    dims: '4 continuous',
    lowDimContinuous: false,
    optimum: 0,
    space: (h) => floats(h, names(4), -2, 2),
    f: (p) => {
      const x = xs(p, 4);
      let s = 0;
      for (let i = 0; i < 3; i++) s += 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2;
      return s;
    },
  },
  {
    id: 'styblinski-tang5',
    dims: '5 continuous',
    lowDimContinuous: false,
    optimum: -195.8308,
    space: (h) => floats(h, names(5), -5, 5),
    f: (p) => xs(p, 5).reduce((s, v) => s + (v ** 4 - 16 * v ** 2 + 5 * v) / 2, 0),
  },
  {
    id: 'ackley5',
    dims: '5 continuous',
    lowDimContinuous: false,
    optimum: 0,
    space: (h) => floats(h, names(5), -5, 5),
    f: (p) => {
      const x = xs(p, 5);
      const n = x.length;
      const s1 = x.reduce((s, v) => s + v * v, 0) / n;
      const s2 = x.reduce((s, v) => s + Math.cos(2 * Math.PI * v), 0) / n;
      return -20 * Math.exp(-0.2 * Math.sqrt(s1)) - Math.exp(s2) + 20 + Math.E;
    },
  },
  {
    id: 'mixed',
    dims: 'log float, int, stepped int, categorical',
    lowDimContinuous: false,
    optimum: 0,
    space: (h) => ({
      lr: h.float(1e-5, 1e-1, { log: true }),
      layers: h.int(1, 8),
      units: h.int(16, 256, { step: 16 }),
      activation: h.choice(['relu', 'tanh', 'sigmoid']),
    }),
    f: (p) => (Math.log10(p.lr) + 3) ** 2 + 0.3 * (p.layers - 3) ** 2 + ((p.units - 128) / 64) ** 2 + ACTIVATION_COST[p.activation],
  },
];

/** Best-so-far values after each trial (failed trials keep the previous best). */
export function bestSoFar(values) {
  const out = [];
  let best = Infinity;
  for (const v of values) {
    if (Number.isFinite(v) && v < best) best = v;
    out.push(best);
  }
  return out;
}

export function median(a) {
  const s = a.filter((v) => Number.isFinite(v)).sort((x, y) => x - y);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
