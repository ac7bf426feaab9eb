/** `search.pruner` ('median' | 'none' | { kind, percentile, startupTrials, warmupSteps, intervalSteps, minTrials }). */
import { TuneError } from '../../errors';
import { createPruner, PRUNER_KINDS } from './create';
import type { PrunerOptions } from './types';

/** `search.pruner` as PrunerOptions (undefined / 'none' -> null); throws INVALID_PRUNER with the fix. */
export function prunerOptions(v: unknown): PrunerOptions | null {
  if (v === undefined || v === 'none') return null;
  let o: PrunerOptions;
  if (typeof v === 'string') {
    if (!(PRUNER_KINDS as readonly string[]).includes(v) || v === 'percentile') {
      throw new TuneError(
        'INVALID_PRUNER',
        `search.pruner must be 'median', 'none', or an object such as { kind: 'percentile', percentile: 25, warmupSteps: 2 }, got ${JSON.stringify(v)}.`,
      );
    }
    o = { kind: v as PrunerOptions['kind'] };
  } else if (v && typeof v === 'object' && !Array.isArray(v)) {
    o = v as PrunerOptions;
  } else {
    throw new TuneError('INVALID_PRUNER', `search.pruner must be 'median', 'none' or an object, got ${String(v)}.`);
  }
  createPruner(o, 'minimize'); // the same checks and messages as at run time
  return o.kind === 'none' ? null : o;
}
