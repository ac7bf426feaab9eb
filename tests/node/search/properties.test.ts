import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStrategy } from '../../../src/search';
import { compileSpace } from '../../../src/space';
import { anyRecordArb, discreteConditionalArb, key } from '../space/arbitraries';

const seedArb = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const MAX_ENUMERATED = 3000;

describe('search properties', () => {
  it('random search on a discrete space never repeats, and with trials >= size covers every point once', () => {
    fc.assert(
      fc.property(discreteConditionalArb, fc.integer({ min: 1, max: 400 }), seedArb, (spec, trials, seed) => {
        const space = compileSpace(spec);
        fc.pre(space.size <= MAX_ENUMERATED);
        const s = createStrategy({ strategy: 'random', trials }, space, seed);
        const size = space.gridSize();
        expect(s.total).toBe(Math.min(trials, size));
        const got = s.propose(trials, []);
        expect(got).toHaveLength(Math.min(trials, size));
        const keys = got.map(key);
        expect(new Set(keys).size).toBe(keys.length);
        if (trials >= size) {
          const grid = Array.from({ length: size }, (_, i) => key(space.gridAt(i)));
          expect([...keys].sort()).toEqual(grid.sort());
        }
        expect(s.propose(1, [])).toEqual([]);
      }),
    );
  });

  it('random search never repeats on any space and proposes `trials` candidates unless the space is smaller', () => {
    fc.assert(
      fc.property(fc.array(anyRecordArb, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 60 }), seedArb, (records, trials, seed) => {
        const space = compileSpace(records.map((r, i) => ({ ...r, model: `m${i}` })));
        const got = createStrategy({ strategy: 'random', trials }, space, seed).propose(trials, []);
        expect(new Set(got.map(key)).size).toBe(got.length);
        if (!space.discrete) expect(got).toHaveLength(trials);
      }),
    );
  });

  it('same seed, same proposals, whatever the batch sizes', () => {
    fc.assert(
      fc.property(
        fc.array(anyRecordArb, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 40 }),
        seedArb,
        fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 10 }),
        (records, trials, seed, batches) => {
          const space = compileSpace(records.map((r, i) => ({ ...r, model: `m${i}` })));
          const whole = createStrategy({ strategy: 'random', trials }, space, seed).propose(trials, []);
          const s = createStrategy({ strategy: 'random', trials }, space, seed);
          const pieces = batches.flatMap((b) => s.propose(b, []));
          pieces.push(...s.propose(trials, []));
          expect(pieces).toEqual(whole);
        },
      ),
    );
  });

  it('different seeds give different proposals when the space leaves room', () => {
    fc.assert(
      fc.property(fc.array(anyRecordArb, { minLength: 1, maxLength: 3 }), seedArb, seedArb, (records, a, b) => {
        fc.pre(a !== b);
        const space = compileSpace(records.map((r, i) => ({ ...r, model: `m${i}` })));
        // With at least 50 candidates and 8 trials, two seeds agreeing on the whole ordered sequence is
        // astronomically unlikely.
        fc.pre(!space.discrete || space.size >= 50);
        const first = createStrategy({ strategy: 'random', trials: 8 }, space, a).propose(8, []);
        const second = createStrategy({ strategy: 'random', trials: 8 }, space, b).propose(8, []);
        expect(first.map(key)).not.toEqual(second.map(key));
      }),
    );
  });
});
