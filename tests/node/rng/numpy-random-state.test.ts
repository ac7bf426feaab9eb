/**
 * src/numpy-random-state.ts against numpy's legacy RandomState, bit for bit: seeding (integer and array seeds), raw
 * 32-bit outputs across regenerations, random_sample, randint (32- and 64-bit masked rejection, r = 0 drawing
 * nothing), uniform, permutation, choice without replacement, in numpy's call order on one stream
 * (tests/fixtures/reference/wave2/numpy_random_state.json, scripts/fixtures/numpy_random_state.py).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { numpyRandomState, type NumpyRandomState } from '../../../src/numpy-random-state';

interface Op {
  op: 'nextUint32' | 'randomSample' | 'randint' | 'uniform' | 'permutation' | 'choiceWithoutReplacement';
  args: number[];
  value: number[];
}
interface Case {
  seed: number | number[];
  key_head: number[];
  key_last: number;
  pos: number;
  ops: Op[];
}

const fixture = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../fixtures/reference/wave2/numpy_random_state.json', import.meta.url)), 'utf8'),
) as { numpy: string; cases: Case[] };

function replay(rs: NumpyRandomState, op: Op): number[] {
  switch (op.op) {
    case 'nextUint32':
      return Array.from({ length: op.args[0] }, () => rs.nextUint32());
    case 'randomSample':
      return Array.from({ length: op.args[0] }, () => rs.randomSample());
    case 'randint':
      return op.value.map(() => (op.args.length === 1 ? rs.randint(op.args[0]) : rs.randint(op.args[0], op.args[1])));
    case 'uniform':
      return op.value.map(() => rs.uniform(op.args[0], op.args[1]));
    case 'permutation':
      return Array.from(rs.permutation(op.args[0]));
    case 'choiceWithoutReplacement':
      return Array.from(rs.choiceWithoutReplacement(op.args[0], op.args[1]));
  }
}

describe(`numpy ${fixture.numpy} legacy RandomState, bit for bit`, () => {
  for (const c of fixture.cases) {
    const label = Array.isArray(c.seed) ? `init_by_array of ${c.seed.length} words` : `seed ${c.seed}`;
    it(`${label}: state after seeding and ${c.ops.length} operations in call order`, () => {
      const rs = numpyRandomState(c.seed);
      const st = rs.state();
      expect(Array.from(st.key.subarray(0, 8))).toEqual(c.key_head);
      expect(st.key[623]).toBe(c.key_last);
      expect(st.pos).toBe(c.pos);
      for (const op of c.ops) expect(replay(rs, op), `${op.op}(${op.args.join(', ')})`).toEqual(op.value);
    });
  }

  it('randint(1) draws nothing (numpy returns low without touching the stream)', () => {
    const a = numpyRandomState(7);
    const b = numpyRandomState(7);
    expect(a.randint(1)).toBe(0);
    expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it('rejects seeds numpy rejects', () => {
    expect(() => numpyRandomState(-1)).toThrow(RangeError);
    expect(() => numpyRandomState(2 ** 32)).toThrow(RangeError);
    expect(() => numpyRandomState(1.5)).toThrow(RangeError);
    expect(() => numpyRandomState([])).toThrow(RangeError);
    expect(() => numpyRandomState(0).randint(3, 3)).toThrow(RangeError);
  });
});
