/**
 * What both MLP models share around the engine: one fit (state -> run -> learned parameters), network outputs on a
 * fold side in wasm, and the plain-TypeScript forward pass used for main-thread predictions.
 *
 * Learned parameters (Trainer.fit): for each layer l = 0 .. nLayers - 2, `coef<l>` (Float64Array, sizes[l] x
 * sizes[l + 1] row-major: coef<l>[i * sizes[l + 1] + j] connects unit i of layer l to unit j of layer l + 1, as
 * scikit-learn's coefs_[l]) and `intercept<l>` (sizes[l + 1]); `layerSizes` (Int32Array [inputs, hidden...,
 * outputs]); `lossCurve` (training loss per epoch, scikit-learn's loss_curve_); `validationScores` (per epoch, only
 * with earlyStopping; the weights are then those of the best epoch); `nIter` (epochs run); `finalLearningRate` (the
 * rate at the end: what 'hypergradient' learned, or the schedule's last value); `outActivation`.
 */
import type { Kernels } from '../../worker/kernels';
import type { FoldSide, Learned, Prediction, TrainContext } from '../types';
import { createMlpState, currentRate, runMlpEpochs, type EpochHook, type MlpEpochProbe, type MlpProblem, type MlpState } from './mlp-engine';
import type { MlpSettings } from './mlp-schema';
import { fitMlpLbfgs } from './mlp-lbfgs';
import { outputsOfRows } from './mlp-outputs';

export interface MlpFit {
  state: MlpState;
  /** Final weights (the best epoch's with earlyStopping). */
  theta: Float64Array;
}

/** Trains from the seed (or the test-only `initial` weights) up to maxIter or a stopping rule. */
export function fitMlp(
  kernels: Kernels, problem: MlpProblem, s: MlpSettings, seed: number, initial?: Float64Array, onEpoch?: EpochHook,
): MlpFit {
  if (s.solver === 'lbfgs') return fitMlpLbfgs(kernels, problem, s, seed, initial, onEpoch);
  const state = createMlpState(problem, s, seed, initial);
  runMlpEpochs(kernels, problem, s, state, s.maxIter, onEpoch);
  const theta = s.earlyStopping && state.bestTheta ? state.bestTheta : state.theta;
  return { state, theta };
}

/** An MLP's training state between the rungs of an epochs search, with what it may continue (TrainContext.checkpoint). */
export interface MlpCheckpoint {
  /** Every setting but maxIter, and the problem's shape: a state continues only a run of the same candidate. */
  key: string;
  state: MlpState;
}

function checkpointKey(problem: MlpProblem, s: MlpSettings, seed: number): string {
  const { maxIter: _maxIter, ...rest } = s;
  return JSON.stringify([rest, seed, problem.rows, problem.inputs, problem.outputs]);
}

/** In evaluate: the fold's test rows and how network outputs on them become a Prediction (for the epoch probe). */
export interface MlpTest {
  side: FoldSide;
  toPrediction(outputs: Float64Array): Prediction;
}

/**
 * fitMlp as a trainer runs it: the context's seed and epoch hook, continuing the context's checkpoint when it has one
 * (the engine's resumability: continuing equals one run to maxIter) and leaving the end state in it when asked; in
 * evaluate (`test` given) the context's epoch probe judges the test rows after every epoch (lbfgs: every iteration).
 */
