/**
 * Scores of a probabilistic model over the rows it predicted (scikit-learn 1.2.1 `GaussianMixture.score`, `bic`,
 * `aic`), from what the model reports in its prediction: the mean log-likelihood per row and its number of free
 * parameters. n is the number of rows scored.
 *   logLikelihood = mean_i log p(x_i)                  (greater is better)
 *   bic = -2 * logLikelihood * n + nParameters * ln(n)  (lower is better)
 *   aic = -2 * logLikelihood * n + 2 * nParameters      (lower is better)
 * A model that reports no likelihood (every model but gaussian-mixture) gets METRIC_NEEDS_LIKELIHOOD.
 */
import { TuneError } from '../errors';
import type { MetricInput, MetricName } from './types';

function require(name: MetricName, input: MetricInput, needParameters: boolean): { ll: number; p: number; n: number } {
  const ll = input.logLikelihood;
  const p = input.nParameters;
  if (ll === undefined || (needParameters && p === undefined)) {
    throw new TuneError(
      'METRIC_NEEDS_LIKELIHOOD',
      `Metric '${name}' needs a probabilistic model that reports its log-likelihood (gaussian-mixture); ` +
        'choose a clustering metric such as calinskiHarabasz for other models.',
      { metric: name },
    );
  }
  return { ll, p: p ?? 0, n: input.yPred.length };
}

export function logLikelihood(input: MetricInput): number {
  return require('logLikelihood', input, false).ll;
}

export function bic(input: MetricInput): number {
  const { ll, p, n } = require('bic', input, true);
  return -2 * ll * n + p * Math.log(n);
}

export function aic(input: MetricInput): number {
  const { ll, p, n } = require('aic', input, true);
  return -2 * ll * n + 2 * p;
}
