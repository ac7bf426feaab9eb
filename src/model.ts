import type { Learned, EstimatorDef } from './estimators/types';
import type { Matrix, ModelId, ModelKind, Params } from './types';
import type { Scaler } from './worker/protocol';
import { normalizeData, type FeatureInput } from './data/normalize';
import { applyScaler } from './worker/standardize';
import { getMetric } from './metrics/index';
import { TuneError } from './errors';
import { decodeLabels, encodeWith, type Label, type LabelEncoding } from './data/labels';

/** What predict() returns for labels of type Y: numbers as a Float64Array, string/boolean labels as they were given. */
/** Learned parameters as the fitted model shows them: `classes` may hold the string/boolean labels of y. */
export type LearnedParameters = Record<string, Learned[string] | string[] | boolean[]>;

export type Predictions<Y extends Label = number> = Y extends number ? Float64Array : Y[];

/**
 * A model refit on all rows with the best hyperparameters. Keeps the two kinds of numbers apart:
 * `hyperparameters` were chosen by the search before training; `parameters` are what training learned.
 * Prediction runs on the calling thread in plain TypeScript from `parameters` (no worker round trip).
 */
export class FittedModel<Y extends Label = number> {
  readonly model: ModelId;
  readonly kind: ModelKind;
  /** Chosen by the search (set before training). */
  readonly hyperparameters: Readonly<Params>;
  /**
   * Learned by training (coefficients, intercepts, centroids, stored neighbours...). For string/boolean labels,
   * `classes` lists those labels (in the order of predictProba's columns).
   */
  readonly parameters: Readonly<LearnedParameters>;
  /** The labels behind class indices when y held strings or booleans (null for numbers). */
  readonly labels: Readonly<LabelEncoding> | null;
  /** Standardisation learned on all rows (mean and scale per feature), or null without preprocessing. */
  readonly preprocessing: Readonly<Scaler> | null;
  readonly fitMs: number;
  private readonly def: EstimatorDef;
  /** What training returned, class indices included: the estimator's predict() reads these, not `parameters`. */
  private readonly learned: Readonly<Learned>;

  constructor(
    def: EstimatorDef, hyperparameters: Params, parameters: Learned, scaler: Scaler | null, fitMs: number,
    labels: LabelEncoding | null = null,
  ) {
    this.def = def;
    this.model = def.id;
    this.kind = def.kind;
    this.hyperparameters = Object.freeze({ ...hyperparameters });
    this.learned = Object.freeze({ ...parameters });
    this.labels = def.kind === 'classifier' && labels ? Object.freeze({ classes: labels.classes.slice() as string[] | boolean[] }) : null;
    const classes = this.labels && parameters.classes ? decodeLabels(this.labels, parameters.classes as ArrayLike<number>) : null;
    this.parameters = Object.freeze(classes ? { ...parameters, classes } : { ...parameters });
    this.preprocessing = scaler;
    this.fitMs = fitMs;
  }

  /** Predicted labels (classifiers), values (regressors) or cluster ids (clustering), one per row. */
  predict(X: FeatureInput): Predictions<Y> {
    const yPred = this.run(X).yPred;
    return (this.labels ? decodeLabels(this.labels, yPred) : yPred) as Predictions<Y>;
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
  score(X: FeatureInput, y: ArrayLike<Y>, metric = this.def.defaultMetric): number {
    const m = getMetric(metric);
    const data = normalizeData({ X, y: this.labels ? encodeWith(this.labels, y) : y });
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
    return this.def.predict(this.learned, { values, rows: X.rows, cols: X.cols }, this.hyperparameters);
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
