/** Turns a pull-one-candidate function into a non-adaptive SearchStrategy (it ignores every view: lag Infinity). */
import type { Params } from '../types';
import type { SearchStrategy } from './types';

export function strategyFromSequence(total: number | undefined, next: () => Params | undefined): SearchStrategy {
  let exhausted = false;
  const ask = (): Params | undefined => {
    if (exhausted) return undefined;
    const p = next();
    if (p === undefined) exhausted = true;
    return p;
  };
  return {
    total,
    lag: Infinity,
    ask,
    propose: (max) => proposeMany(ask, max),
  };
}

/** Up to `max` results of `ask()` until it returns undefined. */
export function proposeMany(ask: () => Params | undefined, max: number): Params[] {
  if (!(max >= 0) || (!Number.isInteger(max) && max !== Infinity)) {
    throw new RangeError(`propose(max) needs an integer max >= 0 (or Infinity), got ${max}`);
  }
  const out: Params[] = [];
  while (out.length < max) {
    const p = ask();
    if (p === undefined) break;
    out.push(p);
  }
  return out;
}
