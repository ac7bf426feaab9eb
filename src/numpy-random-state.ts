/**
 * numpy's legacy `np.random.RandomState` (numpy 1.24, the stream scikit-learn 1.2.1 draws from for an integer
 * random_state), bit for bit: MT19937 seeded as `RandomState(seed)` seeds it, and the draws scikit-learn's
 * KMeans / kmeans_plusplus / GaussianMixture initialisations make. Pure logic; used where a result must start where
 * scikit-learn's does (src/estimators/mixture/init.ts). Everything else in src/ uses the faster sfc32 of rng.ts.
 *
 * Contracts (each checked against numpy by tests/node/rng/numpy-random-state.test.ts):
 * - `numpyRandomState(seed)`: an integer seed in [0, 2^32) goes through `init_genrand` (mt19937_seed), an array of
 *   such integers through `init_by_array`, as numpy's `_legacy_seeding`;
 * - `randomSample()`: `(a >> 5) * 2^26 + (b >> 6)) / 2^53` from two 32-bit outputs (mt19937_next_double);
 *   `uniform(low, high)` is `low + (high - low) * randomSample()`;
 * - `randint(low, high)`: numpy's masked rejection (`random_bounded_uint64_fill` with use_masked, what legacy
 *   randint always uses): the range r = high - 1 - low, mask = the smallest 2^m - 1 >= r, 32-bit outputs & mask
 *   until <= r (r <= 2^32 - 1), else 64-bit outputs (hi << 32 | lo) & mask; r = 0 draws nothing;
 * - `shuffle`: Fisher-Yates from the end, j = random_interval(i) (the same masked rejection on 32-bit outputs);
 *   `permutation(n)` shuffles 0..n-1; `choice(n, size)` without replacement is `permutation(n)[:size]`.
 * Integers are exact up to 2^53 (JS numbers).
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;

export interface NumpyRandomState {
  /** The next raw 32-bit output (mt19937_next / next_uint32). */
  nextUint32(): number;
  /** `random_sample()`: a double in [0, 1) with 53 random bits. */
  randomSample(): number;
  /** `uniform(low, high)` (defaults 0, 1). */
  uniform(low?: number, high?: number): number;
  /** `randint(low, high)`: an integer in [low, high); `randint(high)` is [0, high). */
  randint(lowOrHigh: number, high?: number): number;
  /** `shuffle(a)` in place (numpy's 1-d fast path); returns a. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T;
  /** `permutation(n)`. */
  permutation(n: number): Int32Array;
  /** `choice(n, size, replace=False)` with uniform probabilities. */
  choiceWithoutReplacement(n: number, size: number): Int32Array;
  /** A copy of the 624-word key and the position (numpy's get_state()[1], [2]). */
  state(): { key: Uint32Array; pos: number };
}

function checkWord(v: number, what: string): void {
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`${what} must be an integer in [0, 2^32), got ${v}`);
}

/** init_genrand: key[0] = s, key[i] = 1812433253 * (key[i-1] ^ (key[i-1] >>> 30)) + i (mod 2^32). */
function initGenrand(mt: Uint32Array, seed: number): void {
  mt[0] = seed >>> 0;
  for (let i = 1; i < N; i++) {
    const p = mt[i - 1] ^ (mt[i - 1] >>> 30);
    mt[i] = (Math.imul(1812433253, p) + i) >>> 0;
  }
}

/** init_by_array (Matsumoto and Nishimura's reference, as numpy's mt19937_init_by_array). */
function initByArray(mt: Uint32Array, key: readonly number[]): void {
  initGenrand(mt, 19650218);
  let i = 1;
  let j = 0;
  for (let k = Math.max(N, key.length); k > 0; k--) {
    const p = mt[i - 1] ^ (mt[i - 1] >>> 30);
    mt[i] = ((mt[i] ^ Math.imul(p, 1664525)) + key[j] + j) >>> 0;
    i++;
    j++;
    if (i >= N) {
      mt[0] = mt[N - 1];
      i = 1;
    }
    if (j >= key.length) j = 0;
  }
  for (let k = N - 1; k > 0; k--) {
    const p = mt[i - 1] ^ (mt[i - 1] >>> 30);
    mt[i] = ((mt[i] ^ Math.imul(p, 1566083941)) - i) >>> 0;
    i++;
    if (i >= N) {
      mt[0] = mt[N - 1];
      i = 1;
    }
  }
  mt[0] = 0x80000000;
}

/** Smallest 2^m - 1 >= r, for r < 2^32 (numpy's gen_mask). */
function mask32(r: number): number {
  let m = r >>> 0;
  m |= m >>> 1;
  m |= m >>> 2;
  m |= m >>> 4;
  m |= m >>> 8;
  m |= m >>> 16;
  return m >>> 0;
}

export function numpyRandomState(seed: number | readonly number[]): NumpyRandomState {
  const mt = new Uint32Array(N);
  if (typeof seed === 'number') {
    checkWord(seed, 'RandomState seed');
    initGenrand(mt, seed);
  } else {
    if (seed.length === 0) throw new RangeError('RandomState seed array must be non-empty');
    seed.forEach((v) => checkWord(v, 'RandomState seed entry'));
    initByArray(mt, seed);
  }
  let pos = N;

  const generate = (): void => {
    let kk = 0;
    for (; kk < N - M; kk++) {
      const y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      const y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = (mt[N - 1] & UPPER) | (mt[0] & LOWER);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    pos = 0;
  };

  const nextUint32 = (): number => {
    if (pos === N) generate();
    let y = mt[pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  };

  const randomSample = (): number => {
    const a = nextUint32() >>> 5;
    const b = nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  };

  /** Uniform integer in [0, r] by masked rejection (r exact integer <= 2^53 - 1). */
  const bounded = (r: number): number => {
    if (r === 0) return 0;
    if (r <= 0xffffffff) {
      const m = mask32(r);
      let v: number;
      do v = (nextUint32() & m) >>> 0;
      while (v > r);
      return v;
    }
    // 64-bit path: next_uint64 = (first << 32) | second; the mask keeps the high word's low bits (r < 2^53).
    const hiMask = mask32(Math.floor(r / 4294967296));
    let v: number;
    do {
      const hi = (nextUint32() & hiMask) >>> 0;
      const lo = nextUint32();
      v = hi * 4294967296 + lo;
    } while (v > r);
    return v;
  };

  const rs: NumpyRandomState = {
    nextUint32,
    randomSample,
    uniform: (low = 0, high = 1) => low + (high - low) * randomSample(),
    randint: (lowOrHigh, high) => {
      const low = high === undefined ? 0 : lowOrHigh;
      const hi = high === undefined ? lowOrHigh : high;
      if (!Number.isSafeInteger(low) || !Number.isSafeInteger(hi) || hi <= low || hi - low - 1 > Number.MAX_SAFE_INTEGER) {
        throw new RangeError(`randint needs integers low < high (a range below 2^53), got [${low}, ${hi})`);
      }
      return low + bounded(hi - 1 - low);
    },
    shuffle: (a) => {
      for (let i = a.length - 1; i > 0; i--) {
        const j = bounded(i);
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
      }
      return a;
    },
    permutation: (n) => rs.shuffle(Int32Array.from({ length: n }, (_, i) => i)),
    choiceWithoutReplacement: (n, size) => {
      if (size > n || size < 0) throw new RangeError(`cannot take ${size} of ${n} without replacement`);
      return rs.permutation(n).slice(0, size);
    },
    state: () => ({ key: mt.slice(), pos }),
  };
  return rs;
}
