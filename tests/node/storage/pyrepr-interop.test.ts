/** Our json.dumps against CPython's on random values (floats of every magnitude, odd strings). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pyDumps, pyFloat } from '../../../src/storage/journal/pyjson';
import { PYTHON, requireComponent, runPython } from '../../helpers/components';
import { existsSync } from 'node:fs';

const python = requireComponent('python3-optuna', existsSync(PYTHON));

describe.runIf(python)("json.dumps parity with CPython's", () => {
  it('writes every float and string exactly as Python does', () => {
    const doubles = fc.sample(fc.double({ noNaN: false }), { numRuns: 3000, seed: 42 });
    const ints = fc.sample(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), { numRuns: 200, seed: 43 });
    const strings = fc.sample(fc.string({ unit: 'binary', maxLength: 12 }), { numRuns: 300, seed: 44 });
    // Floats travel as their bit patterns, so Python sees exactly our doubles.
    const bits = doubles.map((d) => {
      const v = new DataView(new ArrayBuffer(8));
      v.setFloat64(0, d);
      return v.getBigUint64(0).toString(16).padStart(16, '0');
    });
    const script = `
import json, struct, sys
data = json.loads(sys.stdin.read())
floats = [struct.unpack('>d', bytes.fromhex(h))[0] for h in data['bits']]
print(json.dumps(floats))
print(json.dumps(data['ints']))
print(json.dumps(data['strings']))
`;
    const input = JSON.stringify({ bits, ints, strings });
    const out = runPython(script, [], input).split('\n');
    expect(pyDumps(doubles.map(pyFloat))).toBe(out[0]);
    expect(pyDumps(ints)).toBe(out[1]);
    expect(pyDumps(strings)).toBe(out[2]);
  });
});
