/**
 * Conditional sub-spaces must not share a candidate: a shared one would be tried twice by a grid and would break
 * random search's no-repeat guarantee. Two finite sub-spaces overlap when they have the same names and every name
 * has a value in common. (Sub-spaces with a continuous dimension are not checked: their draws practically never
 * coincide.)
 */
import { TuneError } from '../errors';
import type { Params } from '../types';
import type { Value } from './distributions';
import type { Dimension } from './dimension';
import type { CompiledSubspace } from './subspace';
import { show } from './validate';

/** Values tried per pair of dimensions. Exact whenever the smaller side (within the shared window) is this small. */
const MAX_CHECKED = 1 << 16;

/** Index of the first value >= x for a numeric lattice (int or stepped float); 0 for listed values. */
function firstIndexAtLeast(d: Dimension, x: number): number {
  const dist = d.distribution;
  if (dist.kind === 'choice' || dist.step === null || x <= dist.low) return 0;
  // One index early at most (rounding), never late: an extra value checked is harmless, a skipped one is not.
  return Math.max(0, Math.ceil((x - dist.low) / dist.step) - 1);
}

function numericBounds(d: Dimension): [number, number] {
  const dist = d.distribution;
  return dist.kind === 'choice' ? [-Infinity, Infinity] : [dist.low, dist.high];
}

/** A value both discrete dimensions contain, or undefined. */
function commonValue(a: Dimension, b: Dimension): { value: Value } | undefined {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  const [loA, hiA] = numericBounds(a);
  const [loB, hiB] = numericBounds(b);
  const lo = Math.max(loA, loB);
  const hi = Math.min(hiA, hiB);
  const ascending = small.distribution.kind !== 'choice';
  const start = firstIndexAtLeast(small, lo);
  const end = Math.min(small.size, start + MAX_CHECKED);
  for (let k = start; k < end; k++) {
    const v = small.valueAt(k);
    if (ascending && (v as number) > hi) break;
    if (big.indexOf(v) >= 0) return { value: v };
  }
  return undefined;
}

/** A candidate both sub-spaces produce, or undefined. */
function commonCandidate(a: CompiledSubspace, b: CompiledSubspace): Params | undefined {
  if (!a.discrete || !b.discrete || a.dimensions.length !== b.dimensions.length) return undefined;
  const values: Value[] = [];
  for (let j = 0; j < a.dimensions.length; j++) {
    const da = a.dimensions[j];
    const db = b.dimensions[j];
    if (da.name !== db.name) return undefined;
    const common = commonValue(da, db);
    if (common === undefined) return undefined;
    values.push(common.value);
  }
  return a.toParams(values);
}

export function checkOverlaps(subspaces: readonly CompiledSubspace[]): void {
  for (let i = 0; i < subspaces.length; i++) {
    for (let j = i + 1; j < subspaces.length; j++) {
      const shared = commonCandidate(subspaces[i], subspaces[j]);
      if (shared === undefined) continue;
      const text = Object.entries(shared)
        .map(([k, v]) => `${k}: ${show(v)}`)
        .join(', ');
      throw new TuneError(
        'OVERLAPPING_SUBSPACES',
        `space[${i}] and space[${j}] both contain the candidate { ${text} }, so it would be tried twice. ` +
          'Each candidate must come from one sub-space: give the sub-spaces different constants (e.g. model) ' +
          'or split their value lists.',
        { subspaces: [i, j], params: shared },
      );
    }
  }
}
