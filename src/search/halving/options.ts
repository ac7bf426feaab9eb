/**
 * Validation of `search: { strategy: 'halving' | 'hyperband', ... }` (the public shape in DESIGN.md, Wave 2).
 * Pure: the facade calls it with the raw options before any worker starts; model-dependent checks (does the
 * model have this resource? epochs for KNN) need the model and stay with the facade, see `checkResourceForModel`.
 */
import { TuneError, unknownNameError } from '../../errors';
import { checkFactor } from './schedule';
import type { MinResources } from './schedule';

export type BudgetResource = 'rows' | 'epochs' | 'folds';
export const BUDGET_RESOURCES: readonly BudgetResource[] = ['rows', 'epochs', 'folds'];

export interface HalvingSearchOptions {
  strategy: 'halving';
  /** Random candidates to start with; omitted = every grid point (a discrete space). */
  trials?: number;
  factor: number;
  resource: BudgetResource;
  minResource: MinResources;
  /** Omitted = the whole resource (all training rows, the model's epochs, all folds). */
  maxResource?: number;
  aggressiveElimination: boolean;
  /** resource 'epochs': a promoted candidate continues its previous rung's fit (true, default) or retrains. */
  resume: boolean;
}

export interface HyperbandSearchOptions {
  strategy: 'hyperband';
  factor: number;
  resource: BudgetResource;
  maxResource: number;
  minResource: number;
  /** As HalvingSearchOptions.resume. */
  resume: boolean;
}

const HALVING_KEYS = ['strategy', 'trials', 'factor', 'resource', 'minResource', 'maxResource', 'aggressiveElimination', 'resume', 'pruner'];
const HYPERBAND_KEYS = ['strategy', 'factor', 'resource', 'minResource', 'maxResource', 'resume', 'pruner'];

function checkResource(resource: unknown): BudgetResource {
  if (typeof resource !== 'string' || !(BUDGET_RESOURCES as readonly string[]).includes(resource)) {
    throw unknownNameError('INVALID_RESOURCE', 'resource', String(resource), BUDGET_RESOURCES);
  }
  return resource as BudgetResource;
}

function positiveInt(name: string, v: unknown, code: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
    throw new TuneError(code, `search.${name} must be an integer >= 1, got ${String(v)}.`, { option: name, value: v });
  }
  return v;
}

function checkResume(v: unknown): boolean {
  if (v !== undefined && typeof v !== 'boolean') {
    throw new TuneError(
      'INVALID_HALVING',
      `search.resume must be true (a promoted SGD / MLP candidate continues its previous rung's fit) or false (it retrains from scratch, using less memory), got ${String(v)}.`,
    );
  }
  return v !== false;
}

function checkKeys(o: object, keys: readonly string[]): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) throw unknownNameError('UNKNOWN_OPTION', 'search option', k, keys);
}

/** Normalised halving options; factor defaults to 3 and minResource to 'exhaust', as scikit-learn's. */
export function checkHalvingOptions(o: Record<string, unknown>): HalvingSearchOptions {
  checkKeys(o, HALVING_KEYS);
  const factor = checkFactor(o.factor ?? 3);
  const resource = checkResource(o.resource ?? 'rows');
  const mr = o.minResource ?? 'exhaust';
  const minResource: MinResources = mr === 'exhaust' || mr === 'smallest' ? mr : positiveInt('minResource', mr, 'INVALID_MIN_RESOURCE');
  const maxResource = o.maxResource === undefined ? undefined : positiveInt('maxResource', o.maxResource, 'INVALID_MAX_RESOURCE');
  if (typeof minResource === 'number' && maxResource !== undefined && minResource > maxResource) {
    throw new TuneError('MIN_RESOURCE_TOO_LARGE', `search.minResource (${minResource}) must not exceed maxResource (${maxResource}).`, {
      minResources: minResource,
      maxResources: maxResource,
    });
  }
  const trials = o.trials === undefined ? undefined : positiveInt('trials', o.trials, 'INVALID_TRIALS');
  if (o.aggressiveElimination !== undefined && typeof o.aggressiveElimination !== 'boolean') {
    throw new TuneError('INVALID_HALVING', `search.aggressiveElimination must be true or false, got ${String(o.aggressiveElimination)}.`);
  }
  return {
    strategy: 'halving',
    ...(trials !== undefined ? { trials } : {}),
    factor,
    resource,
    minResource,
    ...(maxResource !== undefined ? { maxResource } : {}),
    aggressiveElimination: o.aggressiveElimination === true,
    resume: checkResume(o.resume),
  };
}

/** Normalised Hyperband options: maxResource is required (Li et al.'s R), factor defaults to 3, minResource to 1. */
export function checkHyperbandOptions(o: Record<string, unknown>): HyperbandSearchOptions {
  checkKeys(o, HYPERBAND_KEYS);
  const factor = checkFactor(o.factor ?? 3);
  const resource = checkResource(o.resource);
  if (o.maxResource === undefined) {
    throw new TuneError(
      'INVALID_MAX_RESOURCE',
      "Hyperband needs search.maxResource, the most a candidate may get (e.g. { strategy: 'hyperband', resource: 'epochs', maxResource: 81 }).",
    );
  }
  const maxResource = positiveInt('maxResource', o.maxResource, 'INVALID_MAX_RESOURCE');
  const minResource = o.minResource === undefined ? 1 : positiveInt('minResource', o.minResource, 'INVALID_MIN_RESOURCE');
  if (minResource > maxResource) {
    throw new TuneError('MIN_RESOURCE_TOO_LARGE', `search.minResource (${minResource}) must not exceed maxResource (${maxResource}).`, {
      minResources: minResource,
      maxResources: maxResource,
    });
  }
  return { strategy: 'hyperband', factor, resource, maxResource, minResource, resume: checkResume(o.resume) };
}

/**
 * A resource the model does not have is a TuneError: `budgeted` lists the model's resources besides rows and
 * folds, which every supervised model has (e.g. ['epochs'] for SGD and MLP; [] for KNN).
 */
export function checkResourceForModel(resource: BudgetResource, model: string, budgeted: readonly BudgetResource[]): void {
  if (resource === 'rows' || resource === 'folds' || budgeted.includes(resource)) return;
  throw new TuneError(
    'RESOURCE_NOT_SUPPORTED',
    `Model '${model}' has no '${resource}' resource (it does not train in ${resource}). ` +
      `Use resource: 'rows' or 'folds'${budgeted.length ? `, or one of: ${budgeted.join(', ')}` : ''}.`,
    { resource, model },
  );
}
