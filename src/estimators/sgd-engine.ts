/**
 * The gradient-descent engine shared by sgd-classifier and sgd-regressor: scikit-learn 1.2.1 `_plain_sgd` semantics
 * with the epochs run by the wasm kernel `sgdEpoch` (assembly/sgd.ts; no JS per sample) and the per-epoch decisions
 * here: shuffling the row order (seeded), the stopping rules (training-loss `tol` or early stopping on a held-out
 * validation split), the 'adaptive' rate's division by 5, and the divergence check.
 *
 * Several binary models (one-vs-all) train in the same pass over the rows; each keeps its own stopping state, as
 * scikit-learn's one-vs-all fits do independently, and a model that stopped is frozen while the others go on.
 * Deliberate differences from scikit-learn: one shuffled order per epoch serves every one-vs-all model (scikit-learn
 * draws one seed per class); random streams are ours (the split from createRng, each epoch's shuffle from a seed
 * drawn from it), so runs match scikit-learn in distribution, not draw for draw; a runaway prediction counts as
 * divergence (see the check in trainSgd) where scikit-learn clips the gradient and reports whatever score results.
 */
import type { Kernels } from '../worker/kernels';
import type { FoldSide, HyperparameterSchema, Learned, Prediction, TrainContext } from './types';
import type { Params } from '../types';
import { createRng, deriveSeed, type Rng } from '../rng';

/** Stream id mixed into the trial seed (validation split, then one shuffle seed per epoch). */
const SGD_STREAM = 0x5ad;

/** Loss ids of assembly/sgd.ts, with the parameter each takes (hinge threshold or epsilon). */
export const SGD_LOSS = {
  hinge: 0,
  perceptron: 0,
  log_loss: 1,
  modified_huber: 2,
  squared_hinge: 3,
  squared_error: 4,
  huber: 5,
  epsilon_insensitive: 6,
  squared_epsilon_insensitive: 7,
} as const;
export type SgdLossName = keyof typeof SGD_LOSS;

const PENALTY = { none: 0, l1: 1, l2: 2, elasticnet: 3 } as const;
const SCHEDULE = { constant: 0, optimal: 1, invscaling: 2, adaptive: 3 } as const;
const OPTIMIZER = { sgd: 0, momentum: 1, adam: 2 } as const;

/** Heavy-ball coefficient of optimizer 'momentum' (scikit-learn MLP's default momentum). */
export const SGD_MOMENTUM = 0.9;

/** 'adaptive' keeps dividing eta by 5 on stalls while eta > this (scikit-learn's 1e-6). */
const ADAPTIVE_MIN_ETA = 1e-6;

export interface SgdSettings {
  loss: SgdLossName;
  penalty: keyof typeof PENALTY;
  alpha: number;
  l1Ratio: number;
  fitIntercept: boolean;
  optimizer: keyof typeof OPTIMIZER;
  learningRate: keyof typeof SCHEDULE;
  eta0: number;
  powerT: number;
  epochs: number;
  tol: number;
  nIterNoChange: number;
  batchSize: number;
  shuffle: boolean;
  earlyStopping: boolean;
  validationFraction: number;
  /** Huber / epsilon-insensitive width (regressor). */
  epsilon: number;
}

/** Reads a candidate's values over the model's schema defaults. */
export function sgdSettings(params: Params, schema: Record<string, HyperparameterSchema>): SgdSettings {
  const get = (name: string) => (name in params ? params[name] : (schema[name]?.default ?? null));
  const penalty = get('penalty');
  return {
    loss: String(get('loss')) as SgdLossName,
    penalty: (penalty === null ? 'none' : String(penalty)) as SgdSettings['penalty'],
    alpha: Number(get('alpha')),
    l1Ratio: Number(get('l1Ratio')),
    fitIntercept: Boolean(get('fitIntercept')),
    optimizer: String(get('optimizer')) as SgdSettings['optimizer'],
    learningRate: String(get('learningRate')) as SgdSettings['learningRate'],
    eta0: Number(get('eta0')),
    powerT: Number(get('powerT')),
    epochs: Number(get('epochs')),
    tol: Number(get('tol')),
    nIterNoChange: Number(get('nIterNoChange')),
    batchSize: Number(get('batchSize')),
    shuffle: Boolean(get('shuffle')),
    earlyStopping: Boolean(get('earlyStopping')),
    validationFraction: Number(get('validationFraction')),
    epsilon: Number(get('epsilon') ?? 0.1),
  };
}

