/**
 * assembly/sgd.ts on the debug build (asserts on), with one- and two-sample problems worked out by hand.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import type { Arena } from '../../../src/worker/arena';
import { debugKernels } from '../../helpers/debug-kernels';
import type { KernelExports } from '../../../src/worker/kernels';
import { SGD_LOSS } from '../../../src/estimators/sgd-engine';

let wasm: KernelExports;
let arena: Arena;

beforeAll(() => {
  ({ wasm, arena } = debugKernels());
});

const PENALTY = { none: 0, l1: 1, l2: 2, elasticnet: 3 };
const RATE = { constant: 0, optimal: 1, invscaling: 2, adaptive: 3 };
const OPT = { sgd: 0, momentum: 1, adam: 2 };

interface EpochSpec {
  X: number[][];
  /** Row-major rows x nModels targets. */
  y: number[];
  nModels?: number;
  order?: number[];
  loss?: number;
  lossParam?: number;
  penalty?: number;
  schedule?: number;
  optimizer?: number;
  alpha?: number;
  l1Ratio?: number;
  eta?: number;
  eta0?: number;
  powerT?: number;
  optimalInit?: number;
  batchSize?: number;
  active?: number[];
  epochs?: number;
  fitIntercept?: boolean;
}

/** Runs `epochs` epochs from zero weights; returns weights, intercepts, per-model state and t. */
function runEpochs(s: EpochSpec) {
  const mark = arena.mark();
  try {
    const d = s.X[0].length;
    const nm = s.nModels ?? 1;
    const shaped = nm * d + nm;
    const order = s.order ?? s.X.map((_, i) => i);
    const x = arena.allocF64(Float64Array.from(s.X.flat()));
    const y = arena.allocF64(Float64Array.from(s.y));
    const ord = arena.alloc(order.length * 4);
    const bufs = [0, 1, 2, 3, 4].map(() => arena.allocF64(new Float64Array(shaped)));
    const per = arena.allocF64(new Float64Array(5 * nm + 1));
    const perView = arena.f64(per, 5 * nm + 1);
    perView.fill(s.eta ?? 0.1, 0, nm);
    for (let m = 0; m < nm; m++) perView[nm + m] = s.active ? s.active[m] : 1;
    arena.i32(ord, order.length).set(order);
    let t = 1;
    const losses: number[][] = [];
    for (let e = 0; e < (s.epochs ?? 1); e++) {
      t = wasm.sgdEpoch(
        x, d, ord, order.length, y, nm, bufs[0], bufs[1], bufs[2], bufs[3], bufs[4], per,
        s.loss ?? SGD_LOSS.squared_error, s.lossParam ?? 0, s.penalty ?? PENALTY.none, s.schedule ?? RATE.constant,
        s.optimizer ?? OPT.sgd, s.alpha ?? 0, s.l1Ratio ?? 0.15, s.eta0 ?? 0.1, s.powerT ?? 0.5, s.optimalInit ?? 0,
        0.9, s.batchSize ?? 1, s.fitIntercept === false ? 0 : 1, 1, t,
      );
      losses.push([...arena.f64(per + 2 * nm * 8, nm)]);
    }
    const model = [...arena.f64(bufs[0], shaped)];
    return {
      w: model.slice(0, nm * d),
      b: model.slice(nm * d),
      eta: [...perView.subarray(0, nm)],
      loss: losses[losses.length - 1],
      u: [...perView.subarray(3 * nm, 4 * nm)],
      runaway: perView[5 * nm],
      t,
    };
  } finally {
    arena.release(mark);
  }
}

// Two samples: x0 = (1, 0) with y = 1, x1 = (0, 1) with y = -1.
const X2 = [[1, 0], [0, 1]];
const Y2 = [1, -1];

