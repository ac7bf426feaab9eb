/**
 * The MLP training loop shared by mlp-classifier and mlp-regressor: scikit-learn 1.2.1 `_fit_stochastic` with the
 * batches, forward/backward passes and solver steps in wasm (assembly/neural_network/mlp.ts, one call per epoch) and
 * the per-epoch decisions here (shuffle, loss curve, stopping rules, the 'invscaling' and 'adaptive' rates, early
 * stopping's best epoch, divergence).
 *
 * Resumable by epochs (the hook for pruning and halving by epochs, [8]): all training state lives in a plain
 * `MlpState` object (weights, optimizer buffers and scalars, loss curve, validation scores, stopping counters), so
 *   const state = createMlpState(problem, settings, seed);
 *   runMlpEpochs(kernels, problem, settings, state, 10, onEpoch);   // epochs 1..10
 *   ...decide (prune / promote) from state.lossCurve or state.validationScores...
 *   runMlpEpochs(kernels, problem, settings, state, 30, onEpoch);   // continues with epochs 11..30
 * gives exactly the run of one call with untilEpoch 30: every epoch's randomness (shuffle, dropout masks) comes from
 * deriveSeed(seed, stream, epoch), never from a stream consumed across calls. `onEpoch(epoch, loss, validationScore)`
 * is called after each epoch (validationScore null without earlyStopping); returning false stops training there
 * (state.stopReason 'callback'), which a pruner uses to cut a trial short.
 *
 * Deliberate differences from scikit-learn: random streams are ours (initial weights, shuffles and the
 * early-stopping split match scikit-learn in distribution, not draw for draw); a non-finite loss throws (the trial
 * fails with a message) where scikit-learn would go on with NaN weights.
 */
import type { Kernels } from '../../worker/kernels';
import { createRng, deriveSeed } from '../../rng';
import { validationSplit } from '../sgd-engine';
import { initialTheta, paramCount } from './mlp-init';
import type { MlpSettings } from './mlp-schema';

/** Stream ids mixed into the trial seed. */
const STREAM = 0x6d6c70;
const STREAM_INIT = 1;
const STREAM_SPLIT = 2;
const STREAM_SHUFFLE = 3;
const STREAM_DROPOUT = 4;

/** Activation ids of assembly/neural_network/activations.ts. */
export const ACTIVATION_ID = { identity: 0, logistic: 1, tanh: 2, relu: 3, softmax: 4 } as const;
/** Loss ids of assembly/neural_network/loss.ts. */
export const LOSS_ID = { squared: 0, log: 1, binaryLog: 2 } as const;
const SOLVER_ID = { sgd: 0, adam: 1 } as const;
/** Indices of the optimizer scalars (assembly/neural_network/optimizers.ts). */
const ST = { rate: 0, t: 1, momentum: 2, nesterov: 3, beta1: 4, beta2: 5, epsilon: 6, hyper: 7, hasDir: 8, size: 9 } as const;

/** scikit-learn's 'adaptive' stops dividing once the rate is <= 1e-6. */
const ADAPTIVE_MIN_RATE = 1e-6;

/** What is being learned: inputs in wasm memory, targets, and how the output layer and the validation score work. */
export interface MlpProblem {
  /** Row-major rows x inputs in wasm memory (the fold's training side). */
  xPtr: number;
  rows: number;
  inputs: number;
  /** rows x outputs, row-major: one-hot (softmax), 0/1 (logistic output) or the regression target. */
  targets: Float64Array;
  outputs: number;
  output: 'softmax' | 'logistic' | 'identity';
  loss: keyof typeof LOSS_ID;
  /** Class index per row for a stratified early-stopping split (null: plain shuffled split). */
  strata: Int32Array | null;
  nStrata: number;
  /** Validation score of network outputs (rows x outputs) on the listed rows (accuracy, R^2): greater is better. */
  score(outputs: Float64Array, rows: Int32Array): number;
}

/** Everything training needs to continue; plain data (structured-cloneable). */
export interface MlpState {
  /** The trial's seed: every epoch's shuffle and dropout masks derive from (seed, epoch). */
  seed: number;
  /** [inputs, hidden..., outputs]. */
  sizes: number[];
  /** Flat parameters: per layer the weights (fanIn x fanOut row-major) then the biases. */
  theta: Float64Array;
  /** Optimizer buffers (sgd: velocities in m; adam: moments m, v) and the hypergradient direction. */
  m: Float64Array;
  v: Float64Array;
  dir: Float64Array;
  /** Optimizer scalars, see ST. */
  st: Float64Array;
  /** Training rows (indices into the problem's rows) in the order of the last epoch; validation rows. */
  order: Int32Array;
  validation: Int32Array;
  epoch: number;
  /** Rows seen (scikit-learn's t_). */
  samplesSeen: number;
  lossCurve: number[];
  validationScores: number[];
  bestLoss: number;
  bestValidationScore: number;
  /** Weights of the best validation epoch (earlyStopping). */
  bestTheta: Float64Array | null;
  noImprovement: number;
  done: boolean;
  stopReason: 'converged' | 'callback' | null;
}

