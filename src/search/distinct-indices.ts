/**
 * Distinct grid indices in seeded random order, without listing the grid.
 *
 * A lazy Fisher-Yates shuffle over the virtual array [0, size): position p holds `moved.get(p) ?? p`, and
 * positions [0, drawn) hold the indices already returned, so memory is O(drawn) whatever the size. Once `size`
 * indices are out, every index has come exactly once.
 *
 * With `weighted` (the space's own draw, used when it is not uniform over the grid, i.e. with a log int range),
 * indices come from that draw with repeats rejected (sequential sampling without replacement), so log ranges stay
 * log-scaled. After MAX_MISSES consecutive repeats the unseen indices carry little probability mass; from then on
 * they are drawn uniformly, which bounds the cost when trials approach the grid size.
 */
import type { Rng } from '../rng';
import { uniformIndex } from '../space/uniform';

const MAX_MISSES = 32;

export function distinctIndices(size: number, rng: Rng, weighted?: () => number): () => number | undefined {
  const moved = new Map<number, number>(); // position -> index, where it differs from the identity
  const where = new Map<number, number>(); // index -> position, where it differs from the identity
  const at = (p: number): number => moved.get(p) ?? p;
  const positionOf = (v: number): number => where.get(v) ?? v;
  const swap = (p: number, q: number): void => {
    const a = at(p);
    const b = at(q);
    moved.set(p, b);
    where.set(b, p);
    moved.set(q, a);
    where.set(a, q);
  };
  let drawn = 0;
  let useWeighted = weighted !== undefined;

  return () => {
    if (drawn >= size) return undefined;
    if (useWeighted) {
      for (let misses = 0; misses < MAX_MISSES; misses++) {
        const v = weighted!();
        if (positionOf(v) >= drawn) {
          swap(positionOf(v), drawn++);
          return v;
        }
      }
      useWeighted = false;
    }
    const p = drawn + uniformIndex(rng, size - drawn);
    const v = at(p);
    swap(p, drawn++);
    return v;
  };
}
