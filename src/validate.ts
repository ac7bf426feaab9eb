/**
 * Facade-level validation that needs more than one piece of the options (model x space x data x scoring).
 * Runs before any worker starts; every rejection is a TuneError whose message states the rule and how to fix it.
 */
import type { EstimatorDef, HyperparameterSchema } from './estimators/types';
import type { CompiledSpace } from './space/index';
import type { NormalizedData } from './data/normalize';
import type { Params } from './types';
import { TuneError, closestName, unknownNameError } from './errors';
import { getEstimator } from './estimators/registry';
import { getMetric } from './metrics/index';

export const OPTION_KEYS = [
  'model', 'data', 'space', 'search', 'cv', 'scoring', 'preprocess', 'seed', 'workers', 'pool', 'signal',
  'onProgress', 'onTrial', 'refit', 'errorScore', 'timeoutMs',
] as const;

export function validateOptionKeys(opts: object): void {
  for (const key of Object.keys(opts)) {
    if ((OPTION_KEYS as readonly string[]).includes(key)) continue;
    const s = closestName(key, OPTION_KEYS);
    throw new TuneError(
      'UNKNOWN_OPTION',
      `Unknown tune() option '${key}'.${s ? ` Did you mean '${s}'?` : ''} Valid options: ${OPTION_KEYS.join(', ')}.`,
      { value: key, suggestion: s },
    );
  }
  if (!('space' in opts) || (opts as { space?: unknown }).space == null) {
    throw new TuneError('SPACE_MISSING', 'space is required: e.g. { nNeighbors: int(1, 30) }, or {} to score the defaults.');
  }
}

/** The estimators a search may use: `options.model`, or the `model` values of a conditional space. */
export function resolveModels(model: string | undefined, space: CompiledSpace): EstimatorDef[] {
  const ids = new Set<string>();
  space.subspaces.forEach((sub, s) => {
    const dim = sub.dimensions.find((d) => d.name === 'model');
    if (!dim) {
      if (model === undefined) {
        throw new TuneError(
          'MODEL_MISSING',
          `No model given: pass model: 'knn-classifier' (for example), or set model in every sub-space (space[${s}] has none).`,
        );
      }
      ids.add(model);
      return;
    }
    if (!dim.discrete) throw new TuneError('INVALID_HYPERPARAMETER', 'model must be listed values (model ids), not a range.');
    for (let k = 0; k < dim.size; k++) ids.add(String(dim.valueAt(k)));
  });
  const defs = [...ids].map((id) => getEstimator(id));
  const kinds = new Set(defs.map((d) => d.kind));
  if (kinds.size > 1) {
    throw new TuneError(
      'MIXED_MODEL_KINDS',
      `One search can only compare models of one kind, got ${defs.map((d) => `${d.id} (${d.kind})`).join(', ')}. ` +
        'Run one search per kind.',
    );
  }
  // Every hyperparameter named in a sub-space must exist in each model that sub-space can use.
  for (const sub of space.subspaces) {
    const modelDim = sub.dimensions.find((d) => d.name === 'model');
    const subModels = modelDim
      ? Array.from({ length: modelDim.size }, (_, k) => getEstimator(String(modelDim.valueAt(k))))
      : [getEstimator(model!)];
    for (const def of subModels) {
      for (const dim of sub.dimensions) {
        if (dim.name === 'model') continue;
        if (!(dim.name in def.hyperparameters)) {
          throw unknownNameError('UNKNOWN_HYPERPARAMETER', `hyperparameter of ${def.id}`, dim.name, Object.keys(def.hyperparameters));
        }
        checkDimensionType(def, dim.name, def.hyperparameters[dim.name], dim.distribution.kind);
      }
    }
  }
  return defs;
}

function checkDimensionType(def: EstimatorDef, name: string, schema: HyperparameterSchema, kind: string): void {
  if ((schema.type === 'enum' || schema.type === 'bool') && kind !== 'choice') {
    throw new TuneError(
      'INVALID_HYPERPARAMETER',
      `${def.id}.${name} is categorical (${schemaDescription(schema)}); list values with choice([...]) or an array, not a range.`,
    );
  }
  if (schema.type === 'int' && kind === 'float') {
    throw new TuneError('INVALID_HYPERPARAMETER', `${def.id}.${name} takes integers; use int(low, high) instead of float().`);
  }
}