describe('sgdEpoch: one plain SGD step per sample (constant rate 0.1, squared loss)', () => {
  it('matches the hand computation', () => {
    // Sample 0: p = 0, dloss = -1, update +0.1: w = (0.1, 0), b = 0.1, loss 0.5.
    // Sample 1: p = 0.1, dloss = 1.1, update -0.11: w = (0.1, -0.11), b = -0.01, loss 0.5 x 1.21.
    const r = runEpochs({ X: X2, y: Y2 });
    expect(r.w[0]).toBeCloseTo(0.1, 15);
    expect(r.w[1]).toBeCloseTo(-0.11, 15);
    expect(r.b[0]).toBeCloseTo(-0.01, 15);
    expect(r.loss[0]).toBeCloseTo(0.5 + 0.605, 15);
    expect(r.t).toBe(3);
  });

  it('follows the order array', () => {
    // Sample 1 first: p = 0, dloss = 1, w = (0, -0.1), b = -0.1; then sample 0: p = -0.1, dloss = -1.1, +0.11.
    const r = runEpochs({ X: X2, y: Y2, order: [1, 0] });
    expect(r.w[0]).toBeCloseTo(0.11, 15);
    expect(r.w[1]).toBeCloseTo(-0.1, 15);
    expect(r.b[0]).toBeCloseTo(0.01, 15);
  });

  it('L2 shrinks the weights by 1 - eta alpha before each step, never the intercept', () => {
    // alpha 0.5: shrink 0.95. Sample 1: w = 0.95 (0.1, 0) - 0.11 (0, 1).
    const r = runEpochs({ X: X2, y: Y2, penalty: PENALTY.l2, alpha: 0.5 });
    expect(r.w[0]).toBeCloseTo(0.095, 15);
    expect(r.w[1]).toBeCloseTo(-0.11, 15);
    expect(r.b[0]).toBeCloseTo(-0.01, 15);
  });

  it('L1 clips with the cumulative penalty (Tsuruoka)', () => {
    // alpha 1: u = 0.1 after sample 0, so w0 = 0.1 is clipped to 0 (q0 = -0.1); sample 1: p = 0.1, dloss 1.1,
    // w1 = -0.11, then u = 0.2: w1 = min(0, -0.11 + 0.2) = 0; w0 stays 0 (it is 0: no clipping).
    const r = runEpochs({ X: X2, y: Y2, penalty: PENALTY.l1, alpha: 1 });
    expect(r.w).toEqual([0, 0]);
    expect(r.u[0]).toBeCloseTo(0.2, 15);
    expect(r.b[0]).toBeCloseTo(-0.01, 15);
  });

  it('hinge: no loss gradient inside the margin, -y x outside', () => {
    // Sample 0: p y = 0 <= 1: dloss = -1, w = (0.1, 0), b = 0.1. Sample 1: p = 0.1, p y = -0.1: loss 1.1, dloss 1.
    const r = runEpochs({ X: X2, y: Y2, loss: SGD_LOSS.hinge, lossParam: 1 });
    expect(r.w[0]).toBeCloseTo(0.1, 15);
    expect(r.w[1]).toBeCloseTo(-0.1, 15);
    expect(r.b[0]).toBeCloseTo(0, 15);
    expect(r.loss[0]).toBeCloseTo(1 + 1.1, 15);
  });

  it('without fitIntercept the intercept stays 0', () => {
    expect(runEpochs({ X: X2, y: Y2, fitIntercept: false }).b).toEqual([0]);
  });
});

