import { describe, it, expect } from 'vitest';
import { ArrayRecycler } from '../../../src/worker/array-recycler';

describe('ArrayRecycler (fold-cache arrays reused from fold to fold)', () => {
  it('lends distinct zeroed arrays, and after reclaim() lends the same buffers again, zeroed', () => {
    const r = new ArrayRecycler();
    const a = r.f64(4);
    const b = r.f64(4);
    const c = r.i32(4);
    expect(a).not.toBe(b);
    a.fill(7);
    b.fill(8);
    c.fill(9);
    r.reclaim();
    expect(r.bytesKept).toBe(4 * 8 * 2 + 4 * 4);
    const again = [r.f64(4), r.f64(4)];
    expect(again).toContain(a);
    expect(again).toContain(b);
    for (const x of again) expect(Array.from(x)).toEqual([0, 0, 0, 0]);
    const i = r.i32(4);
    expect(i).toBe(c);
    expect(Array.from(i)).toEqual([0, 0, 0, 0]);
    expect(r.bytesKept).toBe(0);
  });

  it('does not hand out an array twice before reclaim, nor one of another type or length', () => {
    const r = new ArrayRecycler();
    const a = r.f64(3);
    r.reclaim();
    expect(r.f64(2)).not.toBe(a); // other length
    expect(r.i32(6)).not.toBe(a); // other type, same bytes
    const first = r.f64(3);
    const second = r.f64(3);
    expect(first).toBe(a);
    expect(second).not.toBe(a);
  });

  it('keeps at most 32 MiB for reuse', () => {
    const r = new ArrayRecycler();
    const big = 3 * 2 ** 20; // 3 Mi values = 24 MiB
    r.f64(big);
    r.f64(big);
    r.reclaim();
    expect(r.bytesKept).toBe(24 * 2 ** 20);
  });
});
