import type {
  DatasetMessage,
  RefitOutcome,
  RefitTask,
  Scaler,
  TrialBatch,
  TrialBatchOutcome,
  TrialFailure,
  TrialOutcome,
  TrialTask,
  WorkerApi,
  WorkerStats,
  Preprocess,
} from './protocol';
import type { FoldSide, Prediction, TrainContext } from '../estimators/types';
import type { Matrix } from '../types';
import { createEpochProbe } from './epoch-probe';
import { createKernels, type Kernels, type WasmSource } from './kernels';
import { getEstimator } from '../estimators/registry';
import { getMetric } from '../metrics/index';
import { fitScaler, applyScaler } from './standardize';
import { ArrayRecycler } from './array-recycler';
import { packOutcomes, trialOf } from './trial-batch';
import { EXCLUDED_ROW } from './protocol';

/** A search's dataset: its labels and splits; the rows are looked up by `msg.rowsId`. */
interface ResidentDataset {
  msg: Omit<DatasetMessage, 'X'>;
}

/** Rows kept in wasm memory across searches (the only copy this worker keeps). */
interface ResidentRows {
  /** Address of X in wasm memory; moves when other rows are freed (compaction). */
  ptr: number;
  rows: number;
  cols: number;
}

interface MaterialisedFold {
  key: string;
  train: FoldSide;
  test: FoldSide;
  scaler: Scaler | null;
  cache: Map<string, unknown>;
}

const now = (): number => performance.now();

/**
 * The state of one worker: its wasm instance, the rows resident in wasm memory, the datasets of running searches
 * (labels and splits over those rows), and the current fold (gathered, optionally standardised, with a cache for work
 * shared by candidates on that fold).
 * Arena layout: [resident rows...][current fold train|test][per-task scratch].
 */
export class WorkerRuntime implements WorkerApi {
  private kernelsOrNull: Kernels | null = null;
  private readonly datasets = new Map<string, ResidentDataset>();
  private readonly residentRows = new Map<string, ResidentRows>();
  private residentTop = 0;
  private fold: MaterialisedFold | null = null;
  /** Arrays of the current fold's cache, taken back when the fold is dropped. */
  private readonly arrays = new ArrayRecycler();

  /** Compiles the kernels. Called once per worker, first; `wasm` overrides the embedded binary. */
  init(wasm?: WasmSource): void {
    if (this.kernelsOrNull) return;
    this.kernelsOrNull = createKernels(wasm);
    this.residentTop = this.kernelsOrNull.arena.mark();
  }

  private get kernels(): Kernels {
    if (!this.kernelsOrNull) this.init();
    return this.kernelsOrNull!;
  }

  loadDataset(ds: DatasetMessage): void {
    const { X, ...meta } = ds;
    if (X) {
      if (X.length !== ds.rows * ds.cols) throw new Error(`worker: rows '${ds.rowsId}' have ${X.length} values, not ${ds.rows} x ${ds.cols}`);
      if (this.residentRows.has(ds.rowsId)) this.dropRows(ds.rowsId);
      const arena = this.kernels.arena;
      this.dropFold();
      const ptr = arena.allocF64(X);
      this.residentTop = arena.mark();
      this.residentRows.set(ds.rowsId, { ptr, rows: ds.rows, cols: ds.cols });
    } else {
      const rows = this.residentRows.get(ds.rowsId);
      if (!rows) throw new Error(`worker: rows '${ds.rowsId}' are not resident (the pool must send them with the dataset)`);
      if (rows.rows !== ds.rows || rows.cols !== ds.cols) {
        throw new Error(`worker: rows '${ds.rowsId}' are ${rows.rows} x ${rows.cols}, the dataset says ${ds.rows} x ${ds.cols}`);
      }
    }
    if (this.datasets.has(ds.id)) this.dropDataset(ds.id);
    this.datasets.set(ds.id, { msg: meta });
  }

  dropDataset(id: string): void {
    if (!this.datasets.delete(id)) return;
    // The materialised fold belongs to one dataset (its labels and splits).
    if (this.fold?.key.startsWith(`${id}|`)) this.dropFold();
  }