export function fitMlpInContext(ctx: TrainContext, problem: MlpProblem, s: MlpSettings, test?: MlpTest): MlpFit {
  const probe: MlpEpochProbe | undefined =
    test && ctx.epochProbe
      ? { side: test.side, report: (epoch, outputs) => ctx.epochProbe!(epoch, () => test.toPrediction(outputs)) }
      : undefined;
  // lbfgs cannot be continued (its curvature pairs and line search are not a state worth shipping): fresh each rung.
  if (s.solver === 'lbfgs') return fitMlpLbfgs(ctx.kernels, problem, s, ctx.seed, undefined, ctx.onEpoch, probe);
  const cp = ctx.checkpoint;
  const key = cp ? checkpointKey(problem, s, ctx.seed) : '';
  const from = (cp?.from ?? null) as MlpCheckpoint | null;
  if (from && from.key !== key) throw new Error('MLP: a checkpoint of other settings, seed or rows cannot be continued (internal error).');
  let state: MlpState;
  if (from) {
    // The earlier rung ended at its maxIter, which marked the state done; a run that converged (or was cut by the
    // epoch hook) stays done.
    state = from.state;
    if (state.stopReason === null) state.done = false;
  } else {
    state = createMlpState(problem, s, ctx.seed);
  }
  runMlpEpochs(ctx.kernels, problem, s, state, s.maxIter, ctx.onEpoch, probe);
  const theta = s.earlyStopping && state.bestTheta ? state.bestTheta : state.theta;
  if (cp?.keep) cp.out = { key, state } satisfies MlpCheckpoint;
  return { state, theta };
}

/** Splits the flat weights into the documented per-layer learned parameters. */
export function learnedOf(fit: MlpFit, s: MlpSettings, output: MlpProblem['output']): Learned {
  const sizes = fit.state.sizes;
  const out: Learned = {};
  let o = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nw = sizes[l] * sizes[l + 1];
    out[`coef${l}`] = fit.theta.slice(o, o + nw);
    out[`intercept${l}`] = fit.theta.slice(o + nw, o + nw + sizes[l + 1]);
    o += nw + sizes[l + 1];
  }
  out.layerSizes = Int32Array.from(sizes);
  out.lossCurve = Float64Array.from(fit.state.lossCurve);
  if (s.earlyStopping) out.validationScores = Float64Array.from(fit.state.validationScores);
  out.nIter = fit.state.epoch;
  out.finalLearningRate = currentRate(fit.state);
  out.outActivation = output;
  return out;
}

/** Network outputs (rows x outputs) for every row of a side in wasm memory. */
export function outputsOfSide(kernels: Kernels, side: FoldSide, sizes: readonly number[], theta: Float64Array, s: MlpSettings, output: MlpProblem['output']): Float64Array {
  return outputsOfRows(kernels, side, sizes, theta, s.activation, output);
}

function act(kind: string, z: number): number {
  if (kind === 'relu') return z < 0 ? 0 : z;
  if (kind === 'tanh') return Math.tanh(z);
  if (kind === 'logistic') return 1 / (1 + Math.exp(-z));
  return z;
}

/** The same forward pass in plain TypeScript, from learned parameters (main-thread predictions). */
export function outputsOfLearned(learned: Learned, X: Float64Array, rows: number, activation: string): Float64Array {
  const sizes = Array.from(learned.layerSizes as Int32Array);
  const output = learned.outActivation as string;
  let a = X;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const W = learned[`coef${l}`] as Float64Array;
    const b = learned[`intercept${l}`] as Float64Array;
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const z = new Float64Array(rows * fanOut);
    const lastLayer = l + 2 === sizes.length;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < fanOut; j++) z[r * fanOut + j] = b[j];
      for (let i = 0; i < fanIn; i++) {
        const x = a[r * fanIn + i];
        if (x === 0) continue;
        for (let j = 0; j < fanOut; j++) z[r * fanOut + j] += x * W[i * fanOut + j];
      }
      if (lastLayer && output === 'softmax') {
        let mx = -Infinity;
        for (let j = 0; j < fanOut; j++) mx = Math.max(mx, z[r * fanOut + j]);
        let sum = 0;
        for (let j = 0; j < fanOut; j++) sum += (z[r * fanOut + j] = Math.exp(z[r * fanOut + j] - mx));
        for (let j = 0; j < fanOut; j++) z[r * fanOut + j] /= sum;
      } else {
        const kind = lastLayer ? output : activation;
        for (let j = 0; j < fanOut; j++) z[r * fanOut + j] = act(kind, z[r * fanOut + j]);
      }
    }
    a = z;
  }
  return a;
}
