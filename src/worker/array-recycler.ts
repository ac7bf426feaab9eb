/**
 * Typed arrays for a worker's fold cache (KNN neighbour tables, every-k votes), recycled from one fold to the next.
 *
 * Why: a KNN search builds a few hundred KB of tables per (fold, p) and drops them when the worker moves to the next
 * fold. Fresh arrays each time left V8 sweeping megabytes of freed ArrayBuffers per search on its background threads,
 * which with every core running a worker took time from the workers (seen in Chromium traces of W1 with 2 workers).
 * Folds of one search have the same few sizes, so arrays lent for one fold fit the next.
 *
 * Contract: an array from f64()/i32() is the caller's until reclaim(), which the worker runtime calls when it drops
 * the fold those arrays were cached for; after that they must not be read (they will be handed out again). Arrays
 * are zero-filled when lent, as fresh ones would be. What is kept for reuse is bounded (MAX_KEPT_BYTES); the rest is
 * left to the garbage collector.
 */
const MAX_KEPT_BYTES = 32 * 2 ** 20;

type Kind = 'f64' | 'i32';
type Lent = Float64Array | Int32Array;

export class ArrayRecycler {
  private readonly free = new Map<string, Lent[]>();
  private lent: { key: string; array: Lent }[] = [];
  private keptBytes = 0;

  f64(length: number): Float64Array {
    return this.take('f64', length, () => new Float64Array(length)) as Float64Array;
  }

  i32(length: number): Int32Array {
    return this.take('i32', length, () => new Int32Array(length)) as Int32Array;
  }

  /** Takes back every array lent since the last reclaim. */
  reclaim(): void {
    for (const { key, array } of this.lent) {
      if (this.keptBytes + array.byteLength > MAX_KEPT_BYTES) continue;
      const list = this.free.get(key);
      if (list) list.push(array);
      else this.free.set(key, [array]);
      this.keptBytes += array.byteLength;
    }
    this.lent = [];
  }

  /** Bytes held for reuse (not lent out). */
  get bytesKept(): number {
    return this.keptBytes;
  }

  private take(kind: Kind, length: number, make: () => Lent): Lent {
    const key = `${kind}:${length}`;
    const reused = this.free.get(key)?.pop();
    let array: Lent;
    if (reused) {
      this.keptBytes -= reused.byteLength;
      reused.fill(0);
      array = reused;
    } else {
      array = make();
    }
    this.lent.push({ key, array });
    return array;
  }
}

/** A recycled array when a recycler is at hand (a fold's trials), else a fresh one (e.g. the refit). */
export function lendF64(arrays: ArrayRecycler | undefined, length: number): Float64Array {
  return arrays ? arrays.f64(length) : new Float64Array(length);
}

export function lendI32(arrays: ArrayRecycler | undefined, length: number): Int32Array {
  return arrays ? arrays.i32(length) : new Int32Array(length);
}