  dropRows(rowsId: string): void {
    if (!this.residentRows.has(rowsId)) return;
    this.dropFold();
    this.residentRows.delete(rowsId);
    // Compact: move the remaining rows down in address order so the arena stays LIFO.
    const arena = this.kernels.arena;
    const bytes = new Uint8Array(arena.memory.buffer);
    const kept = [...this.residentRows.values()].sort((a, b) => a.ptr - b.ptr);
    arena.release(arena.start);
    for (const r of kept) {
      const len = r.rows * r.cols * 8;
      const dst = arena.alloc(len);
      if (dst !== r.ptr) bytes.copyWithin(dst, r.ptr, r.ptr + len);
      r.ptr = dst;
    }
    this.residentTop = arena.mark();
  }

  runTrial(task: TrialTask, warm?: { value: unknown }): TrialOutcome {
    const ds = this.dataset(task.datasetId);
    const est = getEstimator(task.model);
    const fold = this.materialise(ds, task.split, task.fold, task.preprocess);
    const ctx: TrainContext = {
      kernels: this.kernels,
      foldCache: fold.cache,
      seed: task.seed,
      slot: { split: task.split, fold: task.fold },
      hints: task.hints,
      classes: ds.msg.classes,
      needsProba: task.metrics.some((m) => getMetric(m).needsProba),
      arrays: this.arrays,
      warm,
      ...(task.checkpoint ? { checkpoint: { from: task.checkpoint.from, keep: task.checkpoint.keep } } : {}),
    };
    const arena = this.kernels.arena;
    const mark = arena.mark();
    try {
      let X: Matrix | undefined;
      const testX = (): Matrix =>
        (X ??= { values: arena.f64(fold.test.ptr, fold.test.rows * fold.test.cols).slice(), rows: fold.test.rows, cols: fold.test.cols });
      const score = (name: string, pred: Prediction): number =>
        getMetric(name).compute({
          yTrue: fold.test.y,
          yPred: pred.yPred,
          proba: pred.proba,
          classes: pred.classes,
          X: getMetric(name).needsX ? testX() : undefined,
          centroids: pred.centroids,
          logLikelihood: pred.logLikelihood,
          nParameters: pred.nParameters,
          seed: task.seed,
        });
      const epochs = task.epochPruning ? createEpochProbe(task.epochPruning, (pred) => score(task.epochPruning!.metric, pred)) : null;
      if (epochs) ctx.epochProbe = epochs.probe;
      const t0 = now();
      const pred = est.trainer.evaluate(ctx, fold.train, fold.test, task.params);
      const t1 = now();
      const scores: Record<string, number> = {};
      for (const name of task.metrics) scores[name] = score(name, pred);
      const outcome: TrialOutcome = { scores, fitMs: t1 - t0, scoreMs: now() - t1 };
      if (ctx.checkpoint?.keep && ctx.checkpoint.out !== undefined) outcome.checkpoint = ctx.checkpoint.out;
      if (epochs) outcome.epochs = epochs.report();
      return outcome;
    } finally {
      arena.release(mark);
    }
  }

  runTrialBatch(batch: TrialBatch): TrialBatchOutcome {
    const tasks = batch.params.map((_, i) => trialOf(batch, i));
    return packOutcomes(batch.metrics, this.runEach(tasks, undefined));
  }

  runPath(tasks: TrialTask[]): (TrialOutcome | TrialFailure)[] {
    return this.runEach(tasks, { value: null });
  }

  /** The trials in order, each failure caught as its own; along a warm-started path, a failure restarts it cold. */
  private runEach(tasks: TrialTask[], warm: { value: unknown } | undefined): (TrialOutcome | TrialFailure)[] {
    return tasks.map((task) => {
      try {
        return this.runTrial(task, warm);
      } catch (e) {
        if (warm) warm.value = null;
        return { error: e instanceof Error ? e.message : String(e) };
      }
    });
  }

  refit(task: RefitTask): RefitOutcome {
    const ds = this.dataset(task.datasetId);
    const est = getEstimator(task.model);
    const fold = this.materialise(ds, -1, 0, task.preprocess);
    const arena = this.kernels.arena;
    const mark = arena.mark();
    try {
      const t0 = now();
      const learned = est.trainer.fit(
        { kernels: this.kernels, foldCache: new Map(), seed: task.seed, hints: task.hints ?? {}, classes: ds.msg.classes },
        fold.train,
        task.params,
      );
      return { learned, scaler: fold.scaler, fitMs: now() - t0 };
    } finally {
      arena.release(mark);
    }
  }

