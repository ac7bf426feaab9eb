/** Grid search: the grid points in gridAt order (see src/space/space.ts), optionally capped at `trials`. */
import type { CompiledSpace } from '../space';
import { strategyFromSequence } from './sequence';
import type { SearchStrategy } from './types';

/** Throws CONTINUOUS_IN_GRID or SPACE_TOO_LARGE (from gridSize) when the space cannot be enumerated. */
export function createGridStrategy(space: CompiledSpace, trials?: number): SearchStrategy {
  const total = Math.min(space.gridSize(), trials ?? Infinity);
  let i = 0;
  return strategyFromSequence(total, () => (i < total ? space.gridAt(i++) : undefined));
}