/** The learning-rate schedule hyperparameter; the classifier and the regressor differ only in its default. */
export function learningRateSchema(defaultRate: 'optimal' | 'invscaling'): HyperparameterSchema {
  return {
    type: 'enum',
    values: ['constant', 'optimal', 'invscaling', 'adaptive'],
    default: defaultRate,
    doc:
      "'constant': eta0; 'optimal': 1 / (alpha (t0 + t)) with scikit-learn's t0; 'invscaling': eta0 / t^powerT; " +
      "'adaptive': eta0, divided by 5 each time nIterNoChange epochs pass without improvement.",
  };
}

/** The hyperparameters both SGD models share; `own` adds or overrides (loss, learningRate, powerT, epsilon). */
export function sgdHyperparameters(
  own: Record<string, HyperparameterSchema>,
): Record<string, HyperparameterSchema> {
  return {
    penalty: {
      type: 'enum',
      values: ['l2', 'l1', 'elasticnet', null],
      default: 'l2',
      doc: "Regularisation: 'l2' (shrink), 'l1' (sparse, cumulative clipping), 'elasticnet' (both, mixed by l1Ratio), null (none).",
    },
    alpha: {
      type: 'float',
      min: 0,
      default: 1e-4,
      doc: "Regularisation strength; also sets the 'optimal' learning rate, which needs alpha > 0.",
    },
    l1Ratio: { type: 'float', min: 0, max: 1, default: 0.15, doc: "Share of L1 in 'elasticnet' (0 = L2 only, 1 = L1 only)." },
    fitIntercept: { type: 'bool', default: true, doc: 'Learn an intercept (never penalised).' },
    optimizer: {
      type: 'enum',
      values: ['sgd', 'momentum', 'adam'],
      default: 'sgd',
      doc:
        "'sgd': scikit-learn's plain update; 'momentum': heavy ball with momentum 0.9; 'adam': Adam (beta1 0.9, " +
        'beta2 0.999, eps 1e-8). All use the learning-rate schedule below as their step size.',
    },
    eta0: {
      type: 'float',
      min: 0,
      exclusiveMin: true,
      default: 0.01,
      doc: "Initial learning rate for 'constant', 'invscaling' and 'adaptive' (unused by 'optimal').",
    },
    epochs: {
      type: 'int',
      min: 1,
      default: 1000,
      doc: "Maximum passes over the training rows (scikit-learn's max_iter); tol / early stopping may stop sooner.",
    },
    tol: {
      type: 'float',
      min: 0,
      default: 1e-3,
      doc:
        'An epoch "improves" when the training loss sum drops by more than tol x rows (or, with earlyStopping, the ' +
        'validation score rises by more than tol). Set nIterNoChange >= epochs to always run every epoch.',
    },
    nIterNoChange: {
      type: 'int',
      min: 1,
      default: 5,
      doc: 'Epochs without improvement before stopping (or, with learningRate adaptive, before eta is divided by 5).',
    },
    batchSize: {
      type: 'int',
      min: 1,
      default: 1,
      doc: '1 = classic SGD (one update per row); b > 1 = minibatch: one update per b rows with their gradients averaged.',
    },
    shuffle: { type: 'bool', default: true, doc: 'Reshuffle the training rows before every epoch (seeded).' },
    earlyStopping: {
      type: 'bool',
      default: false,
      doc: 'Hold out validationFraction of the training rows and stop when their score stops improving.',
    },
    validationFraction: {
      type: 'float',
      min: 0,
      exclusiveMin: true,
      max: 0.99,
      default: 0.1,
      doc: 'Share of the training rows held out for early stopping (stratified for classifiers).',
    },
    ...own,
  };
}

/** What training produced: nModels weight rows and intercepts, the epochs run (max over the models), and per epoch
 *  the training loss and (earlyStopping) the validation score. */
export interface SgdFit {
  coef: Float64Array;
  intercept: Float64Array;
  nIter: number;
  /** Per epoch: the mean loss per training row seen before each row's update (scikit-learn's verbose "Avg. loss";
   *  one-vs-all: the mean over the binary models, a stopped model counting with its last epoch's value). */
  lossCurve: Float64Array;
  /** Per epoch with earlyStopping (else empty): the validation score, mean over the one-vs-all models. */
  validationScores: Float64Array;
}

/**
 * The whole training state after some epochs (plain data), so a later call continues the run (TrainContext.checkpoint:
 * a halving / Hyperband rung on epochs continues the previous rung's fit). `key` names the settings, seed and shapes
 * the state belongs to; every other field is the loop's state, so continuing from it equals a fresh run.
 */
