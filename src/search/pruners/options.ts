/** Validation of `search.pruner`: 'median' | 'percentile' | 'none', or an object with the pruner's options. */
import { TuneError, unknownNameError } from '../../errors';
import { createPruner, PRUNER_KINDS } from './create';
import type { PrunerOptions } from './types';

const PRUNER_KEYS = ['kind', 'percentile', 'startupTrials', 'warmupSteps', 'intervalSteps', 'minTrials', 'resource'];

/** undefined -> { kind: 'none' }; a name -> its defaults; an object -> checked (same errors as createPruner). */
export function checkPrunerOption(v: unknown): PrunerOptions {
  if (v === undefined) return { kind: 'none' };
  if (typeof v === 'string') {
    if (v === 'percentile') {
      throw new TuneError('INVALID_PRUNER', "The percentile pruner needs a percentile: { kind: 'percentile', percentile: 25 }.");
    }
    if (!(PRUNER_KINDS as readonly string[]).includes(v)) throw unknownNameError('INVALID_PRUNER', 'pruner', v, PRUNER_KINDS);
    return { kind: v as PrunerOptions['kind'] };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new TuneError('INVALID_PRUNER', `search.pruner must be 'median', 'percentile', 'none' or an object, got ${String(v)}.`);
  }
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!PRUNER_KEYS.includes(k)) throw unknownNameError('UNKNOWN_OPTION', 'pruner option', k, PRUNER_KEYS);
  const kind = o.kind;
  if (typeof kind !== 'string' || !(PRUNER_KINDS as readonly string[]).includes(kind)) {
    throw unknownNameError('INVALID_PRUNER', 'pruner', String(kind), PRUNER_KINDS);
  }
  if (o.resource !== undefined && o.resource !== 'folds' && o.resource !== 'epochs') {
    throw new TuneError(
      'INVALID_PRUNER',
      `search.pruner resource must be 'folds' (judge the mean of the folds scored so far) or 'epochs' (judge each fold's ` +
        `score after every training epoch, SGD and MLP models), got ${String(o.resource)}.`,
    );
  }
  const out = { ...(o as unknown as PrunerOptions) };
  createPruner(out, 'maximize'); // the same checks, and the same messages, as at run time
  return out;
}
