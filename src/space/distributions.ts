/**
 * Distributions: validated plain data describing the values of one hyperparameter.
 *
 * They are plain objects with a `kind` discriminant (no classes, no methods), so they survive structuredClone,
 * postMessage and JSON. `compileSpace` validates them again, so a hand-written or cloned object is held to the
 * same rules as one made by these helpers.
 */
import { checkChoice, checkFloat, checkInt, contradictoryOptions } from './validate';

import type { ParamValue } from '../types';

/**
 * A hyperparameter value: what a candidate can hold for one name. A scalar, or an array of scalars (e.g. one
 * hiddenLayerSizes candidate [128, 64]); arrays are compared by content and frozen once validated.
 */
export type Value = ParamValue;

export interface IntDistribution {
  readonly kind: 'int';
  /** Inclusive bounds (safe integers). */
  readonly low: number;
  readonly high: number;
  /** Lattice step: values are low, low + step, ... up to the largest one <= high. 1 unless given. */
  readonly step: number;
  /** Sampled log-uniformly (needs low >= 1; a grid still enumerates every integer). */
  readonly log: boolean;
}

export interface FloatDistribution {
  readonly kind: 'float';
  /** Inclusive bounds (finite). */
  readonly low: number;
  readonly high: number;
  /** null: continuous (random search only). A number: the grid low, low + step, ... <= high (with tolerance). */
  readonly step: number | null;
  /** Sampled log-uniformly (needs low > 0). */
  readonly log: boolean;
}

export interface ChoiceDistribution {
  readonly kind: 'choice';
  /** Distinct values, in the order they are enumerated. */
  readonly values: readonly Value[];
}

export type Distribution = IntDistribution | FloatDistribution | ChoiceDistribution;

/**
 * One sub-space: each name maps to a distribution, a plain array (listed values, same as choice) or a plain value
 * (a constant). A plain array whose elements are arrays lists array values: `hiddenLayerSizes: [[64], [128, 64]]` is
 * two candidates, `[[64, 32]]` one; a plain array of scalars lists scalars (so `[64, 32]` is two scalar values).
 */
export type SubspaceSpec = { readonly [name: string]: Distribution | readonly Value[] | Value };

/** A space: one sub-space, or an array of sub-spaces (a conditional space: the union of its sub-spaces). */
export type SpaceSpec = SubspaceSpec | readonly SubspaceSpec[];

export interface IntOptions {
  /** Positive integer lattice step (default 1). */
  step?: number;
  /** Sample log-uniformly; needs low >= 1 and no step. */
  log?: boolean;
}

export interface FloatOptions {
  /** Makes the range a finite grid low, low + step, ... <= high. */
  step?: number;
  /** Sample log-uniformly; needs low > 0 and no step. */
  log?: boolean;
}

/** Inclusive integer range, e.g. int(1, 30) or int(16, 512, { log: true }). Throws TuneError on bad bounds. */
export function int(low: number, high: number, opts: IntOptions = {}): IntDistribution {
  if (opts.log === true && opts.step !== undefined) throw contradictoryOptions('int()');
  return Object.freeze(checkInt({ kind: 'int', low, high, step: opts.step ?? 1, log: opts.log ?? false }, 'int()'));
}

/** Real range, continuous unless a step is given, e.g. float(1e-4, 1, { log: true }). Throws TuneError on bad bounds. */
export function float(low: number, high: number, opts: FloatOptions = {}): FloatDistribution {
  if (opts.log === true && opts.step !== undefined) throw contradictoryOptions('float()');
  return Object.freeze(
    checkFloat({ kind: 'float', low, high, step: opts.step ?? null, log: opts.log ?? false }, 'float()'),
  );
}

/** Listed values, tried in the given order by a grid and drawn uniformly by random search. Values may be arrays of
 *  scalars (choice([[64], [128, 64]])); two arrays with the same content are the same value. */
export function choice(values: readonly Value[]): ChoiceDistribution {
  const checked = checkChoice(values, 'choice()');
  return Object.freeze({ kind: 'choice', values: Object.freeze(checked.values.slice()) });
}
