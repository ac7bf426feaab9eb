/** Turns a pull-one-candidate function into a SearchStrategy whose output does not depend on batch sizes. */
import type { Params } from '../types';
import type { SearchStrategy } from './types';

export function strategyFromSequence(total: number | undefined, next: () => Params | undefined): SearchStrategy {
  let exhausted = false;
  return {
    total,
    propose(max) {
      if (!(max >= 0) || (!Number.isInteger(max) && max !== Infinity)) {
        throw new RangeError(`propose(max) needs an integer max >= 0 (or Infinity), got ${max}`);
      }
      const out: Params[] = [];
      while (out.length < max && !exhausted) {
        const p = next();
        if (p === undefined) exhausted = true;
        else out.push(p);
      }
      return out;
    },
  };
}
