/**
 * Facade-level validation: the options one by one, and the rules that need more than one of them
 * (model x space x data x scoring x cv). Runs before any worker starts; every rejection is a TuneError whose code
 * names the rule and whose message states it and how to fix it.
 */
import type { DataFacts, EstimatorDef, HyperparameterSchema } from './estimators/types';
import type { CompiledSpace, Dimension } from './space/index';
import type { NormalizedData } from './data/normalize';
import type { Params } from './types';
import type { Preprocess } from './worker/protocol';
import { TuneError, closestName } from './errors';
import { getEstimator } from './estimators/registry';
import { getMetric } from './metrics/index';
import { WorkerPool } from './pool/pool';
import { describe as describeDistribution, show } from './space/validate';

export const OPTION_KEYS = [
  'model', 'data', 'space', 'search', 'cv', 'scoring', 'preprocess', 'seed', 'workers', 'pool', 'signal',
  'onProgress', 'onTrial', 'refit', 'errorScore', 'timeoutMs', 'warmStart', 'study',
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

/** The scalar options, checked and with their defaults. */
export interface RunSettings {
  seed: number;
  workers: number | 'auto';
  preprocess: Preprocess;
  refit: boolean;
  /** A number (NaN by default) given to failed trials, or 'raise'. */
  errorScore: number | 'raise';
  timeoutMs: number | null;
  warmStart: boolean;
}

/** Options that are single values or callbacks; the structured ones (data, space, search, cv) are checked by their modules. */
export function checkRunSettings(opts: Record<string, unknown>): RunSettings {
  const seed = opts.seed ?? 0;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new TuneError('INVALID_SEED', `seed must be an integer in [0, 2^32), got ${show(opts.seed)}; e.g. seed: 42.`, {
      value: opts.seed,
    });
  }
  const workers = opts.workers ?? 'auto';
  if (workers !== 'auto' && !(typeof workers === 'number' && Number.isInteger(workers) && workers >= 1)) {
    throw new TuneError(
      'INVALID_WORKERS',
      `workers must be a positive integer or 'auto' (one per core), got ${show(workers)}; e.g. workers: 4.`,
      { value: workers },
    );
  }
  const preprocess = opts.preprocess ?? 'none';
  if (preprocess !== 'standardize' && preprocess !== 'none') {
    throw new TuneError('INVALID_PREPROCESS', `preprocess must be 'standardize' or 'none', got ${show(preprocess)}.`, {
      value: preprocess,
    });
  }
  const refit = opts.refit ?? true;
  if (typeof refit !== 'boolean') {
    throw new TuneError('INVALID_OPTION', `refit must be true (refit the best candidate on all rows) or false, got ${show(refit)}.`);
  }
  const warmStart = opts.warmStart ?? false;
  if (typeof warmStart !== 'boolean') {
    throw new TuneError(
      'INVALID_OPTION',
      `warmStart must be true (start each fit along a regularisation path from its neighbour's solution) or false, got ${show(warmStart)}.`,
      { value: warmStart },
    );
  }
  const errorScore = opts.errorScore ?? NaN;
  if (errorScore !== 'raise' && !(typeof errorScore === 'number' && (Number.isFinite(errorScore) || Number.isNaN(errorScore)))) {
    throw new TuneError(
      'INVALID_ERROR_SCORE',
      `errorScore must be NaN (the default: failed trials rank last), a finite number, or 'raise', got ${show(errorScore)}.`,
      { value: errorScore },
    );
  }
  const timeoutMs = opts.timeoutMs ?? null;
  if (timeoutMs !== null && !(typeof timeoutMs === 'number' && timeoutMs > 0 && timeoutMs !== Infinity)) {
    throw new TuneError(
      'INVALID_TIMEOUT',
      `timeoutMs must be a positive finite number of milliseconds, got ${show(timeoutMs)}; omit it for no time limit.`,
      { value: timeoutMs },
    );
  }
  for (const name of ['onProgress', 'onTrial'] as const) {
    if (opts[name] !== undefined && typeof opts[name] !== 'function') {
      throw new TuneError('INVALID_OPTION', `${name} must be a function, got ${show(opts[name])}.`);
    }
  }
  const signal = opts.signal as { aborted?: unknown; addEventListener?: unknown } | undefined;
  if (signal !== undefined && (typeof signal !== 'object' || signal === null || typeof signal.aborted !== 'boolean' || typeof signal.addEventListener !== 'function')) {
    throw new TuneError('INVALID_OPTION', 'signal must be an AbortSignal, e.g. the signal of an AbortController.');
  }
  if (opts.pool !== undefined && !(opts.pool instanceof WorkerPool)) {
    throw new TuneError('INVALID_OPTION', 'pool must be a pool made by createPool(); omit it to use the shared default pool.');
  }
  if (opts.model !== undefined && typeof opts.model !== 'string') {
    throw new TuneError('INVALID_OPTION', `model must be a model id such as 'knn-classifier', got ${show(opts.model)}.`);
  }
  return { seed, workers, preprocess, refit, errorScore, timeoutMs, warmStart };
}