export type EpochHook = (epoch: number, loss: number, validationScore: number | null) => boolean | void;

/**
 * search.pruner over epochs (TrainContext.epochProbe): after each epoch the network's outputs on `side` (a fold's
 * test rows in wasm memory), rows x outputs, computed with the live weights; `report` returning false stops training
 * there (state.stopReason 'callback'). `outputs` is a fresh copy the callee may keep.
 */
export interface MlpEpochProbe {
  side: { ptr: number; rows: number };
  report(epoch: number, outputs: Float64Array): boolean;
}

function divergedError(epoch: number, s: MlpSettings): Error {
  return new Error(
    `MLP training diverged at epoch ${epoch} (the loss is not finite); lower learningRateInit ` +
      `(it is ${s.learningRateInit}) or raise alpha${s.solver === 'sgd' ? ", or use solver 'adam'" : ''}.`,
  );
}

/**
 * A fresh state: the early-stopping split, initial weights from the seed (or `initial`, a test-only hook that the
 * parity tests use to start from scikit-learn's weights; same layout as theta), optimizer scalars.
 */
export function createMlpState(problem: MlpProblem, s: MlpSettings, seed: number, initial?: Float64Array): MlpState {
  const sizes = [problem.inputs, ...s.hiddenLayerSizes, problem.outputs];
  const n = paramCount(sizes);
  const split = s.earlyStopping
    ? validationSplit(createRng(deriveSeed(seed, STREAM, STREAM_SPLIT)), problem.rows, s.validationFraction, problem.strata, problem.nStrata)
    : { train: Int32Array.from({ length: problem.rows }, (_, i) => i), val: new Int32Array(0) };
  let theta: Float64Array;
  if (initial) {
    if (initial.length !== n) throw new Error(`initial weights: expected ${n} values for layers ${sizes.join('-')}, got ${initial.length}`);
    theta = initial.slice();
  } else {
    theta = initialTheta(sizes, s.weightInit, s.activation, createRng(deriveSeed(seed, STREAM, STREAM_INIT)));
  }
  const st = new Float64Array(ST.size);
  st[ST.rate] = s.learningRateInit;
  st[ST.momentum] = s.momentum;
  st[ST.nesterov] = s.nesterovsMomentum ? 1 : 0;
  st[ST.beta1] = s.beta1;
  st[ST.beta2] = s.beta2;
  st[ST.epsilon] = s.epsilon;
  st[ST.hyper] = s.learningRate === 'hypergradient' ? s.hypergradientRate : 0;
  return {
    seed, sizes, theta, m: new Float64Array(n), v: new Float64Array(n), dir: new Float64Array(n), st,
    order: split.train, validation: split.val, epoch: 0, samplesSeen: 0, lossCurve: [], validationScores: [],
    bestLoss: Infinity, bestValidationScore: -Infinity, bestTheta: null, noImprovement: 0, done: false, stopReason: null,
  };
}

/** The learning rate now (sgd's step, or adam's base rate): what 'hypergradient' learned, or the schedule's value. */
export function currentRate(state: MlpState): number {
  return state.st[ST.rate];
}

/**
 * Runs epochs until `untilEpoch` (at most settings.maxIter) or a stopping rule; updates `state` in place. All wasm
 * blocks are allocated once per call and released before returning (nothing is allocated per batch or epoch
 * except the JS numbers of the loss curve). Throws when the loss diverges.
 */
