/** The executor's store of training states between rungs (src/runner/checkpoints.ts): pure, bounded, take-once. */
import { describe, it, expect } from 'vitest';
import { CheckpointStore, approxBytes } from '../../../src/runner/checkpoints';

describe('CheckpointStore', () => {
  it('hands a state out once, per (candidate, slot)', () => {
    const store = new CheckpointStore();
    const a = { w: new Float64Array(4) };
    expect(store.put(1, 0, a)).toBe(true);
    store.put(1, 1, { w: new Float64Array(2) });
    expect(store.take(1, 0)).toBe(a);
    expect(store.take(1, 0)).toBeNull();
    expect(store.take(2, 1)).toBeNull();
    expect(store.take(1, 1)).not.toBeNull();
    expect(store.bytes).toBe(0);
  });

  it('counts bytes, replaces an older state, drops a candidate, refuses what exceeds the bound', () => {
    const store = new CheckpointStore(1000);
    const big = { w: new Float64Array(100) }; // 800 bytes + 16 + 0
    expect(approxBytes(big)).toBe(816);
    expect(store.put(0, 0, big)).toBe(true);
    expect(store.bytes).toBe(816);
    expect(store.put(0, 0, big)).toBe(true); // replacing frees the old one first
    expect(store.bytes).toBe(816);
    expect(store.put(1, 0, big)).toBe(false);
    expect(store.take(1, 0)).toBeNull();
    store.put(0, 1, { n: 1 });
    store.drop(0, 2);
    expect(store.bytes).toBe(0);
  });

  it('approxBytes: typed arrays by length, scalars 8, containers summed', () => {
    expect(approxBytes(new Int32Array(5))).toBe(20);
    expect(approxBytes(3)).toBe(8);
    expect(approxBytes([1, 2])).toBe(16 + 16);
    expect(approxBytes({ a: new Float64Array(1), b: [new Int32Array(2)] })).toBe(16 + 8 + 16 + 8);
  });
});
