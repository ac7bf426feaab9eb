/**
 * The compiled space: the union of its sub-spaces, enumerable by index and sampleable, without ever listing
 * the grid. Grid order: sub-spaces in the order given; within one, dimensions sorted by name with the last name
 * varying fastest (scikit-learn's ParameterGrid order); choice values in listed order, ranges ascending.
 */
import { TuneError } from '../errors';
import type { Rng } from '../rng';
import type { Params } from '../types';
import type { Value } from './distributions';
import type { CompiledSubspace } from './subspace';
import { countSum, decodeMixedRadix, encodeMixedRadix, locateBlock } from './grid-index';
import { uniform53, uniformIndex } from './uniform';
import { describe } from './validate';

export interface CompiledSpace {
  /** One per record of the spec, in the order given. */
  readonly subspaces: readonly CompiledSubspace[];
  /** True when every dimension of every sub-space is finite-discrete. */
  readonly discrete: boolean;
  /** Grid points, never throwing: Infinity when a dimension is continuous or the count exceeds 2^53 - 1. */
  readonly size: number;
  /** True when the space is discrete and `sample` is uniform over its grid points (no log int range). */
  readonly uniform: boolean;
  /**
   * Number of grid points: the sum over sub-spaces of the product of their dimension sizes.
   * Throws CONTINUOUS_IN_GRID when a dimension is continuous and SPACE_TOO_LARGE above Number.MAX_SAFE_INTEGER.
   */
  gridSize(): number;
  /** The i-th grid point, 0 <= i < gridSize(), by mixed-radix decoding. Out of range: RangeError. */
  gridAt(i: number): Params;
  /**
   * One random draw: log-uniform for log ranges, uniform integers (inclusive) and categorical values otherwise.
   * The sub-space is chosen proportionally to its grid size when the whole space is discrete (so a space without
   * log ranges is sampled uniformly over its grid points), and uniformly otherwise (a continuous sub-space has no
   * size to weigh by).
   */
  sample(rng: Rng): Params;
  /**
   * The grid index of one draw from `sample`'s distribution; consumes the rng exactly like `sample`, so
   * gridAt(sampleIndex(rng)) equals sample(rng) from the same state. Needs an indexable discrete space.
   */
  sampleIndex(rng: Rng): number;
  /** Names of all hyperparameters across sub-spaces, in order of first appearance. */
  names(): string[];
}

function continuousInGrid(where: string, description: string): TuneError {
  return new TuneError(
    'CONTINUOUS_IN_GRID',
    `Grid search needs a finite list of values for every hyperparameter, but ${where} is continuous ` +
      `(${description}). Add a step (float(low, high, { step })), list the values with choice([...]) or a plain ` +
      "array, or use random search ({ strategy: 'random', trials }).",
    { name: where },
  );
}

function spaceTooLarge(): TuneError {
  return new TuneError(
    'SPACE_TOO_LARGE',
    `The grid has more than ${Number.MAX_SAFE_INTEGER} points (Number.MAX_SAFE_INTEGER), too many to index. ` +
      "Narrow the ranges, use coarser steps, or use random search ({ strategy: 'random', trials }).",
  );
}

export function assembleSpace(subspaces: readonly CompiledSubspace[]): CompiledSpace {
  const discrete = subspaces.every((s) => s.discrete);
  const size = discrete ? countSum(subspaces.map((s) => s.size)) : Infinity;
  const indexable = size !== Infinity;
  const uniform = discrete && subspaces.every((s) => s.dimensions.every((d) => d.uniform));
  const starts: number[] = [];
  if (indexable) subspaces.reduce((start, s) => (starts.push(start), start + s.size), 0);
  const radices = subspaces.map((s) => s.dimensions.map((d) => d.size));

  // Proportional weights for a discrete space too large to index: exp(log size - max log size) stays finite.
  const logSizes = subspaces.map((s) => s.dimensions.reduce((acc, d) => acc + Math.log(d.size), 0));
  const maxLog = Math.max(...logSizes);
  const weights = logSizes.map((l) => Math.exp(l - maxLog));
  const totalWeight = weights.reduce((a, b) => a + b, 0);

  const pickSubspace = (rng: Rng): number => {
    if (subspaces.length === 1) return 0;
    if (!discrete) return uniformIndex(rng, subspaces.length);
    if (indexable) return locateBlock(uniformIndex(rng, size), starts);
    let u = uniform53(rng) * totalWeight;
    for (let s = 0; s < weights.length - 1; s++) {
      u -= weights[s];
      if (u < 0) return s;
    }
    return weights.length - 1;
  };

  const gridSize = (): number => {
    if (!discrete) {
      const s = subspaces.findIndex((sub) => !sub.discrete);
      const d = subspaces[s].dimensions.find((dim) => !dim.discrete)!;
      const where = subspaces.length > 1 ? `space[${s}].${d.name}` : d.name;
      throw continuousInGrid(where, describe(d.distribution));
    }
    if (!indexable) throw spaceTooLarge();
    return size;
  };

  return {
    subspaces,
    discrete,
    size,
    uniform,
    gridSize,
    gridAt: (i) => {
      const n = gridSize();
      if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`grid index ${i} is outside [0, ${n})`);
      const s = locateBlock(i, starts);
      const sub = subspaces[s];
      const digits = decodeMixedRadix(i - starts[s], radices[s]);
      return sub.toParams(sub.dimensions.map((d, j) => d.valueAt(digits[j])));
    },
    sample: (rng) => {
      const sub = subspaces[pickSubspace(rng)];
      const values: Value[] = sub.dimensions.map((d) => d.sample(rng));
      return sub.toParams(values);
    },
    sampleIndex: (rng) => {
      gridSize();
      const s = pickSubspace(rng);
      const digits = subspaces[s].dimensions.map((d) => d.sampleIndex(rng));
      return starts[s] + encodeMixedRadix(digits, radices[s]);
    },
    names: () => [...new Set(subspaces.flatMap((s) => s.names))],
  };
}