describe('sgdEpoch: schedules, minibatches, optimizers, several models', () => {
  it("'invscaling' uses eta0 / t^powerT and 'optimal' 1 / (alpha (t0 + t - 1)), reporting the last rate", () => {
    const inv = runEpochs({ X: X2, y: Y2, schedule: RATE.invscaling, eta0: 0.2, powerT: 0.5 });
    // t = 1: eta 0.2, w0 = 0.2, b = 0.2. t = 2: eta = 0.2 / sqrt 2, p = 0.2, dloss 1.2.
    expect(inv.w[0]).toBeCloseTo(0.2, 15);
    expect(inv.w[1]).toBeCloseTo((-0.2 / Math.SQRT2) * 1.2, 15);
    expect(inv.eta[0]).toBeCloseTo(0.2 / Math.SQRT2, 15);
    const opt = runEpochs({ X: X2, y: Y2, schedule: RATE.optimal, alpha: 0.5, optimalInit: 4 });
    // eta = 1 / (0.5 (4 + 0)) = 0.5 then 1 / (0.5 x 5) = 0.4 (penalty none: alpha only sets the rate).
    expect(opt.w[0]).toBeCloseTo(0.5, 15);
    expect(opt.eta[0]).toBeCloseTo(0.4, 15);
    expect(opt.w[1]).toBeCloseTo(-0.4 * 1.5, 15);
  });

  it('a minibatch averages the gradients taken at the same weights and makes one update', () => {
    // dloss = -1 for sample 0 and +1 for sample 1 at w = 0: mean gradient (-0.5, 0.5), intercept gradient 0.
    const r = runEpochs({ X: X2, y: Y2, batchSize: 2 });
    expect(r.w[0]).toBeCloseTo(0.05, 15);
    expect(r.w[1]).toBeCloseTo(-0.05, 15);
    expect(r.b[0]).toBe(0);
    expect(r.t).toBe(2);
    expect(r.loss[0]).toBeCloseTo(1, 15);
  });

  it('momentum carries the previous step', () => {
    // Step 1: v = -0.1 (-1, 0) -> w = (0.1, 0), vb = 0.1, b = 0.1. Step 2: p = 0.1, dloss 1.1:
    // v = 0.9 (0.1, 0) - 0.1 (0, 1.1) = (0.09, -0.11), w = (0.19, -0.11); vb = 0.09 - 0.11 = -0.02, b = 0.08.
    const r = runEpochs({ X: X2, y: Y2, optimizer: OPT.momentum });
    expect(r.w[0]).toBeCloseTo(0.19, 15);
    expect(r.w[1]).toBeCloseTo(-0.11, 15);
    expect(r.b[0]).toBeCloseTo(0.08, 15);
  });

  it("adam's first step moves each weight with a nonzero gradient by about eta", () => {
    const r = runEpochs({ X: [[1, 0]], y: [1], optimizer: OPT.adam });
    expect(r.w[0]).toBeCloseTo(0.1 / (1 + 1e-8), 12);
    expect(r.w[1]).toBe(0);
    expect(r.b[0]).toBeCloseTo(0.1 / (1 + 1e-8), 12);
  });

  it('trains several models in one pass and skips inactive ones', () => {
    // Model 0 sees targets (1, -1), model 1 sees (-1, 1) but is inactive.
    const r = runEpochs({ X: X2, y: [1, -1, -1, 1], nModels: 2, active: [1, 0] });
    expect(r.w.slice(0, 2).map((v) => +v.toFixed(12))).toEqual([0.1, -0.11]);
    expect(r.w.slice(2)).toEqual([0, 0]);
    expect(r.b[1]).toBe(0);
    const both = runEpochs({ X: X2, y: [1, -1, -1, 1], nModels: 2 });
    // Model 1 mirrors model 0 (targets negated): w = (-0.1, 0.11), b = 0.01.
    expect(both.w[2]).toBeCloseTo(-0.1, 15);
    expect(both.w[3]).toBeCloseTo(0.11, 15);
    expect(both.b[1]).toBeCloseTo(0.01, 15);
  });

  it('counts runaway predictions (|p| > 1e12 (1 + |y|)), which the host reports as divergence', () => {
    // Squared loss, rate 1 on x = 1000: each step multiplies the error by about -1e6.
    const wild = runEpochs({ X: [[1000]], y: [1], order: [0, 0, 0, 0, 0], eta: 1 });
    expect(wild.runaway).toBeGreaterThan(0);
    expect(Number.isFinite(wild.w[0])).toBe(true); // still finite: the gradient is clipped at 1e12, as scikit-learn does
    expect(runEpochs({ X: [[1000]], y: [1], order: [0, 0, 0, 0, 0], eta: 1e-7 }).runaway).toBe(0);
  });

  it('asserts its preconditions in the debug build', () => {
    expect(() => runEpochs({ X: X2, y: Y2, batchSize: 0 })).toThrow(/wasm assertion failed/);
    expect(() => runEpochs({ X: X2, y: Y2, penalty: 7 })).toThrow(/wasm assertion failed/);
  });
});

