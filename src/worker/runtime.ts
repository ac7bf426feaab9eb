import type { DatasetMessage, RefitOutcome, RefitTask, Scaler, TrialFailure, TrialOutcome, TrialTask, WorkerApi, WorkerStats, Preprocess } from './protocol';
import type { FoldSide, TrainContext } from '../estimators/types';
import { createKernels, type Kernels, type WasmSource } from './kernels';
import { getEstimator } from '../estimators/registry';
import { getMetric } from '../metrics/index';
import { fitScaler, applyScaler } from './standardize';
import { ArrayRecycler } from './array-recycler';

interface ResidentDataset {
  msg: Omit<DatasetMessage, 'X'>;
  /** Address of X in wasm memory (the only copy this worker keeps). */
  ptr: number;
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
 * The state of one worker: its wasm instance, the datasets resident in wasm memory, and the current fold
 * (gathered, optionally standardised, with a cache for work shared by candidates on that fold).
 * Arena layout: [datasets...][current fold train|test][per-task scratch].
 */
export class WorkerRuntime implements WorkerApi {
  private kernelsOrNull: Kernels | null = null;
  private readonly datasets = new Map<string, ResidentDataset>();
  private datasetsTop = 0;
  private fold: MaterialisedFold | null = null;
  /** Arrays of the current fold's cache, taken back when the fold is dropped. */
  private readonly arrays = new ArrayRecycler();

  /** Compiles the kernels. Called once per worker, first; `wasm` overrides the embedded binary. */
  init(wasm?: WasmSource): void {
    if (this.kernelsOrNull) return;
    this.kernelsOrNull = createKernels(wasm);
    this.datasetsTop = this.kernelsOrNull.arena.mark();
  }

  private get kernels(): Kernels {
    if (!this.kernelsOrNull) this.init();
    return this.kernelsOrNull!;
  }

  loadDataset(ds: DatasetMessage): void {
    if (this.datasets.has(ds.id)) this.dropDataset(ds.id);
    const arena = this.kernels.arena;
    this.dropFold();
    const ptr = arena.allocF64(ds.X);
    this.datasetsTop = arena.mark();
    const { X: _x, ...meta } = ds;
    this.datasets.set(ds.id, { msg: meta, ptr });
  }

  dropDataset(id: string): void {
    if (!this.datasets.has(id)) return;
    this.dropFold();
    this.datasets.delete(id);
    // Compact: move the remaining datasets down in address order so the arena stays LIFO.
    const arena = this.kernels.arena;
    const bytes = new Uint8Array(arena.memory.buffer);
    const kept = [...this.datasets.values()].sort((a, b) => a.ptr - b.ptr);
    arena.release(arena.start);
    for (const d of kept) {
      const len = d.msg.rows * d.msg.cols * 8;
      const dst = arena.alloc(len);
      if (dst !== d.ptr) bytes.copyWithin(dst, d.ptr, d.ptr + len);
      d.ptr = dst;
    }
    this.datasetsTop = arena.mark();
  }

  runTrial(task: TrialTask, warm?: { value: unknown }): TrialOutcome {
    const ds = this.dataset(task.datasetId);
    const est = getEstimator(task.model);
    const fold = this.materialise(ds, task.split, task.fold, task.preprocess);
    const ctx: TrainContext = {
      kernels: this.kernels,
      foldCache: fold.cache,
      seed: task.seed,
      hints: task.hints,
      classes: ds.msg.classes,
      needsProba: task.metrics.some((m) => getMetric(m).needsProba),
      arrays: this.arrays,
      warm,
    };
    const arena = this.kernels.arena;
    const mark = arena.mark();
    try {
      const t0 = now();
      const pred = est.trainer.evaluate(ctx, fold.train, fold.test, task.params);
      const t1 = now();
      const scores: Record<string, number> = {};
      const X =
        task.metrics.some((m) => getMetric(m).needsX)
          ? { values: arena.f64(fold.test.ptr, fold.test.rows * fold.test.cols).slice(), rows: fold.test.rows, cols: fold.test.cols }
          : undefined;
      for (const name of task.metrics) {
        scores[name] = getMetric(name).compute({
          yTrue: fold.test.y,
          yPred: pred.yPred,
          proba: pred.proba,
          classes: pred.classes,
          X,
          centroids: pred.centroids,
          seed: task.seed,
        });
      }
      return { scores, fitMs: t1 - t0, scoreMs: now() - t1 };
    } finally {
      arena.release(mark);
    }
  }

  runTrials(tasks: TrialTask[]): (TrialOutcome | TrialFailure)[] {
    return this.runEach(tasks, undefined);
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
        { kernels: this.kernels, foldCache: new Map(), seed: task.seed, hints: {}, classes: ds.msg.classes },
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
    if (this.fold) this.kernels.arena.release(this.datasetsTop);
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
      for (let i = 0; i < rows; i++) if (foldIds[i] === foldNo) nTest++;
      trainIdx = new Int32Array(rows - nTest);
      testIdx = new Int32Array(nTest);
      for (let i = 0, a = 0, b = 0; i < rows; i++) {
        if (foldIds[i] === foldNo) testIdx[b++] = i;
        else trainIdx[a++] = i;
      }
    }
    // Rows are gathered straight into their arena blocks (no JS-side copy): a fold is ~a dataset's worth of bytes,
    // and fresh JS buffers of that size per materialisation cost page faults on every fold switch. Both blocks are
    // allocated before any view is taken, because growing memory detaches views.
    const trainPtr = arena.alloc(trainIdx.length * cols * 8);
    const testPtr = testIdx === trainIdx ? trainPtr : arena.alloc(testIdx.length * cols * 8);
    const src = arena.f64(ds.ptr, rows * cols);
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