export interface SgdCheckpoint {
  key: string;
  epochsDone: number;
  t: number;
  model: Float64Array;
  grad: Float64Array;
  m1: Float64Array;
  m2: Float64Array;
  l1q: Float64Array;
  perModel: Float64Array;
  order: Int32Array;
  best: Float64Array;
  stalls: Int32Array;
  epochsRun: Int32Array;
  lastLoss: Float64Array;
  lossCurve: number[];
  validationScores: number[];
}

/** How a call to trainSgd starts and ends: from a checkpoint, keeping one, reporting epochs. */
export interface SgdRunOptions {
  /** Continue this state (from a run of the same settings but fewer epochs); null / absent: start fresh. */
  resume?: SgdCheckpoint | null;
  /** Return the end state as `checkpoint`. */
  keep?: boolean;
  /** After each epoch: the epoch (1-based), its loss-curve value, validation score (null without earlyStopping) and
   *  the live weights (nModels x cols coefficients, then the intercepts; valid during the call only); false stops
   *  training there. */
  onEpoch?: (epoch: number, loss: number, validationScore: number | null, model: Float64Array) => boolean | void;
}

/** Identifies what a checkpoint may continue: every setting except the epoch count, the seed and the shapes. */
function checkpointKey(s: SgdSettings, seed: number, n: number, d: number, nModels: number): string {
  const { epochs: _epochs, ...rest } = s;
  return JSON.stringify([rest, seed, n, d, nModels]);
}

/**
 * How an epoch is judged when earlyStopping is on: the validation score of each model from its decision values on
 * the validation rows (decision[r * nModels + m]) and the targets of those rows (targets[r * nModels + m]).
 */
export type ValidationScore = (decision: Float64Array, targets: Float64Array, nRows: number, nModels: number, out: Float64Array) => void;

/** scikit-learn's `_approximate_mode`: integer counts summing to `total`, proportional to `counts` (largest
 *  remainders first; ties go to the lower class index). */
function approximateMode(counts: Int32Array, total: number): Int32Array {
  const n = counts.reduce((a, b) => a + b, 0);
  const out = new Int32Array(counts.length);
  const rem: { c: number; r: number }[] = [];
  let given = 0;
  for (let c = 0; c < counts.length; c++) {
    const exact = (counts[c] * total) / n;
    out[c] = Math.floor(exact);
    given += out[c];
    rem.push({ c, r: exact - out[c] });
  }
  rem.sort((a, b) => b.r - a.r || a.c - b.c);
  for (let i = 0; given < total && i < rem.length; i++) {
    if (out[rem[i].c] < counts[rem[i].c]) {
      out[rem[i].c]++;
      given++;
    }
  }
  return out;
}

/**
 * The early-stopping split (scikit-learn `_make_validation_split`): ceil(fraction x n) validation rows, stratified by
 * `strata` (class index per row) for classifiers as StratifiedShuffleSplit, plain shuffled otherwise. Both lists are
 * returned in ascending row order.
 */
export function validationSplit(
  rng: Rng,
  n: number,
  fraction: number,
  strata: Int32Array | null,
  nStrata: number,
): { train: Int32Array; val: Int32Array } {
  const nVal = Math.ceil(fraction * n);
  if (nVal < 1 || nVal >= n) {
    throw new Error(
      `earlyStopping: validationFraction=${fraction} of ${n} training rows leaves ${nVal} validation and ${n - nVal} ` +
        'training rows; both must be at least 1. Use more rows or another validationFraction.',
    );
  }
  const isVal = new Uint8Array(n);
  if (strata) {
    const counts = new Int32Array(nStrata);
    for (let i = 0; i < n; i++) counts[strata[i]]++;
    const present = counts.reduce((a, c) => a + (c > 0 ? 1 : 0), 0);
    if (nVal < present || n - nVal < present) {
      throw new Error(
        `earlyStopping: the stratified validation split of ${n} rows into ${n - nVal} + ${nVal} cannot hold all ` +
          `${present} classes on both sides. Raise validationFraction (or lower it) or turn earlyStopping off.`,
      );
    }
    const take = approximateMode(counts, nVal);
    const byClass: number[][] = Array.from({ length: nStrata }, () => []);
    for (let i = 0; i < n; i++) byClass[strata[i]].push(i);
    for (let c = 0; c < nStrata; c++) {
      const rows = rng.shuffle(byClass[c]);
      for (let r = 0; r < take[c]; r++) isVal[rows[r]] = 1;
    }
  } else {
    const perm = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
    for (let r = 0; r < nVal; r++) isVal[perm[r]] = 1;
  }
  const train = new Int32Array(n - nVal);
  const val = new Int32Array(nVal);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (isVal[i]) val[b++] = i;
    else train[a++] = i;
  }
  return { train, val };
}

