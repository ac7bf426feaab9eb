/**
 * Index arithmetic for grids too large to list: counts capped at Number.MAX_SAFE_INTEGER, mixed-radix
 * encode/decode (the LAST radix varies fastest, like an odometer), and locating an index among consecutive blocks.
 * All values stay below 2^53, where integer arithmetic on doubles is exact.
 */

/** Product of sizes; Infinity when it exceeds Number.MAX_SAFE_INTEGER or a size is Infinity. */
export function countProduct(sizes: readonly number[]): number {
  let p = 1;
  for (const s of sizes) {
    p *= s;
    if (p > Number.MAX_SAFE_INTEGER) return Infinity;
  }
  return p;
}

/** Sum of sizes; Infinity when it exceeds Number.MAX_SAFE_INTEGER or a size is Infinity. */
export function countSum(sizes: readonly number[]): number {
  let t = 0;
  for (const s of sizes) {
    t += s;
    if (t > Number.MAX_SAFE_INTEGER) return Infinity;
  }
  return t;
}

/** Digits of `i` in the mixed radix `radices`, last digit fastest. Requires 0 <= i < product(radices). */
export function decodeMixedRadix(i: number, radices: readonly number[]): number[] {
  const digits = new Array<number>(radices.length);
  let rest = i;
  for (let j = radices.length - 1; j >= 0; j--) {
    const r = radices[j];
    const digit = rest % r;
    digits[j] = digit;
    // (rest - digit) is an exact multiple of r, so the quotient is an exact integer with no rounding to reason about.
    rest = (rest - digit) / r;
  }
  return digits;
}

/** Inverse of decodeMixedRadix. */
export function encodeMixedRadix(digits: readonly number[], radices: readonly number[]): number {
  let i = 0;
  for (let j = 0; j < radices.length; j++) i = i * radices[j] + digits[j];
  return i;
}

/** Index of the block containing `i`, given each block's first index (`starts`, ascending, starts[0] = 0). */
export function locateBlock(i: number, starts: readonly number[]): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
