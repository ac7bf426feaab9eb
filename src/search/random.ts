/**
 * Random search: `trials` seeded draws, never repeating a candidate.
 * - Discrete space with an indexable grid: distinct grid indices (see distinct-indices.ts); with trials >= grid
 *   size, every grid point exactly once in a seeded shuffled order.
 * - Otherwise: plain draws with repeats skipped (a continuous draw practically never repeats, but a conditional
 *   space may mix a finite sub-space, e.g. [{ model: 'linear-regression' }, { model: 'ridge', alpha: float(...) }]).
 *   After MAX_REPEATS consecutive repeats the space is treated as exhausted (a continuous range too narrow to hold
 *   `trials` distinct numbers) and the strategy stops early.
 */
import type { Rng } from '../rng';
import type { CompiledSpace } from '../space';
import type { Params } from '../types';
import { distinctIndices } from './distinct-indices';
import { paramsKey } from './params-key';
import { strategyFromSequence } from './sequence';
import type { SearchStrategy } from './types';

const MAX_REPEATS = 10_000;

export function createRandomStrategy(space: CompiledSpace, trials: number, rng: Rng): SearchStrategy {
  if (space.discrete && space.size !== Infinity) {
    const total = Math.min(trials, space.size);
    const nextIndex = distinctIndices(space.size, rng, space.uniform ? undefined : () => space.sampleIndex(rng));
    let produced = 0;
    return strategyFromSequence(total, () => {
      if (produced >= total) return undefined;
      produced++;
      return space.gridAt(nextIndex()!);
    });
  }
  const seen = new Set<string>();
  return strategyFromSequence(trials, (): Params | undefined => {
    if (seen.size >= trials) return undefined;
    for (let repeats = 0; repeats < MAX_REPEATS; repeats++) {
      const p = space.sample(rng);
      const key = paramsKey(p);
      if (!seen.has(key)) {
        seen.add(key);
        return p;
      }
    }
    return undefined;
  });
}