/** scikit-learn's `optimal_init`: t0 such that the first 'optimal' rate equals typw / max(1, dloss(-typw, 1)). */
export function optimalInit(kernels: Kernels, s: SgdSettings): number {
  const typw = Math.sqrt(1 / Math.sqrt(s.alpha));
  const dl = kernels.wasm.sgdDLoss(SGD_LOSS[s.loss], lossParam(s), -typw, 1);
  const initialEta = typw / Math.max(1, dl);
  return 1 / (initialEta * s.alpha);
}

function lossParam(s: SgdSettings): number {
  if (s.loss === 'perceptron') return 0;
  if (s.loss === 'hinge' || s.loss === 'squared_hinge') return 1;
  return s.epsilon;
}

function mean(a: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i];
  return sum / a.length;
}

function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}

export function divergedError(epoch: number): Error {
  return new Error(`SGD diverged at epoch ${epoch}; lower eta0 or use learningRate 'optimal'/'adaptive'`);
}

/**
 * Trains nModels linear models on `train` (X in wasm memory). targets: train.rows x nModels (row-major; +1 / -1
 * per one-vs-all model, or the regression target). strata: class index per row for a stratified early-stopping split
 * (null: plain shuffle split). validationScore judges an epoch under earlyStopping.
 * Allocates every arena block once, before the first epoch; releases them before returning. Throws on divergence.
 */