  stats(): WorkerStats {
    return {
      datasets: [...this.datasets.keys()],
      rows: [...this.residentRows.keys()],
      wasmBytes: this.kernels.arena.memory.buffer.byteLength,
      arenaBytes: this.kernels.arena.used(),
    };
  }

  private dataset(id: string): ResidentDataset {
    const ds = this.datasets.get(id);
    if (!ds) throw new Error(`worker: dataset '${id}' is not loaded (the pool must load it before its tasks)`);
    return ds;
  }

  private dropFold(): void {
    if (this.fold) this.kernels.arena.release(this.residentTop);
    this.fold = null;
    this.arrays.reclaim();
  }

  /**
   * Gathers the train and test rows of (split, fold) into contiguous blocks above the datasets, standardised with a
   * scaler fitted on the training rows only. Reused while consecutive tasks ask for the same fold (the pool's fold
   * affinity makes that the common case). split = -1: all rows are both train and test.
   */
  private materialise(ds: ResidentDataset, split: number, foldNo: number, preprocess: Preprocess): MaterialisedFold {
    const key = `${ds.msg.id}|${split}|${foldNo}|${preprocess}`;
    if (this.fold?.key === key) return this.fold;
    this.dropFold();
    const { rows, cols, y } = ds.msg;
    const arena = this.kernels.arena;
    let trainIdx: Int32Array;
    let testIdx: Int32Array;
    if (split < 0) {
      trainIdx = Int32Array.from({ length: rows }, (_, i) => i);
      testIdx = trainIdx;
    } else {
      const foldIds = ds.msg.splits[split];
      if (!foldIds) throw new Error(`worker: dataset '${ds.msg.id}' has no split ${split}`);
      let nTest = 0;
      let nOut = 0;
      for (let i = 0; i < rows; i++) {
        if (foldIds[i] === foldNo) nTest++;
        else if (foldIds[i] === EXCLUDED_ROW) nOut++;
      }
      trainIdx = new Int32Array(rows - nTest - nOut);
      testIdx = new Int32Array(nTest);
      for (let i = 0, a = 0, b = 0; i < rows; i++) {
        if (foldIds[i] === foldNo) testIdx[b++] = i;
        else if (foldIds[i] !== EXCLUDED_ROW) trainIdx[a++] = i;
      }
    }
    // Rows are gathered straight into their arena blocks (no JS-side copy): a fold is ~a dataset's worth of bytes,
    // and fresh JS buffers of that size per materialisation cost page faults on every fold switch. Both blocks are
    // allocated before any view is taken, because growing memory detaches views.
    const trainPtr = arena.alloc(trainIdx.length * cols * 8);
    const testPtr = testIdx === trainIdx ? trainPtr : arena.alloc(testIdx.length * cols * 8);
    const resident = this.residentRows.get(ds.msg.rowsId);
    if (!resident) throw new Error(`worker: the rows of dataset '${ds.msg.id}' are no longer resident`);
    const src = arena.f64(resident.ptr, rows * cols);
    const gather = (idx: Int32Array, ptr: number): Float64Array => {
      const out = arena.f64(ptr, idx.length * cols);
      for (let r = 0; r < idx.length; r++) out.set(src.subarray(idx[r] * cols, idx[r] * cols + cols), r * cols);
      return out;
    };
    const trainX = gather(trainIdx, trainPtr);
    const scaler = preprocess === 'standardize' ? fitScaler(trainX, trainIdx.length, cols) : null;
    if (scaler) applyScaler(trainX, trainIdx.length, cols, scaler);
    const pick = (idx: Int32Array): Float64Array | null => (y ? Float64Array.from(idx, (i) => y[i]) : null);
    const train: FoldSide = { ptr: trainPtr, rows: trainIdx.length, cols, y: pick(trainIdx) };
    let test: FoldSide;
    if (testIdx === trainIdx) {
      test = train;
    } else {
      const testX = gather(testIdx, testPtr);
      if (scaler) applyScaler(testX, testIdx.length, cols, scaler);
      test = { ptr: testPtr, rows: testIdx.length, cols, y: pick(testIdx) };
    }
    this.fold = { key, train, test, scaler, cache: new Map() };
    return this.fold;
  }
}
