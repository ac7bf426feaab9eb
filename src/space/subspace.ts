/**
 * One record of a space, compiled: its dimensions sorted by name (the grid's enumeration order, as in
 * scikit-learn's ParameterGrid) and the mapping back to Params in the order the record listed its names.
 */
import type { Params } from '../types';
import type { Value } from './distributions';
import type { Dimension } from './dimension';
import { countProduct } from './grid-index';

export interface CompiledSubspace {
  /** Names in the order the record listed them; the key order of the Params this sub-space produces. */
  readonly names: readonly string[];
  /** One per name, sorted by name (code-unit order): grid order, last dimension varying fastest. */
  readonly dimensions: readonly Dimension[];
  /** True when every dimension is finite-discrete. */
  readonly discrete: boolean;
  /** Grid points (product of dimension sizes); Infinity when continuous or above Number.MAX_SAFE_INTEGER. */
  readonly size: number;
  /** Params from one value per dimension (in `dimensions` order). */
  toParams(values: readonly Value[]): Params;
}

export function createSubspace(dimensions: readonly Dimension[]): CompiledSubspace {
  const names = dimensions.map((d) => d.name);
  const sorted = dimensions.slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const position = names.map((n) => sorted.findIndex((d) => d.name === n));
  const discrete = sorted.every((d) => d.discrete);
  return {
    names,
    dimensions: sorted,
    discrete,
    size: discrete ? countProduct(sorted.map((d) => d.size)) : Infinity,
    toParams: (values) => {
      const p: Params = {};
      for (let j = 0; j < names.length; j++) p[names[j]] = values[position[j]];
      return p;
    },
  };
}
