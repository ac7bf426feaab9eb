/**
 * Scrambled Halton points in [0, 1)^d: the radical inverse of the index in the j-th prime base, with every digit
 * position of every dimension passed through its own random permutation of the digits (random digit scrambling).
 * All digit positions down to double precision are permuted (also the leading zeros of small indices), which
 * removes the strong correlations plain Halton has between dimensions with large bases.
 * Used for the acquisition's starting candidates (Optuna uses scrambled Sobol; Halton needs no direction-number
 * tables). Deterministic for the rng state; the rng is consumed only when the generator is created.
 */
import type { Rng } from '../../rng';

export function firstPrimes(count: number): number[] {
  const out: number[] = [];
  for (let c = 2; out.length < count; c++) {
    let prime = true;
    for (const p of out) {
      if (p * p > c) break;
      if (c % p === 0) {
        prime = false;
        break;
      }
    }
    if (prime) out.push(c);
  }
  return out;
}

export interface Halton {
  /** Writes point `index` (0-based) into out (length d). */
  point(index: number, out: Float64Array): Float64Array;
}

export function scrambledHalton(d: number, rng: Rng): Halton {
  const bases = firstPrimes(d);
  // perms[j][k] is the permutation of digit position k in dimension j.
  const perms: Uint16Array[][] = bases.map((b) => {
    const digits = Math.ceil(53 / Math.log2(b));
    const rows: Uint16Array[] = [];
    for (let k = 0; k < digits; k++) {
      const p = new Uint16Array(b);
      for (let t = 0; t < b; t++) p[t] = t;
      rows.push(rng.shuffle(p));
    }
    return rows;
  });
  return {
    point(index, out) {
      for (let j = 0; j < d; j++) {
        const b = bases[j];
        const rows = perms[j];
        let rest = index;
        let scale = 1 / b;
        let v = 0;
        for (let k = 0; k < rows.length; k++) {
          const digit = rest % b;
          rest = (rest - digit) / b;
          v += rows[k][digit] * scale;
          scale /= b;
        }
        out[j] = Math.min(v, 1 - Number.EPSILON / 2);
      }
      return out;
    },
  };
}