function schemaDescription(s: HyperparameterSchema): string {
  switch (s.type) {
    case 'enum':
      return `one of ${s.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'bool':
      return 'true or false';
    case 'int':
      return `an integer${s.min !== undefined ? ` >= ${s.min}` : ''}${s.max !== undefined ? ` and <= ${s.max}` : ''}`;
    case 'float':
      return `a number${s.min !== undefined ? ` ${s.exclusiveMin ? '>' : '>='} ${s.min}` : ''}${s.max !== undefined ? ` and <= ${s.max}` : ''}`;
  }
}

/** Data facts a candidate's values may depend on. */
export interface CandidateContext {
  /** Rows in the smallest training fold (all rows without CV). */
  minTrainRows: number;
  nClasses: number;
}

/** Checks one candidate's values against its model's schema and the data. */
export function validateCandidate(def: EstimatorDef, hp: Params, ctx: CandidateContext): void {
  for (const [name, value] of Object.entries(hp)) {
    const schema = def.hyperparameters[name];
    if (!schema) throw unknownNameError('UNKNOWN_HYPERPARAMETER', `hyperparameter of ${def.id}`, name, Object.keys(def.hyperparameters));
    if (!valueFits(schema, value)) {
      throw new TuneError(
        'INVALID_HYPERPARAMETER',
        `${def.id}.${name} must be ${schemaDescription(schema)}, got ${JSON.stringify(value)}. Change the space for '${name}'.`,
        { name, value },
      );
    }
  }
  if (def.id === 'knn-classifier' || def.id === 'knn-regressor') {
    const k = Number(hp.nNeighbors ?? def.hyperparameters.nNeighbors.default);
    if (k > ctx.minTrainRows) {
      throw new TuneError(
        'INVALID_HYPERPARAMETER',
        `nNeighbors=${k} exceeds the ${ctx.minTrainRows} rows of the smallest training fold; nNeighbors must be at most ` +
          `${ctx.minTrainRows}. Lower the upper bound of nNeighbors or use fewer folds.`,
        { name: 'nNeighbors', value: k },
      );
    }
  }
}

function valueFits(schema: HyperparameterSchema, v: unknown): boolean {
  switch (schema.type) {
    case 'enum':
      return schema.values.includes(v as string);
    case 'bool':
      return typeof v === 'boolean';
    case 'int':
      return (
        typeof v === 'number' && Number.isInteger(v) &&
        (schema.min === undefined || v >= schema.min) && (schema.max === undefined || v <= schema.max)
      );
    case 'float':
      if (v === null) return schema.default === null;
      return (
        typeof v === 'number' && Number.isFinite(v) &&
        (schema.min === undefined || (schema.exclusiveMin ? v > schema.min : v >= schema.min)) &&
        (schema.max === undefined || v <= schema.max)
      );
  }
}

/** Supervised models need y; classifiers need at least two classes. */
export function validateDataForModels(models: EstimatorDef[], data: NormalizedData): void {
  const kind = models[0].kind;
  if (kind !== 'clusterer' && !data.y) {
    throw new TuneError('DATA_MISSING_Y', `${models[0].id} is a ${kind} and needs targets: pass data.y with one value per row.`);
  }
  if (kind === 'classifier' && data.y) {
    const first = data.y[0];
    if (data.y.every((v) => v === first)) {
      throw new TuneError(
        'SINGLE_CLASS',
        `data.y has a single class (${first}); a classifier needs at least two classes to learn from.`,
      );
    }
  }
}

const TASK_OF_KIND = { classifier: 'classification', regressor: 'regression', clusterer: 'clustering' } as const;

/** Metric names: given (string or list, first ranks) or the model's default; each must suit the model kind. */
export function resolveScoring(scoring: string | string[] | undefined, models: EstimatorDef[], hasLabels: boolean): string[] {
  const names = scoring === undefined ? [models[0].defaultMetric] : Array.isArray(scoring) ? scoring : [scoring];
  if (names.length === 0) throw new TuneError('INVALID_SCORING', 'scoring is an empty list; give at least one metric name.');
  const kind = models[0].kind;
  for (const name of names) {
    if (typeof name !== 'string') throw new TuneError('INVALID_SCORING', `scoring entries must be metric names, got ${JSON.stringify(name)}.`);
    const m = getMetric(name);
    if (m.task !== TASK_OF_KIND[kind]) {
      throw new TuneError(
        'METRIC_MISMATCH',
        `Metric '${name}' is a ${m.task} metric but ${models[0].id} is a ${kind}; choose a ${TASK_OF_KIND[kind]} metric.`,
        { metric: name },
      );
    }
    if (m.needsLabels && !hasLabels) {
      throw new TuneError('METRIC_NEEDS_LABELS', `Metric '${name}' compares with true labels; pass data.y or choose another metric.`);
    }
  }
  if (new Set(names).size !== names.length) throw new TuneError('INVALID_SCORING', `scoring lists a metric twice: ${names.join(', ')}.`);
  return names;
}