/** The models of a search: every model any sub-space can use, and per sub-space the models it uses. */
export interface ResolvedModels {
  defs: EstimatorDef[];
  perSubspace: EstimatorDef[][];
}

/** The estimators a search may use: `options.model`, or the `model` values of a conditional space. */
export function resolveModels(model: string | undefined, space: CompiledSpace): ResolvedModels {
  const ids = new Set<string>();
  const perSubspace = space.subspaces.map((sub, s) => {
    const dim = sub.dimensions.find((d) => d.name === 'model');
    if (!dim) {
      if (model === undefined) {
        throw new TuneError(
          'MODEL_MISSING',
          `No model given: pass model: 'knn-classifier' (for example), or set model in every sub-space (space[${s}] has none).`,
        );
      }
      ids.add(model);
      return [getEstimator(model)];
    }
    if (!dim.discrete) throw new TuneError('INVALID_HYPERPARAMETER', 'model must be listed values (model ids), not a range.');
    const listed = Array.from({ length: dim.size }, (_, k) => dim.valueAt(k));
    for (const id of listed) {
      if (typeof id !== 'string') throw new TuneError('UNKNOWN_MODEL', `model values must be model ids (strings), got ${show(id)}.`);
      if (model !== undefined && id !== model) {
        throw new TuneError(
          'CONTRADICTORY_OPTIONS',
          `model: '${model}' is given, but ${space.subspaces.length > 1 ? `space[${s}]` : 'space'}.model lists '${id}'; ` +
            'remove the top-level model when the space chooses it, or remove model from the space.',
        );
      }
      ids.add(id);
    }
    return listed.map((id) => getEstimator(String(id)));
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
  space.subspaces.forEach((sub, s) => {
    for (const def of perSubspace[s]) {
      for (const dim of sub.dimensions) {
        if (dim.name === 'model') continue;
        if (!Object.prototype.hasOwnProperty.call(def.hyperparameters, dim.name)) {
          throw unknownHyperparameter(def, dim.name);
        }
      }
    }
  });
  return { defs, perSubspace };
}

/**
 * Hyperparameters bounded by the rows a model is trained on (nNeighbors neighbours, nClusters centroids each need
 * a distinct training row). Name-based on purpose: the rule is the same for every model that has them.
 */
const ROW_BOUNDED: readonly string[] = ['nNeighbors', 'nClusters', 'nComponents'];

/** Data facts a hyperparameter's values may depend on. */
export interface CandidateContext {
  /** Rows in the smallest training fold (all rows without CV). */
  minTrainRows: number;
  /** How the rows are split, for messages: "5-fold stratified, in row order", or "no cross-validation". */
  split: string;
  /** Classifiers: the sorted distinct class labels as given (EstimatorDef.checkValue reads them). Absent: unknown. */
  classes?: readonly (number | string | boolean)[] | null;
}

function dataFacts(ctx: CandidateContext): DataFacts {
  return { classes: ctx.classes ?? null };
}

/**
 * Checks every value a sub-space can produce (not only the candidates a random search happens to draw) against
 * each model's schema and the data: ranges and listed values within the schema's bounds, categorical
 * hyperparameters given as listed values, row-bounded ones (ROW_BOUNDED) within the smallest training fold.
 */
export function validateSpaceValues(space: CompiledSpace, models: ResolvedModels, ctx: CandidateContext): void {
  space.subspaces.forEach((sub, s) => {
    for (const def of models.perSubspace[s]) {
      for (const dim of sub.dimensions) if (dim.name !== 'model') checkDimension(def, dim, ctx);
    }
  });
}

function checkDimension(def: EstimatorDef, dim: Dimension, ctx: CandidateContext): void {
  const schema = def.hyperparameters[dim.name];
  const d = dim.distribution;
  const where = `${def.id}.${dim.name}`;
  if (d.kind === 'choice') {
    if (schema.type === 'int-array' && d.values.some((v) => typeof v === 'number')) {
      // [64, 32] in a space lists two scalars; the user almost surely meant one network or two.
      const nums = d.values.filter((v) => typeof v === 'number');
      throw new TuneError(
        'INVALID_HYPERPARAMETER',
        `${where} takes one array of layer sizes per candidate, but the space lists plain numbers (${show(nums)}). ` +
          `Write [${show(nums)}] for one candidate with these layers, or [${nums.map((v) => show([v])).join(', ')}] ` +
          'for one candidate per number.',
        { name: dim.name, value: nums },
      );
    }
    if (schema.type === 'float-array' && d.values.some((v) => typeof v === 'number')) {
      // priors: [0.2, 0.3, 0.5] in a space lists three scalars; one candidate is [[0.2, 0.3, 0.5]].
      const nums = d.values.filter((v) => typeof v === 'number');
      throw new TuneError(
        'INVALID_HYPERPARAMETER',
        `${where} takes ${schema.nullable ? 'null or ' : ''}one array of numbers per candidate, but the space lists plain ` +
          `numbers (${show(nums)}). Write [${show(nums)}] for one candidate with this array` +
          `${schema.nullable ? `, or [null, ${show(nums)}] to also try null` : ''}.`,
        { name: dim.name, value: nums },
      );
    }
    for (const v of d.values) if (!valueFits(schema, v)) throw outsideSchema(def, dim.name, schema, v);
    if (def.checkValue) for (const v of d.values) def.checkValue(dim.name, v, dataFacts(ctx));
  } else {
    if (schema.type === 'int-array') {
      throw new TuneError(
        'INVALID_HYPERPARAMETER',
        `${where} takes a list of integers per candidate; list the candidates as arrays, e.g. ` +
          `[[64], [128, 64]], not a range like ${describeDistribution(d)}.`,
        { name: dim.name },
      );
    }
    if (schema.type === 'float-array') {
      throw new TuneError(
        'INVALID_HYPERPARAMETER',
        `${where} takes ${schemaDescription(schema)} per candidate; list the candidates, e.g. ` +
          `[${schema.nullable ? 'null, ' : ''}[0.2, 0.8]], not a range like ${describeDistribution(d)}.`,
        { name: dim.name },
      );
    }
    if (schema.type === 'enum' || schema.type === 'bool') {
      throw new TuneError(
        'INVALID_HYPERPARAMETER',
        `${where} is categorical (${schemaDescription(schema)}); list its values with choice([...]) or an array, ` +
          `not a range like ${describeDistribution(d)}.`,
        { name: dim.name },
      );
    }
    if (schema.type === 'int' && d.kind === 'float') {
      throw new TuneError(
        'INVALID_HYPERPARAMETER',
        `${where} takes integers; use int(low, high) instead of ${describeDistribution(d)}.`,
        { name: dim.name },
      );
    }
    const low = d.low;
    const high = d.kind === 'int' ? (dim.valueAt(dim.size - 1) as number) : d.high;
    const min = schema.min;
    const exclusive = schema.type === 'float' && schema.exclusiveMin === true;
    if (min !== undefined && (exclusive ? low <= min : low < min)) {
      throw new TuneError(
        'INVALID_HYPERPARAMETER',
        `${where} must be ${schemaDescription(schema)}, but ${describeDistribution(d)} starts at ${low}; ` +
          `raise low ${exclusive ? 'above' : 'to at least'} ${min}.`,
        { name: dim.name, value: low },
      );
    }
    const exclusiveMax = schema.type === 'float' && schema.exclusiveMax === true;
    if (schema.max !== undefined && (exclusiveMax ? high >= schema.max : high > schema.max)) {
      throw new TuneError(
        'INVALID_HYPERPARAMETER',
        `${where} must be ${schemaDescription(schema)}, but ${describeDistribution(d)} reaches ${high}; ` +
          `lower high ${exclusiveMax ? 'below' : 'to at most'} ${schema.max}.`,
        { name: dim.name, value: high },
      );
    }
  }
  if (ROW_BOUNDED.includes(dim.name)) {
    const values = d.kind === 'choice' ? d.values.filter((v): v is number => typeof v === 'number') : [d.kind === 'int' ? (dim.valueAt(dim.size - 1) as number) : d.high];
    const largest = Math.max(...values);
    if (largest > ctx.minTrainRows) throw exceedsRows(def, dim.name, largest, ctx, false);
  }
}

/** Checks one candidate's values against its model's schema, the data and the metrics (the defaults included). */
export function validateCandidate(def: EstimatorDef, hp: Params, ctx: CandidateContext, scoring: readonly string[]): void {
  for (const [name, value] of Object.entries(hp)) {
    const schema = Object.prototype.hasOwnProperty.call(def.hyperparameters, name) ? def.hyperparameters[name] : undefined;
    if (!schema) throw unknownHyperparameter(def, name);
    if (!valueFits(schema, value)) throw outsideSchema(def, name, schema, value);
  }
  const full = withDefaults(def, hp);
  if (def.checkValue) for (const [name, value] of Object.entries(full)) def.checkValue(name, value, dataFacts(ctx));
  def.checkParams?.(full);
  for (const name of ROW_BOUNDED) {
    const v = full[name];
    if (typeof v === 'number' && v > ctx.minTrainRows) throw exceedsRows(def, name, v, ctx, !(name in hp));
  }
  checkProbaSupport(def, full, scoring);
}

/**
 * A probability metric (logLoss, rocAuc) needs predicted probabilities; a model whose `supportsProba(params)` says
 * this candidate gives none (e.g. a hinge-loss SGD classifier) is rejected here instead of failing every trial.
 * `params` carries every default. The message names the categorical settings that would give probabilities, found
 * by asking supportsProba about each alternative value (so it stays right for any estimator).
 */
export function checkProbaSupport(def: EstimatorDef, params: Params, scoring: readonly string[]): void {
  const supports = def.supportsProba?.bind(def);
  if (!supports || supports(params)) return;
  const needing = scoring.filter((m) => getMetric(m).needsProba);
  if (needing.length === 0) return;
  const fixes: string[] = [];
  for (const [name, schema] of Object.entries(def.hyperparameters)) {
    const alternatives = schema.type === 'enum' ? schema.values : schema.type === 'bool' ? [true, false] : [];
    const good = alternatives.filter((v) => v !== params[name] && supports({ ...params, [name]: v }));
    if (good.length > 0) fixes.push(`${name} to ${good.map((v) => JSON.stringify(v)).join(' or ')} (it is ${JSON.stringify(params[name])})`);
  }
  throw new TuneError(
    'METRIC_NEEDS_PROBA',
    `Metric '${needing[0]}' scores predicted probabilities, but ${def.id} gives none with these hyperparameters. ` +
      `${fixes.length > 0 ? `Set ${fixes.join(', or ')} in the space, or rank` : 'Rank'} by a label metric such as accuracy instead.`,
    { metric: needing[0], model: def.id },
  );
}

/** The candidate's values over the model's defaults: what the trainer will actually use. */
export function withDefaults(def: EstimatorDef, hp: Params): Params {
  const full: Params = {};
  for (const [name, schema] of Object.entries(def.hyperparameters)) full[name] = schema.default;
  return Object.assign(full, hp);
}

function unknownHyperparameter(def: EstimatorDef, name: string): TuneError {
  const valid = Object.keys(def.hyperparameters);
  const suggestion = closestName(name, valid);
  return new TuneError(
    'UNKNOWN_HYPERPARAMETER',
    `Unknown hyperparameter '${name}' for ${def.id}.${suggestion ? ` Did you mean '${suggestion}'?` : ''} ` +
      `Valid hyperparameters of ${def.id}: ${valid.join(', ')}.`,
    { value: name, suggestion },
  );
}

function exceedsRows(def: EstimatorDef, name: string, value: number, ctx: CandidateContext, isDefault: boolean): TuneError {
  const fix = isDefault
    ? `set ${name} in the space to at most ${ctx.minTrainRows}`
    : `lower the largest ${name} to at most ${ctx.minTrainRows}`;
  return new TuneError(
    'EXCEEDS_TRAINING_ROWS',
    `${def.id}.${name}${isDefault ? ` (default ${value})` : `=${value}`} exceeds the ${ctx.minTrainRows} rows of the ` +
      `smallest training set (${ctx.split}); ${name} must be at most the number of training rows. ` +
      `${fix[0].toUpperCase()}${fix.slice(1)}, or use fewer folds or more rows.`,
    { name, value, minTrainRows: ctx.minTrainRows },
  );
}

function outsideSchema(def: EstimatorDef, name: string, schema: HyperparameterSchema, value: unknown): TuneError {
  let hint = '';
  if (schema.type === 'enum' && typeof value === 'string') {
    const s = closestName(value, schema.values.filter((v): v is string => typeof v === 'string'));
    if (s) hint = ` Did you mean '${s}'?`;
  }
  if (schema.type === 'int-array' && typeof value === 'number') {
    // A plain array of numbers in a space lists scalars: [64, 32] is two candidates 64 and 32, not one network.
    hint = ` Give an array per candidate: [${value}] in a candidate, [[${value}]] in a space.`;
  }
  if (schema.type === 'float-array' && typeof value === 'number') {
    hint = ` Give an array per candidate: [${value}, ...] in a candidate, [[${value}, ...]] in a space.`;
  }
  if (schema.type === 'float-array' && Array.isArray(value)) {
    const i = value.findIndex((x: unknown) => !valueFits(schema, [x]));
    if (i >= 0) hint = ` Entry ${i} (${show(value[i])}) is ${typeof value[i] === 'number' && Number.isFinite(value[i]) ? 'out of range' : 'not a finite number'}.`;
    else if (value.length === 0) hint = ' The array is empty.';
  }
  return new TuneError(
    'INVALID_HYPERPARAMETER',
    `${def.id}.${name} must be ${schemaDescription(schema)}, got ${show(value)}.${hint} Change the space for '${name}'.`,
    { name, value },
  );
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
      return `a number${s.min !== undefined ? ` ${s.exclusiveMin ? '>' : '>='} ${s.min}` : ''}${s.max !== undefined ? ` and ${s.exclusiveMax ? '<' : '<='} ${s.max}` : ''}${s.also ? ` or one of ${s.also.map((v) => JSON.stringify(v)).join(', ')}` : ''}${s.default === null && !s.also?.includes(null) ? ' or null' : ''}${s.perLayer ? ' (or an array of such numbers, one per hidden layer)' : ''}`;
    case 'int-array':
      return `an array of at least ${s.minLength} integer${s.minLength === 1 ? '' : 's'} >= ${s.min} (e.g. [${s.default.join(', ')}])`;
    case 'float-array': {
      const bounds = [s.min !== undefined ? ` >= ${s.min}` : '', s.max !== undefined ? ` <= ${s.max}` : ''].filter(Boolean).join(' and');
      return `${s.nullable ? 'null or ' : ''}a non-empty array of finite numbers${bounds}`;
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
      if (v === null) return schema.default === null || (schema.also?.includes(null) ?? false);
      if (typeof v === 'string') return schema.also?.includes(v) ?? false;
      if (Array.isArray(v)) return schema.perLayer === true && v.length >= 1 && v.every((x: unknown) => typeof x === 'number' && valueFits(schema, x));
      return (
        typeof v === 'number' && Number.isFinite(v) &&
        (schema.min === undefined || (schema.exclusiveMin ? v > schema.min : v >= schema.min)) &&
        (schema.max === undefined || (schema.exclusiveMax ? v < schema.max : v <= schema.max))
      );
    case 'int-array':
      return (
        Array.isArray(v) && v.length >= schema.minLength &&
        v.every((x: unknown) => typeof x === 'number' && Number.isSafeInteger(x) && x >= schema.min)
      );
    case 'float-array':
      if (v === null) return schema.nullable;
      return (
        Array.isArray(v) && v.length >= 1 &&
        v.every((x: unknown) =>
          typeof x === 'number' && Number.isFinite(x) &&
          (schema.min === undefined || x >= schema.min) && (schema.max === undefined || x <= schema.max))
      );
  }
}

/** Supervised models need y; classifiers need at least two classes. */
export function validateDataForModels(models: EstimatorDef[], data: NormalizedData): void {
  const kind = models[0].kind;
  if (kind !== 'clusterer' && !data.y) {
    throw new TuneError('DATA_MISSING_Y', `${models[0].id} is a ${kind} and needs targets: pass data.y with one value per row.`);
  }
  if (data.y) for (const m of models) m.checkTargets?.(data.y);
  if (kind === 'regressor' && data.labels) {
    const sample = data.labels.classes.slice(0, 3).map((c) => JSON.stringify(c)).join(', ');
    throw new TuneError(
      'TARGETS_NOT_NUMERIC',
      `${models[0].id} is a regressor and needs numeric targets, but data.y holds ${typeof data.labels.classes[0]}s ` +
        `(${sample}${data.labels.classes.length > 3 ? ', ...' : ''}). Convert the targets to numbers (e.g. Number(v) or ` +
        'parseFloat for numbers read from a CSV), or tune a classifier if they are class labels.',
      { model: models[0].id },
    );
  }
  if (kind === 'classifier' && data.y) {
    const first = data.y[0];
    if (data.y.every((v) => v === first)) {
      throw new TuneError(
        'SINGLE_CLASS',
        `data.y has a single class (${data.labels ? JSON.stringify(data.labels.classes[first]) : first}); a classifier needs at least two classes to learn from. ` +
          'Add rows of another class, or check that y holds the labels.',
      );
    }
  }
}

const TASK_OF_KIND = { classifier: 'classification', regressor: 'regression', clusterer: 'clustering' } as const;

/** Metric names: given (string or list, first ranks) or the model's default; each must suit the model kind. */
export function resolveScoring(scoring: unknown, models: EstimatorDef[], hasLabels: boolean): string[] {
  if (scoring !== undefined && typeof scoring !== 'string' && !Array.isArray(scoring)) {
    throw new TuneError('INVALID_SCORING', `scoring must be a metric name or a list of them, got ${show(scoring)}; e.g. scoring: 'accuracy'.`);
  }
  const names: unknown[] = scoring === undefined ? [models[0].defaultMetric] : Array.isArray(scoring) ? scoring : [scoring];
  if (names.length === 0) throw new TuneError('INVALID_SCORING', 'scoring is an empty list; give at least one metric name.');
  const kind = models[0].kind;
  for (const name of names) {
    if (typeof name !== 'string') throw new TuneError('INVALID_SCORING', `scoring entries must be metric names, got ${show(name)}.`);
    const m = getMetric(name);
    if (m.task !== TASK_OF_KIND[kind]) {
      throw new TuneError(
        'METRIC_MISMATCH',
        `Metric '${name}' is a ${m.task} metric but ${models[0].id} is a ${kind}; choose a ${TASK_OF_KIND[kind]} metric` +
          ` (${models[0].id}'s default is '${models[0].defaultMetric}').`,
        { metric: name },
      );
    }
    const noLikelihood = m.needsLikelihood ? models.find((d) => !d.reportsLikelihood) : undefined;
    if (noLikelihood) {
      throw new TuneError(
        'METRIC_MISMATCH',
        `Metric '${name}' scores a model's own likelihood, which ${noLikelihood.id} does not have; use it with gaussian-mixture, ` +
          `or choose another ${TASK_OF_KIND[kind]} metric (${noLikelihood.id}'s default is '${noLikelihood.defaultMetric}').`,
        { metric: name },
      );
    }
    if (m.needsLabels && !hasLabels) {
      throw new TuneError('METRIC_NEEDS_LABELS', `Metric '${name}' compares with true labels; pass data.y or choose another metric.`, {
        metric: name,
      });
    }
  }
  if (new Set(names).size !== names.length) throw new TuneError('INVALID_SCORING', `scoring lists a metric twice: ${names.join(', ')}; list each once.`);
  return names as string[];
}
