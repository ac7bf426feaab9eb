import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/rng';
import { compileSpace, type Distribution, type SubspaceSpec } from '../../../src/space';
import { decodeMixedRadix, encodeMixedRadix } from '../../../src/space/grid-index';
import {
  admits,
  anyRecordArb,
  choiceArb,
  continuousArb,
  discreteConditionalArb,
  intArb,
  key,
  referenceGrid,
  sameParams,
  steppedFloatArb,
} from './arbitraries';

const seedArb = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const MAX_ENUMERATED = 3000;

describe('space properties', () => {
  it('samples lie inside their distribution (bounds inclusive, integers, step lattice, log ranges positive)', () => {
    const distArb: fc.Arbitrary<Distribution> = fc.oneof(intArb, steppedFloatArb, continuousArb, choiceArb);
    fc.assert(
      fc.property(distArb, seedArb, (d, seed) => {
        const s = compileSpace({ x: d });
        const rng = createRng(seed);
        for (let i = 0; i < 30; i++) {
          const v = s.sample(rng).x;
          if (!admits(d, v)) throw new Error(`${String(v)} is not a value of ${JSON.stringify(d)}`);
        }
      }),
    );
  });

  it('every candidate of any space holds admissible values for the names of one sub-space', () => {
    fc.assert(
      fc.property(fc.array(anyRecordArb, { minLength: 1, maxLength: 3 }), seedArb, (records, seed) => {
        const spec: SubspaceSpec[] = records.map((r, i) => ({ ...r, model: `m${i}` }));
        const s = compileSpace(spec);
        const rng = createRng(seed);
        for (let i = 0; i < 10; i++) {
          const p = s.sample(rng);
          const record = spec[Number(String(p.model).slice(1))];
          expect(Object.keys(p).sort()).toEqual(Object.keys(record).sort());
          for (const [name, v] of Object.entries(p)) expect(admits(record[name], v)).toBe(true);
        }
      }),
    );
  });

  it('gridAt matches a naive ParameterGrid enumeration and is a bijection onto the grid', () => {
    fc.assert(
      fc.property(discreteConditionalArb, (spec) => {
        const s = compileSpace(spec);
        fc.pre(s.size <= MAX_ENUMERATED);
        expect(s.discrete).toBe(true);
        const reference = referenceGrid(spec);
        expect(s.gridSize()).toBe(reference.length);
        const keys = new Set<string>();
        for (let i = 0; i < reference.length; i++) {
          const p = s.gridAt(i);
          if (!sameParams(p, reference[i])) throw new Error(`gridAt(${i}) = ${key(p)}, expected ${key(reference[i])}`);
          keys.add(key(p));
        }
        expect(keys.size).toBe(reference.length);
        expect(() => s.gridAt(reference.length)).toThrow(RangeError);
      }),
    );
  });

  it('sample and gridAt(sampleIndex) agree from the same rng state', () => {
    fc.assert(
      fc.property(discreteConditionalArb, seedArb, (spec, seed) => {
        const s = compileSpace(spec);
        fc.pre(s.size !== Infinity);
        const a = createRng(seed);
        const b = createRng(seed);
        for (let i = 0; i < 10; i++) {
          const index = s.sampleIndex(b);
          expect(Number.isInteger(index) && index >= 0 && index < s.gridSize()).toBe(true);
          expect(s.sample(a)).toEqual(s.gridAt(index));
        }
      }),
    );
  });

  it('mixed-radix decode and encode are inverse', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 5 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (radices, u) => {
        const size = radices.reduce((a, b) => a * b, 1);
        const i = Math.floor(u * size);
        const digits = decodeMixedRadix(i, radices);
        digits.forEach((d, j) => expect(d >= 0 && d < radices[j]).toBe(true));
        expect(encodeMixedRadix(digits, radices)).toBe(i);
      }),
    );
  });
});
