import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { encodeLabels, encodeWith, decodeLabels, compareCodePoints } from '../../../src/data/labels';
import { normalizeData } from '../../../src/data/normalize';
import { TuneError } from '../../../src/errors';

describe('label encoding: strings and booleans become class indices in sorted order', () => {
  it('sorts distinct strings as numpy does (by code point) and keeps the labels', () => {
    const enc = encodeLabels(['b', 'a', 'B', 'b', 'é', 'a'])!;
    // np.unique(['b','a','B','b','é','a']) -> ['B' 'a' 'b' 'é']
    expect(enc.encoding.classes).toEqual(['B', 'a', 'b', 'é']);
    expect(Array.from(enc.codes)).toEqual([2, 1, 0, 2, 3, 1]);
  });

  it('orders astral characters after U+FFFD-range ones, by code point not UTF-16 unit', () => {
    // '\u{1F600}' (code point 0x1F600) > '\uFFFD' (0xFFFD); its UTF-16 lead unit 0xD83D < 0xFFFD.
    expect(compareCodePoints('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
    expect(['\u{1F600}', '\uFFFD'].sort()).toEqual(['\u{1F600}', '\uFFFD']); // JS's default would be wrong here
    expect(encodeLabels(['\u{1F600}', '\uFFFD'])!.encoding.classes).toEqual(['\uFFFD', '\u{1F600}']);
    expect(compareCodePoints('ab', 'a')).toBeGreaterThan(0);
    expect(compareCodePoints('a', 'a')).toBe(0);
  });

  it('puts false before true', () => {
    const enc = encodeLabels([true, false, true])!;
    expect(enc.encoding.classes).toEqual([false, true]);
    expect(Array.from(enc.codes)).toEqual([1, 0, 1]);
  });

  it('leaves numeric labels to the numeric path (null)', () => {
    expect(encodeLabels([2, 0, 1])).toBeNull();
    expect(encodeLabels(new Float64Array([1, 0]))).toBeNull();
  });

  it('refuses a mix of kinds with a TuneError that names the row', () => {
    expect(() => encodeLabels(['a', 1, 'b'])).toThrow(TuneError);
    try {
      encodeLabels(['a', 'b', null]);
    } catch (e) {
      expect((e as TuneError).code).toBe('DATA_MIXED_LABELS');
      expect((e as TuneError).message).toContain('data.y[2]');
    }
  });

  it('round-trips: decode(encode(y)) === y, and codes follow the label order (property)', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 3 }), { minLength: 1, maxLength: 40 }), (y) => {
      const enc = encodeLabels(y)!;
      expect(decodeLabels(enc.encoding, enc.codes)).toEqual(y);
      expect(Array.from(encodeWith(enc.encoding, y))).toEqual(Array.from(enc.codes));
      for (let i = 0; i < y.length; i++) for (let j = 0; j < y.length; j++) {
        expect(Math.sign(enc.codes[i] - enc.codes[j])).toBe(Math.sign(compareCodePoints(y[i], y[j])));
      }
    }));
  });

  it('encodeWith refuses a label the model never saw', () => {
    const enc = encodeLabels(['x', 'y'])!;
    expect(() => encodeWith(enc.encoding, ['x', 'z'])).toThrow(expect.objectContaining({ code: 'UNKNOWN_LABEL' }));
  });

  it('normalizeData keeps the labels next to the class indices; numbers are unchanged', () => {
    const d = normalizeData({ X: [[1], [2], [3]], y: ['no', 'yes', 'no'] });
    expect(Array.from(d.y!)).toEqual([0, 1, 0]);
    expect(d.labels).toEqual({ classes: ['no', 'yes'] });
    const n = normalizeData({ X: [[1], [2]], y: [5, 7] });
    expect(Array.from(n.y!)).toEqual([5, 7]);
    expect(n.labels).toBeNull();
  });
});