describe('losses and their derivatives', () => {
  const cases: [string, number, number, number, number, number, number][] = [
    // name, id, param, p, y, loss, dloss
    ['hinge inside', SGD_LOSS.hinge, 1, 0.5, 1, 0.5, -1],
    ['hinge beyond', SGD_LOSS.hinge, 1, 2, 1, 0, 0],
    ['perceptron', SGD_LOSS.perceptron, 0, -0.5, 1, 0.5, -1],
    ['log', SGD_LOSS.log_loss, 0, 0, 1, Math.LN2, -0.5],
    ['log far', SGD_LOSS.log_loss, 0, -20, 1, 20, -1],
    ['modified huber mid', SGD_LOSS.modified_huber, 0, 0.5, 1, 0.25, -1],
    ['modified huber linear', SGD_LOSS.modified_huber, 0, -2, 1, 8, -4],
    ['squared hinge', SGD_LOSS.squared_hinge, 1, 0.5, -1, 2.25, 3],
    ['squared', SGD_LOSS.squared_error, 0, 3, 1, 2, 2],
    ['huber inside', SGD_LOSS.huber, 1, 1.5, 1, 0.125, 0.5],
    ['huber outside', SGD_LOSS.huber, 1, -2, 1, 2.5, -1],
    ['epsilon insensitive', SGD_LOSS.epsilon_insensitive, 0.5, 2, 1, 0.5, 1],
    ['squared epsilon insensitive', SGD_LOSS.squared_epsilon_insensitive, 0.5, 0, 1, 0.25, -1],
  ];
  it.each(cases)('%s', (_name, id, param, p, y, loss, dloss) => {
    expect(wasm.sgdLoss(id, param, p, y)).toBeCloseTo(loss, 12);
    expect(wasm.sgdDLoss(id, param, p, y)).toBeCloseTo(dloss, 12);
  });
});

describe('sgdDecision', () => {
  it('computes w.x + b per model for listed rows or all rows', () => {
    const mark = arena.mark();
    try {
      const x = arena.allocF64(Float64Array.of(1, 2, 3, 4, 5, 6));
      const model = arena.allocF64(Float64Array.of(1, 0, 0, 1, 10, 20)); // w0 = (1, 0), w1 = (0, 1), b = (10, 20)
      const rows = arena.alloc(8);
      const out = arena.alloc(6 * 8);
      arena.i32(rows, 2).set([2, 0]);
      wasm.sgdDecision(x, 2, rows, 2, model, 2, out);
      expect([...arena.f64(out, 4)]).toEqual([15, 26, 11, 22]);
      wasm.sgdDecision(x, 2, 0, 3, model, 2, out);
      expect([...arena.f64(out, 6)]).toEqual([11, 22, 13, 24, 15, 26]);
    } finally {
      arena.release(mark);
    }
  });
});

/**
 * scikit-learn 1.2.1 `_plain_sgd`, transcribed for one dense binary model (no class or sample weights, no averaging):
 * the reference the kernel's plain-SGD path must reproduce to rounding.
 */
