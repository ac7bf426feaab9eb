import type { Learned, EstimatorDef } from './estimators/types';
import type { Matrix, ModelId, ModelKind, Params } from './types';
import type { Scaler } from './worker/protocol';
import { normalizeData, type FeatureInput } from './data/normalize';
import { applyScaler } from './worker/standardize';
import { getMetric } from './metrics/index';
import { TuneError } from './errors';

/**
 * A model refit on all rows with the best hyperparameters. Keeps the two kinds of numbers apart:
 * `hyperparameters` were chosen by the search before training; `parameters` are what training learned.
 * Prediction runs on the calling thread in plain TypeScript from `parameters` (no worker round trip).
 */
export class FittedModel {
  readonly model: ModelId;
  readonly kind: ModelKind;
  /** Chosen by the search (set before training). */
  readonly hyperparameters: Readonly<Params>;
  /** Learned by training (coefficients, intercepts, centroids, stored neighbours...). */
  readonly parameters: Readonly<Learned>;
  /** Standardisation learned on all rows (mean and scale per feature), or null without preprocessing. */
  readonly preprocessing: Readonly<Scaler> | null;
  readonly fitMs: number;
  private readonly def: EstimatorDef;

  constructor(def: EstimatorDef, hyperparameters: Params, parameters: Learned, scaler: Scaler | null, fitMs: number) {
    this.def = def;
    this.model = def.id;
    this.kind = def.kind;
    this.hyperparameters = Object.freeze({ ...hyperparameters });
    this.parameters = Object.freeze({ ...parameters });
    this.preprocessing = scaler;
    this.fitMs = fitMs;
  }

  /** Predicted labels (classifiers), values (regressors) or cluster ids (clustering), one per row. */
  predict(X: FeatureInput): Float64Array {
    return this.run(X).yPred;
  }

  /** Class probabilities, rows x classes (columns in `parameters.classes` order). Classifiers with probabilities only. */
  predictProba(X: FeatureInput): Float64Array {
    const out = this.run(X);
    if (!out.proba) {
      throw new TuneError('NO_PROBABILITIES', `Model '${this.model}' with these hyperparameters gives no probabilities.`);
    }
    return out.proba;
  }

  /** Scores the model on (X, y) with `metric` (default: the model's default metric). */
  score(X: FeatureInput, y: ArrayLike<number>, metric = this.def.defaultMetric): number {
    const m = getMetric(metric);
    const data = normalizeData({ X, y });
    const pred = this.predictMatrix(data.X);
    return m.compute({ yTrue: data.y, yPred: pred.yPred, proba: pred.proba, classes: pred.classes, X: data.X, centroids: pred.centroids, logLikelihood: pred.logLikelihood, nParameters: pred.nParameters });
  }

  private run(X: FeatureInput) {
    return this.predictMatrix(normalizeData({ X }).X);
  }

  private predictMatrix(X: Matrix) {
    const expected = this.parameters.cols ?? this.preprocessing?.mean.length;
    if (typeof expected === 'number' && X.cols !== expected) {
      throw new TuneError('DATA_SHAPE', `The model was trained on ${expected} features but X has ${X.cols}; pass rows with ${expected} values.`);
    }
    let values = X.values;
    if (this.preprocessing) {
      values = values.slice();
      applyScaler(values, X.rows, X.cols, this.preprocessing);
    }
    return this.def.predict(this.parameters, { values, rows: X.rows, cols: X.cols }, this.hyperparameters);
  }

  toJSON(): Record<string, unknown> {
    const plain = (v: unknown): unknown => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v);
    return {
      model: this.model,
      hyperparameters: this.hyperparameters,
      parameters: Object.fromEntries(Object.entries(this.parameters).map(([k, v]) => [k, plain(v)])),
      preprocessing: this.preprocessing
        ? { mean: Array.from(this.preprocessing.mean), scale: Array.from(this.preprocessing.scale) }
        : null,
    };
  }
}
