/** `search.pruner` -> a Pruner. 'median' is Optuna's MedianPruner (percentile 50); 'none' never prunes. */
import { TuneError, unknownNameError } from '../../errors';
import { checkPercentileRule, percentilePruner } from './percentile';
import type { Direction, Pruner, PrunerKind, PrunerOptions } from './types';

export const PRUNER_KINDS: readonly PrunerKind[] = ['median', 'percentile', 'none'];

const NEVER: Pruner = { shouldPrune: () => false };

export function createPruner(options: PrunerOptions, direction: Direction): Pruner {
  if (direction !== 'maximize' && direction !== 'minimize') {
    throw new TuneError('INVALID_DIRECTION', `direction must be 'maximize' or 'minimize', got ${String(direction)}.`, {
      value: direction,
    });
  }
  switch (options.kind) {
    case 'none':
      return NEVER;
    case 'median':
      if (options.percentile !== undefined && options.percentile !== 50) {
        throw new TuneError(
          'INVALID_PRUNER',
          `The median pruner uses percentile 50; got percentile ${options.percentile}. Use kind 'percentile' for another.`,
          { option: 'percentile', value: options.percentile },
        );
      }
      return percentilePruner(checkPercentileRule({ ...options, percentile: 50 }), direction);
    case 'percentile':
      return percentilePruner(checkPercentileRule(options), direction);
    default:
      throw unknownNameError('INVALID_PRUNER', 'pruner', String((options as { kind: unknown }).kind), PRUNER_KINDS);
  }
}