export function trainSgd(
  kernels: Kernels,
  train: FoldSide,
  targets: Float64Array,
  nModels: number,
  s: SgdSettings,
  seed: number,
  strata: Int32Array | null,
  nStrata: number,
  validationScore: ValidationScore,
  run: SgdRunOptions = {},
): SgdFit & { checkpoint?: SgdCheckpoint } {
  const { wasm, arena } = kernels;
  const { rows: n, cols: d } = train;
  if (s.learningRate === 'optimal' && !(s.alpha > 0)) {
    throw new Error("learningRate 'optimal' needs alpha > 0 (its rate is 1 / (alpha (t0 + t))); raise alpha or pick another learningRate.");
  }
  const rng = createRng(deriveSeed(seed, SGD_STREAM));
  const split = s.earlyStopping
    ? validationSplit(rng, n, s.validationFraction, strata, nStrata)
    : { train: Int32Array.from({ length: n }, (_, i) => i), val: new Int32Array(0) };
  const nTrain = split.train.length;
  const nVal = split.val.length;
  const shaped = nModels * d + nModels;
  const key = checkpointKey(s, seed, n, d, nModels);
  const from = run.resume ?? null;
  if (from && from.key !== key) throw new Error('SGD: a checkpoint of other settings, seed or rows cannot be continued (internal error).');
  // The epochs already run drew their shuffle seeds from the stream: draw them again so the next epochs get theirs.
  if (from && s.shuffle) for (let e = 0; e < from.epochsDone; e++) rng.nextSeed();

  const mark = arena.mark();
  try {
    const yPtr = arena.allocF64(targets);
    const orderPtr = arena.alloc(nTrain * 4);
    const valPtr = arena.alloc(Math.max(1, nVal) * 4);
    const modelPtr = arena.alloc(shaped * 8);
    const gradPtr = arena.alloc(shaped * 8);
    const m1Ptr = arena.alloc(shaped * 8);
    const m2Ptr = arena.alloc(shaped * 8);
    const l1qPtr = arena.alloc(shaped * 8);
    const perModelPtr = arena.alloc((5 * nModels + 1) * 8);
    const decisionPtr = arena.alloc(Math.max(1, nVal * nModels) * 8);
    // No allocation below this line: the views stay attached (the kernels never grow memory).
    const order = arena.i32(orderPtr, nTrain);
    arena.i32(valPtr, nVal).set(split.val);
    const buffers = [modelPtr, gradPtr, m1Ptr, m2Ptr, l1qPtr].map((p) => arena.f64(p, shaped));
    const [model] = buffers;
    const perModel = arena.f64(perModelPtr, 5 * nModels + 1);
    const eta = perModel.subarray(0, nModels);
    const active = perModel.subarray(nModels, 2 * nModels);
    const loss = perModel.subarray(2 * nModels, 3 * nModels);
    if (from) {
      order.set(from.order);
      [from.model, from.grad, from.m1, from.m2, from.l1q].forEach((a, i) => buffers[i].set(a));
      perModel.set(from.perModel);
    } else {
      order.set(split.train);
      for (const b of buffers) b.fill(0);
      perModel.fill(0);
      eta.fill(s.eta0);
      active.fill(1);
    }
    const decision = arena.f64(decisionPtr, nVal * nModels);
    const valTargets = new Float64Array(nVal * nModels);
    for (let r = 0; r < nVal; r++) {
      for (let m = 0; m < nModels; m++) valTargets[r * nModels + m] = targets[split.val[r] * nModels + m];
    }

    const lossId = SGD_LOSS[s.loss];
    const param = lossParam(s);
    const t0 = s.learningRate === 'optimal' ? optimalInit(kernels, s) : 0;
    const best = from ? from.best.slice() : new Float64Array(nModels).fill(s.earlyStopping ? -Infinity : Infinity);
    const stalls = from ? from.stalls.slice() : new Int32Array(nModels);
    const epochsRun = from ? from.epochsRun.slice() : new Int32Array(nModels);
    const lastLoss = from ? from.lastLoss.slice() : new Float64Array(nModels);
    const lossCurve = from ? from.lossCurve.slice() : [];
    const validationScores = from ? from.validationScores.slice() : [];
    const scores = new Float64Array(nModels);
    let t = from ? from.t : 1;
    let epochsDone = from ? from.epochsDone : 0;
    // A run that stopped (every model converged, or onEpoch said stop) has nothing left to train.
    let stopped = from !== null && !active.some((a) => a !== 0);
    for (let epoch = epochsDone; epoch < s.epochs && !stopped; epoch++) {
      if (s.shuffle) wasm.sgdShuffle(orderPtr, nTrain, rng.nextSeed());
      t = wasm.sgdEpoch(
        train.ptr, d, orderPtr, nTrain, yPtr, nModels, modelPtr, gradPtr, m1Ptr, m2Ptr, l1qPtr, perModelPtr,
        lossId, param, PENALTY[s.penalty], SCHEDULE[s.learningRate], OPTIMIZER[s.optimizer],
        s.alpha, s.l1Ratio, s.eta0, s.powerT, t0, SGD_MOMENTUM,
        s.batchSize, s.fitIntercept ? 1 : 0, 1, t,
      );
      epochsDone = epoch + 1;
      // scikit-learn checks the weights and intercept for overflow. Also divergence here: an overflowed loss sum, and
      // any runaway prediction (|p| > 1e12 (1 + |y|), where scikit-learn clips the gradient and goes on with a run
      // that can only produce a meaningless score).
      if (!allFinite(model) || (!s.earlyStopping && !allFinite(loss)) || perModel[5 * nModels] > 0) {
        throw divergedError(epoch + 1);
      }
      if (s.earlyStopping) {
        wasm.sgdDecision(train.ptr, d, valPtr, nVal, modelPtr, nModels, decisionPtr);
        validationScore(decision, valTargets, nVal, nModels, scores);
      }
      for (let m = 0; m < nModels; m++) if (active[m] !== 0) lastLoss[m] = loss[m] / nTrain;
      const epochLoss = mean(lastLoss);
      const epochScore = s.earlyStopping ? mean(scores) : null;
      lossCurve.push(epochLoss);
      if (epochScore !== null) validationScores.push(epochScore);
      let anyActive = false;
      for (let m = 0; m < nModels; m++) {
        if (active[m] === 0) continue;
        epochsRun[m] = epoch + 1;
        if (s.earlyStopping) {
          const score = scores[m];
          stalls[m] = score < best[m] + s.tol ? stalls[m] + 1 : 0;
          if (score > best[m]) best[m] = score;
        } else {
          const sum = loss[m];
          stalls[m] = sum > best[m] - s.tol * nTrain ? stalls[m] + 1 : 0;
          if (sum < best[m]) best[m] = sum;
        }
        if (stalls[m] >= s.nIterNoChange) {
          if (s.learningRate === 'adaptive' && eta[m] > ADAPTIVE_MIN_ETA) {
            eta[m] /= 5;
            stalls[m] = 0;
          } else {
            active[m] = 0;
            continue;
          }
        }
        anyActive = true;
      }
      if (anyActive && run.onEpoch?.(epoch + 1, epochLoss, epochScore, model) === false) {
        active.fill(0);
        anyActive = false;
      }
      stopped = !anyActive;
    }
    const fit: SgdFit & { checkpoint?: SgdCheckpoint } = {
      coef: model.slice(0, nModels * d),
      intercept: model.slice(nModels * d, shaped),
      nIter: epochsRun.reduce((a, b) => Math.max(a, b), 0),
      lossCurve: Float64Array.from(lossCurve),
      validationScores: Float64Array.from(validationScores),
    };
    if (run.keep) {
      const [m, g, m1, m2, l1q] = buffers.map((b) => b.slice());
      fit.checkpoint = {
        key, epochsDone, t, model: m, grad: g, m1, m2, l1q, perModel: perModel.slice(), order: order.slice(),
        best, stalls, epochsRun, lastLoss, lossCurve, validationScores,
      };
    }
    return fit;
  } finally {
    arena.release(mark);
  }
}

