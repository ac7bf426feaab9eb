import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pyDumps, pyFloat, pyFloatRepr, pyLoads } from '../../../src/storage/journal/pyjson';
import { decodeText, encodeRecords } from '../../../src/storage/journal/codec';
import { thrown } from '../../helpers/thrown';

describe("Python's json, as Optuna writes journal lines", () => {
  it('writes floats in repr form (values checked by hand against CPython 3.11 repr)', () => {
    const cases: [number, string][] = [
      [3, '3.0'],
      [0.1, '0.1'],
      [1e-5, '1e-05'],
      [0.0001, '0.0001'],
      [1e16, '1e+16'],
      [9999999999999998, '9999999999999998.0'],
      [123456789, '123456789.0'],
      [1.5e-7, '1.5e-07'],
      [-2.5e300, '-2.5e+300'],
      [5e-324, '5e-324'],
      [-0, '-0.0'],
      [NaN, 'NaN'],
      [Infinity, 'Infinity'],
      [-Infinity, '-Infinity'],
      [2.019450244810227e-5, '2.019450244810227e-05'],
    ];
    for (const [x, s] of cases) expect(pyFloatRepr(x)).toBe(s);
  });

  it('writes ", " and ": " separators, ensure_ascii escapes (lower-case hex, surrogate pairs), ints as ints', () => {
    expect(pyDumps({ a: [1, pyFloat(2), null, true], 'é': 'x\ty\u2028z\\"\u{1F600}\u007f' })).toBe(
      '{"a": [1, 2.0, null, true], "\\u00e9": "x\\ty\\u2028z\\\\\\"\\ud83d\\ude00\\u007f"}',
    );
    expect(pyDumps({})).toBe('{}');
    expect(pyDumps([])).toBe('[]');
    expect(pyDumps(new Map([['2', 1], ['1', 2]]))).toBe('{"2": 1, "1": 2}');
  });

  it('reads bare NaN / Infinity / -Infinity, and leaves those words alone inside strings', () => {
    const v = pyLoads('{"a": NaN, "b": [Infinity, -Infinity, -1.5e-3], "s": "NaN, Infinity", "t": "\\u00e9\\n"}') as {
      a: number;
      b: number[];
      s: string;
      t: string;
    };
    expect(Number.isNaN(v.a)).toBe(true);
    expect(v.b).toEqual([Infinity, -Infinity, -0.0015]);
    expect(v.s).toBe('NaN, Infinity');
    expect(v.t).toBe('é\n');
    for (const bad of ['{"a": nan}', '{"a": 1,}', '[1 2]', '"\u0001"', '{"a": Infinit}', '{"a": 1} x', '']) {
      expect(() => pyLoads(bad), bad).toThrow();
    }
  });

  it('round-trips any JSON value with non-finite numbers through dumps and loads', () => {
    const num = fc.oneof(fc.double(), fc.integer());
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        num,
        fc.string({ unit: 'binary' }),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('v'), { maxKeys: 4 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        expect(pyDumps(pyLoads(pyDumps(v)))).toBe(pyDumps(v));
      }),
      { numRuns: 100 },
    );
  });
});

describe('journal text', () => {
  const line = (n: number) => `{"op_code": 0, "worker_id": "w", "study_name": "s${n}", "directions": [1]}`;

  it('tolerates a partial last line and names a corrupt line that is followed by another', () => {
    const ok = `${line(0)}\n${line(1)}\n`;
    expect(decodeText(ok).records).toHaveLength(2);
    expect(decodeText(`${ok}{"op_code": 4, "work`).records).toHaveLength(2);
    expect(decodeText(`${ok}{"op_code": 4, "work\n`).records).toHaveLength(2);
    const err = thrown(() => decodeText(`${line(0)}\n{"op_code": 4, "wo\n${line(2)}\n`), 'JOURNAL_CORRUPT_LINE');
    expect(err.message).toContain('Line 2');
    expect(err.details?.line).toBe(2);
  });

  it('encodes a batch as "\\n"-joined lines with a final newline (append_logs)', () => {
    expect(encodeRecords([{ a: 1 }, { b: pyFloat(NaN) }])).toBe('{"a": 1}\n{"b": NaN}\n');
  });
});
