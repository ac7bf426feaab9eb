import type { EstimatorDef, FoldSide, Learned, TrainContext } from '../types';
import { classIndices } from '../labels';
import { gnbModel, gnbStats, jointLogLikelihood, predictFromJll, type GnbStats } from './gnb-core';

/**
 * Gaussian naive Bayes, scikit-learn 1.2.1 `GaussianNB` (formulas in gnb-core.ts). Almost everything is a learned
 * parameter: classPrior, theta (class means), var (smoothed class variances), epsilon; the only hyperparameters are
 * varSmoothing and priors.
 *
 * `priors` accepts only null (priors from the class frequencies): hyperparameter values are scalars in this version
 * of the space, so an array of priors cannot be listed yet.
 * Shared work: the per-class statistics of a fold are computed once and serve every varSmoothing candidate.
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
      type: 'enum',
      values: [null],
      default: null,
      doc: 'Class prior probabilities; null = the class frequencies of the training rows (the only value accepted yet).',
    },
  },
  defaultMetric: 'accuracy',
  // Every candidate on a fold reads the same per-class statistics.
  shareKey: () => 'gnb-stats',
  cost: () => 1,
  trainer: {
    evaluate(ctx, train, test, params) {
      const classes = ctx.classes!;
      const k = classes.length;
      const m = gnbModel(foldStats(ctx, train), Number(params.varSmoothing ?? 1e-9));
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
      const m = gnbModel(s, Number(params.varSmoothing ?? 1e-9));
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
