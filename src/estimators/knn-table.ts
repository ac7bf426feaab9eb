import type { FoldSide, TrainContext } from './types';
import { rootDistance, type NeighborTable } from './neighbors';
import { lendF64, lendI32 } from '../worker/array-recycler';

/** Scratch budget for one block of query-to-training distances: small enough to stay in a core's L2 cache between
 *  the distance pass that writes it and the selection pass that reads it (and to bound memory on large folds). */
const QUERY_BLOCK_BYTES = 256 * 1024;

/**
 * The neighbour table of `test` against `train` for Minkowski `p`, computed with the wasm kernels and cached per fold:
 * one table of the largest k any candidate needs serves every nNeighbors and both weightings (only the vote differs).
 */
export function neighborTable(ctx: TrainContext, train: FoldSide, test: FoldSide, p: number, k: number): NeighborTable {
  const key = `knn:p=${p}`;
  const cached = ctx.foldCache.get(key) as NeighborTable | undefined;
  if (cached && cached.k >= k) return cached;

  const kTable = Math.min(train.rows, Math.max(k, ctx.hints.kMax ?? k));
  const { wasm, arena } = ctx.kernels;
  const mark = arena.mark();
  try {
    // Queries go in blocks whose distances fit in QUERY_BLOCK_BYTES, whatever the fold size; the table itself is
    // only nTest x k.
    const block = Math.max(1, Math.min(test.rows, Math.floor(QUERY_BLOCK_BYTES / (train.rows * 8))));
    const distPtr = arena.alloc(block * train.rows * 8);
    const idxPtr = arena.alloc(test.rows * kTable * 4);
    const outDistPtr = arena.alloc(test.rows * kTable * 8);
    const rowBytes = test.cols * 8;
    for (let q0 = 0; q0 < test.rows; q0 += block) {
      const nQ = Math.min(block, test.rows - q0);
      const qPtr = test.ptr + q0 * rowBytes;
      if (p === 2) wasm.sqEuclidean(qPtr, nQ, train.ptr, train.rows, train.cols, distPtr);
      else if (p === 1) wasm.manhattan(qPtr, nQ, train.ptr, train.rows, train.cols, distPtr);
      else wasm.minkowskiPow(qPtr, nQ, train.ptr, train.rows, train.cols, p, distPtr);
      wasm.knnTable(distPtr, nQ, train.rows, kTable, idxPtr + q0 * kTable * 4, outDistPtr + q0 * kTable * 8);
    }
    // Copy out: the cache outlives this task's scratch memory (into arrays recycled from fold to fold).
    const n = test.rows * kTable;
    const idx = lendI32(ctx.arrays, n);
    const dist = lendF64(ctx.arrays, n);
    idx.set(arena.i32(idxPtr, n));
    dist.set(arena.f64(outDistPtr, n));
    for (let i = 0; i < dist.length; i++) dist[i] = rootDistance(dist[i], p);
    const table: NeighborTable = { k: kTable, idx, dist };
    ctx.foldCache.set(key, table);
    return table;
  } finally {
    arena.release(mark);
  }
}

interface EveryKVotes {
  table: NeighborTable;
  votes: Float64Array;
}

/**
 * The predictions for nNeighbors = k, taken from one vote over every k = 1..table.k that is computed once per
 * (fold, `key`) and cached on the fold next to the table it was voted from (a larger table, built for a larger k,
 * replaces it). `voteEveryK(kMax)` returns kMax x nQuery predictions, k-major. Costs nQuery x table.k values of
 * memory: the size of the table's distances.
 */
export function predictionsForK(
  ctx: TrainContext,
  table: NeighborTable,
  key: string,
  nQuery: number,
  k: number,
  voteEveryK: (kMax: number) => Float64Array,
): Float64Array {
  if (k < 1 || k > table.k) throw new Error(`predictionsForK: k = ${k} outside the table's 1..${table.k}`);
  const cached = ctx.foldCache.get(key) as EveryKVotes | undefined;
  let votes = cached && cached.table === table ? cached.votes : undefined;
  if (!votes) {
    votes = voteEveryK(table.k);
    ctx.foldCache.set(key, { table, votes } satisfies EveryKVotes);
  }
  return votes.subarray((k - 1) * nQuery, k * nQuery);
}