/**
 * trainSgd as a trainer runs it: the context's seed, epoch hook and checkpoint (continue `from`, leave the end state
 * in `out` when asked to keep it), and, in evaluate (`test` given), the context's epoch probe, which predicts the test
 * rows from the live weights through `toPrediction` (decision values -> Prediction).
 */
export function trainSgdInContext(
  ctx: TrainContext,
  train: FoldSide,
  targets: Float64Array,
  nModels: number,
  s: SgdSettings,
  strata: Int32Array | null,
  nStrata: number,
  validationScore: ValidationScore,
  test?: { side: FoldSide; toPrediction: (decision: Float64Array) => Prediction },
): SgdFit {
  const cp = ctx.checkpoint;
  const probe = test ? ctx.epochProbe : undefined;
  const d = train.cols;
  const onEpoch: SgdRunOptions['onEpoch'] =
    probe && test
      ? (epoch, loss, score, model) => {
          if (ctx.onEpoch?.(epoch, loss, score) === false) return false;
          return probe(epoch, () => {
            // A view of the test rows and of the live weights: JS work only, nothing allocated in wasm memory.
            const X = ctx.kernels.arena.f64(test.side.ptr, test.side.rows * d);
            return test.toPrediction(decisionOfMatrix(X, test.side.rows, d, model.subarray(0, nModels * d), model.subarray(nModels * d)));
          });
        }
      : ctx.onEpoch;
  const run: SgdRunOptions = { resume: (cp?.from as SgdCheckpoint | null | undefined) ?? null, keep: cp?.keep ?? false, onEpoch };
  const { checkpoint, ...fit } = trainSgd(ctx.kernels, train, targets, nModels, s, ctx.seed, strata, nStrata, validationScore, run);
  if (cp && checkpoint) cp.out = checkpoint;
  return fit;
}

/** The learned parameters both SGD models report about training itself: epochs run and the curves per epoch. */
export function trainingRecord(fit: SgdFit, s: SgdSettings): Learned {
  return { nIter: fit.nIter, lossCurve: fit.lossCurve, ...(s.earlyStopping ? { validationScores: fit.validationScores } : {}) };
}

/** Decision values of the rows of a side in wasm memory: rows x nModels (row-major). */
export function decisionOfSide(kernels: Kernels, side: FoldSide, coef: Float64Array, intercept: Float64Array): Float64Array {
  const { wasm, arena } = kernels;
  const nModels = intercept.length;
  const mark = arena.mark();
  try {
    const model = new Float64Array(coef.length + nModels);
    model.set(coef);
    model.set(intercept, coef.length);
    const modelPtr = arena.allocF64(model);
    const outPtr = arena.alloc(Math.max(1, side.rows * nModels) * 8);
    wasm.sgdDecision(side.ptr, side.cols, 0, side.rows, modelPtr, nModels, outPtr);
    return arena.f64(outPtr, side.rows * nModels).slice();
  } finally {
    arena.release(mark);
  }
}

/** Decision values in plain TS (main-thread prediction): rows x nModels. */
export function decisionOfMatrix(X: Float64Array, rows: number, d: number, coef: Float64Array, intercept: Float64Array): Float64Array {
  const nModels = intercept.length;
  const out = new Float64Array(rows * nModels);
  for (let r = 0; r < rows; r++) {
    for (let m = 0; m < nModels; m++) {
      let s = intercept[m];
      for (let f = 0; f < d; f++) s += coef[m * d + f] * X[r * d + f];
      out[r * nModels + m] = s;
    }
  }
  return out;
}
