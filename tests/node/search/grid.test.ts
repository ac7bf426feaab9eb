import { describe, expect, it } from 'vitest';
import { createStrategy } from '../../../src/search';
import { compileSpace, int } from '../../../src/space';

const space = compileSpace({ a: [1, 2], b: int(1, 3) });
const order = [
  { a: 1, b: 1 },
  { a: 1, b: 2 },
  { a: 1, b: 3 },
  { a: 2, b: 1 },
  { a: 2, b: 2 },
  { a: 2, b: 3 },
];

describe('grid strategy', () => {
  it('proposes the grid in gridAt order, in batches, then nothing', () => {
    const s = createStrategy({ strategy: 'grid' }, space, 0);
    expect(s.total).toBe(6);
    expect(s.propose(4, [])).toEqual(order.slice(0, 4));
    expect(s.propose(4, [])).toEqual(order.slice(4));
    expect(s.propose(4, [])).toEqual([]);
  });

  it('is capped by trials', () => {
    const s = createStrategy({ strategy: 'grid', trials: 4 }, space, 0);
    expect(s.total).toBe(4);
    expect(s.propose(100, [])).toEqual(order.slice(0, 4));
    expect(s.propose(100, [])).toEqual([]);
    expect(createStrategy({ strategy: 'grid', trials: 60 }, space, 0).total).toBe(6);
  });

  it('does not depend on the seed or the history', () => {
    const history = [{ number: 0, params: { a: 1, b: 1 }, value: 0.9, state: 'complete' as const }];
    expect(createStrategy({ strategy: 'grid' }, space, 123).propose(6, history)).toEqual(order);
  });

  it('accepts max = 0 and Infinity, and rejects other bad max', () => {
    const s = createStrategy({ strategy: 'grid' }, space, 0);
    expect(s.propose(0, [])).toEqual([]);
    expect(s.propose(Infinity, [])).toEqual(order);
    for (const max of [-1, 1.5, Number.NaN]) expect(() => s.propose(max, [])).toThrow(RangeError);
  });

  it('refuses grids too large to index, even with trials', () => {
    const huge = compileSpace({ a: int(0, 2 ** 30), b: int(0, 2 ** 30) });
    expect(() => createStrategy({ strategy: 'grid', trials: 5 }, huge, 0)).toThrow(
      expect.objectContaining({ code: 'SPACE_TOO_LARGE' }),
    );
  });
});