export function runMlpEpochs(
  kernels: Kernels, problem: MlpProblem, s: MlpSettings, state: MlpState, untilEpoch: number = s.maxIter, onEpoch?: EpochHook,
  probe?: MlpEpochProbe,
): MlpState {
  const { wasm, arena } = kernels;
  const sizes = state.sizes;
  const nLayers = sizes.length;
  const n = state.theta.length;
  const nTrain = state.order.length;
  const nVal = state.validation.length;
  // scikit-learn clips batch_size to [1, n_samples] (with a warning when it was larger).
  const batch = Math.max(1, Math.min(s.batchSize, nTrain));
  const units = sizes.reduce((a, b) => a + b, 0);
  const last = Math.min(untilEpoch, s.maxIter);
  const hidden = ACTIVATION_ID[s.activation];
  const output = ACTIVATION_ID[problem.output];
  const mark = arena.mark();
  try {
    const sizesPtr = arena.alloc(nLayers * 4);
    const yPtr = arena.allocF64(problem.targets);
    const thetaPtr = arena.allocF64(state.theta);
    const gradPtr = arena.alloc(n * 8);
    const mPtr = arena.allocF64(state.m);
    const vPtr = arena.allocF64(state.v);
    const dirPtr = arena.allocF64(state.dir);
    const stPtr = arena.allocF64(state.st);
    const actPtr = arena.alloc(batch * units * 8);
    const deltaPtr = arena.alloc(batch * units * 8);
    // Dropout: one rate per hidden layer in wasm memory, or address 0 when no layer drops (the kernel then draws nothing).
    const dropping = s.dropout.some((r) => r > 0);
    const maskPtr = arena.alloc(dropping ? batch * units * 8 : 8);
    const ratesPtr = dropping ? arena.allocF64(Float64Array.from(s.dropout)) : 0;
    const ybPtr = arena.alloc(batch * problem.outputs * 8);
    const orderPtr = arena.alloc(Math.max(1, nTrain) * 4);
    const valPtr = arena.alloc(Math.max(1, nVal) * 4);
    const valOutPtr = arena.alloc(Math.max(1, nVal * problem.outputs) * 8);
    const nProbe = probe ? probe.side.rows : 0;
    const probeOutPtr = arena.alloc(Math.max(1, nProbe * problem.outputs) * 8);
    // No allocation below: views stay attached.
    arena.i32(sizesPtr, nLayers).set(sizes);
    const order = arena.i32(orderPtr, nTrain);
    order.set(state.order);
    arena.i32(valPtr, nVal).set(state.validation);
    const theta = arena.f64(thetaPtr, n);
    const st = arena.f64(stPtr, ST.size);
    const valOut = arena.f64(valOutPtr, nVal * problem.outputs);
    while (!state.done && state.epoch < last) {
      const epoch = state.epoch + 1;
      if (s.shuffle) wasm.sgdShuffle(orderPtr, nTrain, deriveSeed(state.seed, STREAM, STREAM_SHUFFLE, epoch));
      const acc = wasm.mlpEpoch(
        problem.xPtr, yPtr, orderPtr, nTrain, sizesPtr, nLayers, thetaPtr, gradPtr, mPtr, vPtr, dirPtr, stPtr,
        actPtr, deltaPtr, maskPtr, ybPtr, hidden, output, LOSS_ID[problem.loss], SOLVER_ID[s.solver as 'sgd' | 'adam'] /* lbfgs never gets here: mlp-lbfgs.ts */,
        batch, s.alpha, s.l1, ratesPtr, dropping ? deriveSeed(state.seed, STREAM, STREAM_DROPOUT, epoch) : 0,
      );
      const loss = acc / nTrain;
      if (!Number.isFinite(loss)) throw divergedError(epoch, s);
      state.epoch = epoch;
      state.samplesSeen += nTrain;
      state.lossCurve.push(loss);
      let score: number | null = null;
      if (s.earlyStopping) {
        wasm.mlpForward(problem.xPtr, valPtr, nVal, sizesPtr, nLayers, thetaPtr, actPtr, batch, hidden, output, valOutPtr);
        score = problem.score(valOut, state.validation);
        state.validationScores.push(score);
        state.noImprovement = score < state.bestValidationScore + s.tol ? state.noImprovement + 1 : 0;
        if (score > state.bestValidationScore) {
          state.bestValidationScore = score;
          state.bestTheta = theta.slice();
        }
      } else {
        state.noImprovement = loss > state.bestLoss - s.tol ? state.noImprovement + 1 : 0;
        if (loss < state.bestLoss) state.bestLoss = loss;
      }
      // The optimizer's iteration_ends: sgd's invscaling rate from the rows seen so far.
      if (s.solver === 'sgd' && s.learningRate === 'invscaling') {
        st[ST.rate] = s.learningRateInit / (state.samplesSeen + 1) ** s.powerT;
      }
      if (state.noImprovement > s.nIterNoChange) {
        if (s.solver === 'sgd' && s.learningRate === 'adaptive' && st[ST.rate] > ADAPTIVE_MIN_RATE) {
          st[ST.rate] /= 5;
          state.noImprovement = 0;
        } else {
          state.done = true;
          state.stopReason = 'converged';
        }
      }
      let goOn = !onEpoch || onEpoch(epoch, loss, score) !== false;
      if (goOn && probe) {
        wasm.mlpForward(probe.side.ptr, 0, nProbe, sizesPtr, nLayers, thetaPtr, actPtr, batch, hidden, output, probeOutPtr);
        goOn = probe.report(epoch, arena.f64(probeOutPtr, nProbe * problem.outputs).slice());
      }
      if (!goOn && !state.done) {
        state.done = true;
        state.stopReason = 'callback';
      }
    }
    if (state.epoch >= s.maxIter) state.done = true;
    state.order = order.slice();
    state.theta = theta.slice();
    state.m = arena.f64(mPtr, n).slice();
    state.v = arena.f64(vPtr, n).slice();
    state.dir = arena.f64(dirPtr, n).slice();
    state.st = st.slice();
    return state;
  } finally {
    arena.release(mark);
  }
}
