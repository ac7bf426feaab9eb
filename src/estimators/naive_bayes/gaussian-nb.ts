import type { EstimatorDef, FoldSide, Learned, TrainContext } from '../types';
import { classIndices } from '../labels';
import type { Params } from '../../types';
import { gnbModel, gnbStats, jointLogLikelihood, predictFromJll, type GnbModel, type GnbStats } from './gnb-core';
import { checkFoldPriors, checkPriors, priorsOf } from './gnb-priors';

/**
 * Gaussian naive Bayes, scikit-learn 1.2.1 `GaussianNB` (formulas in gnb-core.ts). Almost everything is a learned
 * parameter: classPrior, theta (class means), var (smoothed class variances), epsilon; the only hyperparameters are
 * varSmoothing and priors.
 *
 * `priors`: null (the class frequencies of the training rows) or one probability per class in the order of the sorted
 * class labels, as scikit-learn's GaussianNB(priors=...): a space lists candidate arrays, priors: [null, [0.2, 0.3,
 * 0.5]]. checkValue refuses a wrong length, a negative entry or a sum other than 1 against the data's classes before
 * any work (gnb-priors.ts); the worker checks the fold again (a class without training rows but with a positive prior
 * fails that trial with a message). The learned classPrior is the given priors.
 * Shared work: the per-class statistics of a fold are computed once and serve every varSmoothing and priors candidate.
 */
const STATS_KEY = 'gnb:stats';

function foldStats(ctx: TrainContext, train: FoldSide): GnbStats {
  const cached = ctx.foldCache.get(STATS_KEY) as GnbStats | undefined;
  if (cached) return cached;
  const classes = ctx.classes!;
  const X = ctx.kernels.arena.f64(train.ptr, train.rows * train.cols);
  const stats = gnbStats(X, train.rows, train.cols, classIndices(train.y!, classes), classes.length);
  ctx.foldCache.set(STATS_KEY, stats);
  return stats;
}

/** The fold's model for a candidate: its varSmoothing and its priors (checked against the fold). */
function modelFor(ctx: TrainContext, s: GnbStats, params: Params): GnbModel {
  const priors = priorsOf(params.priors);
  if (priors) checkFoldPriors(priors, s.counts, ctx.classes!);
  return gnbModel(s, Number(params.varSmoothing ?? 1e-9), priors);
}

export const gaussianNb: EstimatorDef = {
  id: 'gaussian-nb',
  kind: 'classifier',
  summary: 'Gaussian naive Bayes: one normal distribution per class and feature, features independent given the class.',
  hyperparameters: {
    varSmoothing: {
      type: 'float',
      min: 0,
      default: 1e-9,
      doc: 'Added to every variance, as a fraction of the largest feature variance, for numerical stability.',
    },
    priors: {
      type: 'float-array',
      nullable: true,
      min: 0,
      default: null,
      doc:
        'Class prior probabilities, one per class in the order of the sorted class labels, non-negative and summing to 1 ' +
        '(null = the class frequencies of the training rows). In a space, list the candidates: priors: [null, [0.2, 0.3, 0.5]].',
    },
  },
  checkValue(name, value, data) {
    if (name === 'priors') checkPriors(value, data.classes);
  },
  defaultMetric: 'accuracy',
  // Every candidate on a fold reads the same per-class statistics.
  shareKey: () => 'gnb-stats',
  cost: () => 1,
  trainer: {
    evaluate(ctx, train, test, params) {
      const classes = ctx.classes!;
      const k = classes.length;
      const m = modelFor(ctx, foldStats(ctx, train), params);
      const { wasm, arena } = ctx.kernels;
      const mark = arena.mark();
      try {
        const theta = arena.allocF64(m.theta);
        const variance = arena.allocF64(m.var);
        const logPrior = arena.allocF64(m.logPrior);
        const out = arena.alloc(test.rows * k * 8);
        wasm.gnbJointLogLikelihood(test.ptr, test.rows, test.cols, k, theta, variance, logPrior, out);
        const jll = arena.f64(out, test.rows * k).slice();
        return { ...predictFromJll(jll, test.rows, classes), classes };
      } finally {
        arena.release(mark);
      }
    },
    fit(ctx, train, params) {
      const s = foldStats(ctx, train);
      const m = modelFor(ctx, s, params);
      return {
        classes: ctx.classes!.slice(),
        classCount: s.counts,
        classPrior: m.classPrior,
        theta: m.theta,
        var: m.var,
        epsilon: m.epsilon,
        cols: train.cols,
      };
    },
  },
  predict(learned: Learned, X) {
    const classes = learned.classes as Float64Array;
    const logPrior = (learned.classPrior as Float64Array).map(Math.log);
    const jll = jointLogLikelihood(X.values, X.rows, X.cols, classes.length, learned.theta as Float64Array, learned.var as Float64Array, logPrior);
    return { ...predictFromJll(jll, X.rows, classes), classes };
  },
};
