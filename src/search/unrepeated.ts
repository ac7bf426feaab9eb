/**
 * The shell every model-based strategy shares (TPE, GP): proposal t gets its own generator from (seed, stream, t);
 * a finite space is never repeated (a repeat is redrawn up to REDRAWS times from the model, then drawn at random,
 * then the first unseen grid point); once every point has been proposed, the strategy is exhausted. The model itself
 * is `propose(view, rng)`.
 */
import { createRng, deriveSeed, type Rng } from '../rng';
import type { CompiledSpace } from '../space';
import type { Params } from '../types';
import { paramsKey } from './params-key';
import { proposeMany } from './sequence';
import type { SearchStrategy, StrategyView } from './types';

const REDRAWS = 8;
const RANDOM_TRIES = 1000;
/** Above this many points a finite space is not enumerated to find an unseen one (the random tries found none). */
const ENUMERATE_LIMIT = 1_000_000;

export function unrepeatedStrategy(
  space: CompiledSpace,
  settings: { trials: number; lag: number },
  seed: number,
  stream: number,
  propose: (view: StrategyView, rng: Rng) => Params,
): SearchStrategy {
  let t = 0;
  let exhausted = false;
  /** Keys of the params objects proposed here (the views hand the same objects back): a proposal costs one key per
   *  new object instead of one per trial so far. */
  const own = new WeakMap<Params, string>();
  const seenKeys = (view: StrategyView): Set<string> => {
    const seen = new Set<string>();
    for (const r of view.told) seen.add(own.get(r.params) ?? paramsKey(r.params));
    for (const p of view.pending) seen.add(own.get(p) ?? paramsKey(p));
    return seen;
  };

  const ask = (view: StrategyView): Params | undefined => {
    if (exhausted || t >= settings.trials) return undefined;
    const rng = createRng(deriveSeed(seed, stream, t++));
    const seen = seenKeys(view);
    if (space.size !== Infinity && seen.size >= space.size) {
      exhausted = true;
      return undefined;
    }
    const fresh = (p: Params): Params | undefined => {
      const key = paramsKey(p);
      if (seen.has(key)) return undefined;
      own.set(p, key);
      return p;
    };
    for (let i = 0; i < REDRAWS; i++) {
      const p = fresh(propose(view, rng));
      if (p) return p;
    }
    for (let i = 0; i < RANDOM_TRIES; i++) {
      const p = fresh(space.sample(rng));
      if (p) return p;
    }
    if (space.size !== Infinity && space.size <= ENUMERATE_LIMIT) {
      for (let i = 0; i < space.size; i++) {
        const p = fresh(space.gridAt(i));
        if (p) return p;
      }
      exhausted = true;
    }
    return undefined;
  };

  return {
    total: Math.min(settings.trials, space.size),
    lag: settings.lag,
    ask,
    propose: (max) => proposeMany(() => ask({ told: [], pending: [] }), max),
  };
}
