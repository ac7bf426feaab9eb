/**
 * Exact uniform draws on top of Rng.next(). `rng.int(n)` scales one 32-bit draw, which is slightly biased for
 * large n and cannot reach indices above 2^32; grids can have up to 2^53 points, so indices are drawn here by
 * rejection over 32 or 53 random bits instead.
 */
import type { Rng } from '../rng';

const TWO_21 = 2 ** 21;
const TWO_32 = 2 ** 32;
const TWO_53 = 2 ** 53;

/** 32 uniform bits: `next()` is a 32-bit integer divided by 2^32, so scaling back is exact. */
function u32(rng: Rng): number {
  return Math.floor(rng.next() * TWO_32);
}

/** Uniform float in [0, 1) with 53 bits of resolution (two draws). */
export function uniform53(rng: Rng): number {
  return (u32(rng) * TWO_21 + Math.floor(rng.next() * TWO_21)) / TWO_53;
}

/** Uniform integer in [0, n) for any safe integer n >= 1, without modulo bias. n = 1 consumes nothing. */
export function uniformIndex(rng: Rng, n: number): number {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`uniformIndex needs a safe integer n >= 1, got ${n}`);
  if (n === 1) return 0;
  if (n <= TWO_32) {
    const limit = TWO_32 - (TWO_32 % n);
    for (;;) {
      const x = u32(rng);
      if (x < limit) return x % n;
    }
  }
  const limit = TWO_53 - (TWO_53 % n);
  for (;;) {
    const x = u32(rng) * TWO_21 + Math.floor(rng.next() * TWO_21);
    if (x < limit) return x % n;
  }
}