function sklearnEpochs(
  X: number[][], y: number[], order: number[], epochs: number,
  loss: 'log_loss' | 'hinge' | 'squared_error', penalty: number, schedule: number,
  alpha: number, l1Ratio: number, eta0: number, powerT: number, optimalInit: number,
): { w: number[]; b: number; losses: number[] } {
  const d = X[0].length;
  const w = new Array<number>(d).fill(0);
  const q = new Array<number>(d).fill(0);
  let b = 0;
  let t = 1;
  let u = 0;
  const l1r = penalty === PENALTY.l2 ? 0 : penalty === PENALTY.l1 ? 1 : penalty === PENALTY.elasticnet ? l1Ratio : 0;
  const lossFn = (p: number, yy: number) => {
    const z = p * yy;
    if (loss === 'log_loss') return z > 18 ? Math.exp(-z) : z < -18 ? -z : Math.log(1 + Math.exp(-z));
    if (loss === 'hinge') return z <= 1 ? 1 - z : 0;
    return 0.5 * (p - yy) ** 2;
  };
  const dlossFn = (p: number, yy: number) => {
    const z = p * yy;
    if (loss === 'log_loss') return z > 18 ? Math.exp(-z) * -yy : z < -18 ? -yy : -yy / (Math.exp(z) + 1);
    if (loss === 'hinge') return z <= 1 ? -yy : 0;
    return p - yy;
  };
  const losses: number[] = [];
  for (let e = 0; e < epochs; e++) {
    let sum = 0;
    for (const i of order) {
      let p = b;
      for (let f = 0; f < d; f++) p += w[f] * X[i][f];
      const eta =
        schedule === RATE.optimal ? 1 / (alpha * (optimalInit + t - 1)) : schedule === RATE.invscaling ? eta0 / t ** powerT : eta0;
      sum += lossFn(p, y[i]);
      const dl = Math.min(1e12, Math.max(-1e12, dlossFn(p, y[i])));
      const update = -eta * dl;
      if (penalty === PENALTY.l2 || penalty === PENALTY.elasticnet) {
        const shrink = Math.max(0, 1 - (1 - l1r) * eta * alpha);
        for (let f = 0; f < d; f++) w[f] *= shrink;
      }
      for (let f = 0; f < d; f++) w[f] += update * X[i][f];
      b += update;
      if (penalty === PENALTY.l1 || penalty === PENALTY.elasticnet) {
        u += l1r * eta * alpha;
        for (let f = 0; f < d; f++) {
          const z = w[f];
          if (z > 0) w[f] = Math.max(0, w[f] - (u + q[f]));
          else if (z < 0) w[f] = Math.min(0, w[f] + (u - q[f]));
          q[f] += w[f] - z;
        }
      }
      t += 1;
    }
    losses.push(sum);
  }
  return { w, b, losses };
}

describe('sgdEpoch against a transcription of scikit-learn _plain_sgd', () => {
  // 37 rows x 5 features (odd sizes exercise the SIMD tails and the log-loss chunking), fixed pseudo-random data.
  let s = 99;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const X = Array.from({ length: 37 }, () => Array.from({ length: 5 }, rnd));
  const y = X.map((r) => (r[0] + 0.5 * r[1] - 0.3 * r[4] + 0.2 * rnd() > 0 ? 1 : -1));
  const order = X.map((_, i) => (i * 17) % 37);
  const cases: [string, 'log_loss' | 'hinge' | 'squared_error', number, number, number][] = [
    // name, loss, penalty, schedule, powerT
    ['log_loss l2 optimal', 'log_loss', PENALTY.l2, RATE.optimal, 0.5],
    ['log_loss elasticnet invscaling 0.5', 'log_loss', PENALTY.elasticnet, RATE.invscaling, 0.5],
    ['hinge l1 invscaling 0.25', 'hinge', PENALTY.l1, RATE.invscaling, 0.25],
    ['squared_error l2 invscaling 0.3 (pow)', 'squared_error', PENALTY.l2, RATE.invscaling, 0.3],
    ['log_loss none constant', 'log_loss', PENALTY.none, RATE.constant, 0.5],
  ];
  it.each(cases)('%s: weights, intercept and loss sums agree over 3 epochs', (_name, loss, penalty, schedule, powerT) => {
    const alpha = 0.01;
    const ref = sklearnEpochs(X, y, order, 3, loss, penalty, schedule, alpha, 0.3, 0.05, powerT, 7);
    const got = runEpochs({
      X, y, order, epochs: 3, loss: SGD_LOSS[loss], lossParam: loss === 'hinge' ? 1 : 0, penalty, schedule, alpha,
      l1Ratio: 0.3, eta: 0.05, eta0: 0.05, powerT, optimalInit: 7,
    });
    ref.w.forEach((v, f) => expect(Math.abs(got.w[f] - v), `w[${f}]`).toBeLessThan(1e-12 * Math.max(1, Math.abs(v))));
    expect(Math.abs(got.b[0] - ref.b)).toBeLessThan(1e-12 * Math.max(1, Math.abs(ref.b)));
    expect(Math.abs(got.loss[0] - ref.losses[2])).toBeLessThan(1e-11 * Math.max(1, ref.losses[2]));
  });
});
