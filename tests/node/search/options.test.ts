import { describe, expect, it } from 'vitest';
import { createStrategy, type SearchOptions } from '../../../src/search';
import { compileSpace, float, int } from '../../../src/space';
import { thrown } from '../../helpers/thrown';

const space = compileSpace({ k: int(1, 5) });

describe('search options', () => {
  it('rejects an unknown strategy, suggesting the closest name', () => {
    const e = thrown(() => createStrategy({ strategy: 'randm', trials: 5 } as unknown as SearchOptions, space, 1), 'UNKNOWN_STRATEGY');
    expect(e.message).toMatch(/Unknown strategy 'randm'\. Did you mean 'random'\? Valid strategies: grid, random, tpe, gp/);
    expect(thrown(() => createStrategy({} as SearchOptions, space, 1), 'UNKNOWN_STRATEGY').message).toMatch(/'undefined'/);
  });

  it('needs trials for random search, saying how to pass them', () => {
    const e = thrown(() => createStrategy({ strategy: 'random' } as SearchOptions, space, 1), 'INVALID_TRIALS');
    expect(e.message).toMatch(/pass \{ strategy: 'random', trials: 60 \}/);
  });

  it('rejects trials that are not integers >= 1, on random and grid', () => {
    for (const trials of [0, -3, 2.5, Number.NaN, Infinity, '5']) {
      for (const strategy of ['random', 'grid'] as const) {
        const e = thrown(() => createStrategy({ strategy, trials } as SearchOptions, space, 1), 'INVALID_TRIALS');
        expect(e.message).toMatch(/search\.trials must be an integer >= 1.*got /);
      }
    }
  });

  it('rejects options that are not an object', () => {
    for (const options of [null, 'grid', ['grid']]) {
      expect(thrown(() => createStrategy(options as unknown as SearchOptions, space, 1), 'INVALID_SEARCH').message).toMatch(
        /\{ strategy: 'grid' \} or \{ strategy: 'random', trials: 60 \}/,
      );
    }
  });

  it('rejects a seed that is not an integer', () => {
    for (const seed of [Number.NaN, 1.5, Infinity]) {
      thrown(() => createStrategy({ strategy: 'random', trials: 3 }, space, seed), 'INVALID_SEED');
    }
  });

  it('refuses a grid over a continuous space when the strategy is created', () => {
    const e = thrown(() => createStrategy({ strategy: 'grid' }, compileSpace({ alpha: float(0, 1) }), 1), 'CONTINUOUS_IN_GRID');
    expect(e.message).toMatch(/step.*choice\(\[\.\.\.\]\).*random search/s);
  });
});
