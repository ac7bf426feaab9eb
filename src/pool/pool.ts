import * as Comlink from 'comlink';
import type { Platform, SpawnOptions, WorkerHandle } from '../platform/types';
import type { DatasetMessage, WorkerApi } from '../worker/protocol';
import { TuneError, asError } from '../errors';
import type { Matrix } from '../types';
import type { FeatureInput } from '../data/normalize';
import { ResidentRows, KEEP_IDLE_BYTES } from './resident-rows';
import { DeathWatch } from './death-watch';
import { splitRun, type TaskRun } from './task-run';

export type { TaskRun } from './task-run';

export type WorkerRemote = Comlink.Remote<WorkerApi>;

/** One unit of work. The pool knows nothing of models: it loads the dataset, then calls `run` on some worker. */
export interface PoolTask<R> {
  /** Tasks with the same key share per-worker caches (e.g. one CV fold); the scheduler keeps them together. Keys are
   *  ':'-separated, most general part first (tune(): split:fold:model:shareKey): a worker moving on to another group
   *  prefers, among equally heavy ones, the group sharing the most leading parts with its last (the same fold, which
   *  stays materialised). */
  affinity: string;
  /** Relative expected cost (any unit, e.g. epochs x rows). Longest tasks go first so no worker is left with a long
   *  tail while others idle (LPT scheduling); tasks without a cost count as 1. */
  cost?: number;
  /** What a job's runBatch sends for this task (e.g. its TrialTask). */
  payload?: unknown;
  /** Lets runBatch tell kinds of task apart (tune(): warm-started chains are one call each). Tasks of different
   *  kinds must not share an affinity: a batch is taken from one affinity queue. */
  kind?: string;
  run(api: WorkerRemote): Promise<R>;
}

export interface PoolJob<R> {
  dataset: DatasetMessage;
  tasks: PoolTask<R>[];
  /** Called once per task, in completion order, with its result or the error that ended it, and where and when it
   *  ran (a batch's span is divided among its tasks: splitRun). Timing facts only: a search must not act on them. */
  onResult(index: number, result: R | Error, run: TaskRun): void;
  /** Called when every task so far has reported: more tasks (indices continue), or none to end the job.
   *  This is how a search adds rounds (adaptive strategies) and the refit without reloading the dataset. */
  next?(): PoolTask<R>[];
  /** Called after each result while other tasks are still queued or running: tasks that result made possible (an
   *  adaptive strategy's next candidates), or none. Optional; `next` still closes the job when everything reported. */
  more?(): PoolTask<R>[];
  /** Runs several tasks of one affinity in one worker call (results in order, an Error for each task that failed).
   *  Optional: without it every task is its own call. */
  runBatch?(api: WorkerRemote, tasks: PoolTask<R>[]): Promise<(R | Error)[]>;
  /** The milliseconds a result spent computing inside the worker (e.g. fit + score), when it says. Lets the timing
   *  model tell a task's own pace from message round trips and set-up: without it, a batch of one fast task measures
   *  mostly the round trip, and a pace inflated 50x makes sharing a group look worth a second set-up. */
  workMs?(result: R): number | undefined;
  /** Polled before each dispatch: when true, queued tasks are dropped (running ones finish) and the job then ends
   *  as if drained, so `next` still runs (budgets such as timeoutMs stop a search without losing finished work). */
  shouldStop?(): boolean;
  signal?: AbortSignal;
}

export interface PoolOptions extends SpawnOptions {
  /** Number of workers, or 'auto' (the platform's core count). */
  workers?: number | 'auto';
  /** Terminate all workers after this many idle milliseconds (0 = never). Default pools use this; user pools do not. */
  idleTimeoutMs?: number;
  /** Wasm module or bytes to use instead of the embedded kernels. */
  wasm?: WebAssembly.Module | ArrayBuffer | Uint8Array;
  /**
   * Start every worker now (spawned, kernels compiled) instead of at the first search, so the first tune() on this
   * pool does not pay for it. `await pool.ready()` waits until they are up. Default false (workers start on demand).
   */
  warm?: boolean;
}

/** wasm32 addresses at most 4 GiB (65536 pages of 64 KiB). */
const MAX_WASM_BYTES = 2 ** 32;
/** A worker holds the dataset and one materialised fold (its train + test rows: another full copy). */
const WASM_COPIES_PER_WORKER = 2;
/** Leaves room for per-task scratch (distance blocks, Gram matrices, model state). */
const MAX_DATASET_BYTES = Math.floor((MAX_WASM_BYTES - 256 * 2 ** 20) / WASM_COPIES_PER_WORKER);

function datasetBytes(ds: DatasetMessage): number {
  return ds.rows * ds.cols * 8;
}

function formatBytes(n: number): string {
  return n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(1)} GiB` : `${(n / 2 ** 20).toFixed(1)} MiB`;
}

/** A batch of tasks should take about this long: long enough to amortise a message, short enough for progress. */
const BATCH_TARGET_MS = 20;
const MAX_BATCH = 64;

const ema = (old: number | null, x: number): number => (old === null ? x : 0.7 * old + 0.3 * x);

/**
 * Updates the job's timing model from one finished batch: a batch on a group the worker was already on measures the
 * per-task pace (the first such batch sets it outright: set-up can make an early estimate 100x too high, and an EMA
 * would take dozens of batches to forget it); the first batch on a new group measures set-up, its time beyond the
 * pace (all of it while no pace is known, an overestimate that only makes stealing more cautious).
 * `work` holds each task's in-worker time when the job reports it: the pace is then taken from those (in a first
 * batch, from its tasks after the first, which carries the set-up), so round trips count as set-up, not as pace.
 */
function recordTiming(job: ActiveJob<unknown>, tasks: number, ms: number, fresh: boolean, work: number[] | null): void {
  if (work && work.length === tasks) {
    const paced = fresh ? work.slice(1) : work;
    if (paced.length > 0) job.paceMs = ema(job.paceMs, paced.reduce((a, b) => a + b, 0) / paced.length);
    if (fresh) job.setupMs = ema(job.setupMs, Math.max(0, ms - tasks * (job.paceMs ?? 0)));
    return;
  }
  if (fresh) job.setupMs = ema(job.setupMs, Math.max(0, ms - tasks * (job.paceMs ?? 0)));
  else job.paceMs = ema(job.paceMs, ms / tasks);
}

/** In-worker times of a batch's outcomes, or null unless the job reports one for every task. */
function workTimes(job: ActiveJob<unknown>, outcomes: unknown[]): number[] | null {
  const measure = job.job.workMs;
  if (!measure) return null;
  const out: number[] = [];
  for (const o of outcomes) {
    const w = o instanceof Error ? undefined : measure(o);
    if (w === undefined || !Number.isFinite(w) || w < 0) return null;
    out.push(w);
  }
  return out;
}

/** Retries a task once when its worker dies under it, then records it as failed. */
const MAX_ATTEMPTS = 2;

interface Slot {
  /** Its place in the pool (TaskRun.worker). */
  index: number;
  handle: WorkerHandle;
  api: WorkerRemote;
  /** Every call to the worker is raced against its death, so a dead worker never hangs a promise. */
  death: DeathWatch;
  /** Settles when the worker has answered init (kernels compiled and instantiated), or died. */
  ready: Promise<void>;
  alive: boolean;
  busy: boolean;
  datasets: Set<string>;
  /** Ids of the rows this worker holds (sent once, kept across searches until the pool drops them). */
  rows: Set<string>;
  /** The group (affinity) of the job this worker last ran; only meaningful within that job (another job has
   *  another dataset, so nothing the worker cached for it carries over). */
  affinity: string | null;
  job: ActiveJob<unknown> | null;
}

interface QueuedTask<R> {
  index: number;
  task: PoolTask<R>;
  attempts: number;
}

interface ActiveJob<R> {
  job: PoolJob<R>;
  queues: Map<string, QueuedTask<R>[]>;
  remaining: number;
  /** Tasks added so far (the next task's index). */
  added: number;
  /** At most this many workers run this job's tasks at once (tune()'s `workers` option). */
  maxWorkers: number;
  /** shouldStop() has fired and the queue was dropped. */
  stopped: boolean;
  running: Map<Slot, QueuedTask<R>[]>;
  /** Measured mean milliseconds per task once a worker is set up on a group (EMA), or null before one reports. */
  paceMs: number | null;
  /** Measured extra time of the first batch a worker runs on a group (materialising a fold, building a neighbour
   *  table...): what joining a group another worker holds costs. EMA, or null before one reports. */
  setupMs: number | null;
  finished: boolean;
  resolve(): void;
  reject(err: Error): void;
}

/**
 * A pool of workers on one platform. Scheduling: a free worker keeps draining the affinity queue it was on (its
 * fold stays materialised and cached); otherwise it takes the largest queue no other worker holds, else helps with
 * the largest one. Jobs from several concurrent tune() calls are served round-robin.
 */
export class WorkerPool {
  readonly size: number;
  private readonly slots: (Slot | null)[];
  private readonly jobs: ActiveJob<unknown>[] = [];
  private rr = 0;
  private disposed = false;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  /** Rows kept between searches (see ResidentRows). */
  private readonly resident = new ResidentRows();

  constructor(
    private readonly platform: Platform,
    private readonly options: PoolOptions = {},
  ) {
    const w = options.workers ?? 'auto';
    if (w !== 'auto' && !(Number.isInteger(w) && w >= 1)) {
      throw new TuneError('INVALID_WORKERS', `workers must be a positive integer or 'auto', got ${String(w)}.`);
    }
    this.size = w === 'auto' ? platform.defaultWorkers() : w;
    this.slots = new Array<Slot | null>(this.size).fill(null);
    if (options.warm) {
      for (let i = 0; i < this.size; i++) this.spawn(i);
      this.maybeIdle();
    }
  }

  /**
   * Starts any worker not running yet and resolves once every one has its kernels ready: call it (or create the pool
   * with warm: true) while the page or process has time, so the first search starts at full speed.
   */
  async ready(): Promise<void> {
    if (this.disposed) throw new TuneError('POOL_DISPOSED', 'This pool was disposed; create a new one.');
    const slots = this.slots.map((s, i) => (s && s.alive ? s : this.spawn(i)));
    await Promise.all(slots.map((s) => s.ready));
    this.maybeIdle();
  }

  /** Workers currently alive (spawned lazily, on demand). */
  get liveWorkers(): number {
    return this.slots.filter((s) => s?.alive).length;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Rows this pool already holds that equal `input` (data.X in any accepted form), with their id: a search on them
   * skips copying and sending them. Null when none match.
   */
  residentRows(input: FeatureInput): { id: string; matrix: Matrix } | null {
    const e = this.resident.find(input);
    return e ? { id: e.id, matrix: e.matrix } : null;
  }

  /** An id for rows this pool does not hold yet (the job's DatasetMessage.rowsId). */
  newRowsId(): string {
    return this.resident.newId();
  }

  /** Runs every task of the job; resolves when all have reported, rejects on abort or dispose. */
  run<R>(job: PoolJob<R>, maxWorkers = this.size): Promise<void> {
    if (this.disposed) return Promise.reject(new TuneError('POOL_DISPOSED', 'This pool was disposed; create a new one.'));
    if (job.signal?.aborted) return Promise.reject(abortError(job.signal));
    this.clearIdleTimer();
    return new Promise<void>((resolve, reject) => {
      const active: ActiveJob<R> = {
        job,
        queues: new Map(),
        remaining: 0,
        added: 0,
        maxWorkers: Math.max(1, Math.min(maxWorkers, this.size)),
        stopped: false,
        running: new Map(),
        paceMs: null,
        setupMs: null,
        finished: false,
        resolve,
        reject,
      };
      enqueue(active, job.tasks);
      if (active.remaining === 0 && !refill(active)) return resolve();
      const onAbort = (): void => this.abortJob(active as ActiveJob<unknown>, abortError(job.signal!));
      job.signal?.addEventListener('abort', onAbort, { once: true });
      const cleanup = (): void => job.signal?.removeEventListener('abort', onAbort);
      active.resolve = () => {
        cleanup();
        resolve();
      };
      active.reject = (e) => {
        cleanup();
        reject(e);
      };
      const bytes = datasetBytes(job.dataset);
      if (bytes > MAX_DATASET_BYTES) {
        cleanup();
        reject(
          new TuneError(
            'DATA_TOO_LARGE',
            `The dataset needs about ${formatBytes(bytes * WASM_COPIES_PER_WORKER)} of WebAssembly memory per worker ` +
              `(the rows plus one materialised fold), more than the ${formatBytes(MAX_WASM_BYTES)} a wasm32 instance can ` +
              'address. Subsample the rows or reduce the features before tuning.',
            { bytes },
          ),
        );
        return;
      }
      const ds = job.dataset;
      if (!ds.X) {
        cleanup();
        reject(new Error(`pool: the job's dataset '${ds.id}' carries no rows`));
        return;
      }
      // A large dataset first makes room: idle rows kept from earlier searches go (workers hold them in wasm memory).
      if (bytes > KEEP_IDLE_BYTES / 2) this.dropRows(this.resident.trim(bytes));
      this.resident.acquire(ds.rowsId, { values: ds.X, rows: ds.rows, cols: ds.cols });
      this.jobs.push(active as ActiveJob<unknown>);
      this.pump();
    });
  }

  /** Terminates every worker; running jobs reject with POOL_DISPOSED. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clearIdleTimer();
    for (const job of [...this.jobs]) {
      this.finishJob(job, new TuneError('POOL_DISPOSED', 'The pool was disposed while a search was running.'));
    }
    for (let i = 0; i < this.slots.length; i++) {
      this.slots[i]?.handle.terminate();
      this.slots[i] = null;
    }
    this.resident.clear();
  }

  /** Tells the workers holding these rows to free them. */
  private dropRows(ids: string[]): void {
    for (const id of ids) {
      for (const s of this.slots) {
        if (s?.alive && s.rows.delete(id)) void s.death.race(s.api.dropRows(id)).catch(() => undefined);
      }
    }
  }

  /** Starts queued tasks on free workers (lowest slots first, so warm workers are reused), spawning as needed. */
  private pump(): void {
    if (this.disposed) return;
    for (let i = 0; i < this.size; i++) {
      const existing = this.slots[i];
      if (existing?.busy) continue;
      const pick = this.nextTask(existing ?? null);
      if (!pick) continue;
      const slot = existing && existing.alive ? existing : this.spawn(i);
      void this.execute(slot, pick.job, this.withBatch(pick.job, pick.item));
    }
    this.maybeIdle();
  }

  /**
   * Adds queued tasks of the same affinity to `first` while the job supports batches, up to a size whose measured
   * pace fills about BATCH_TARGET_MS, and never more than a fair share of what is left (so the last batches still
   * spread over every worker). One message per batch instead of per task keeps the main thread from becoming the
   * bottleneck when tasks take well under a millisecond.
   */
  private withBatch(job: ActiveJob<unknown>, first: QueuedTask<unknown>): QueuedTask<unknown>[] {
    const items = [first];
    if (!job.job.runBatch) return items;
    const q = job.queues.get(first.task.affinity);
    if (!q) return items;
    if (job.paceMs === null) {
      // No pace yet: a second task rides along when the job reports work times (its time is the first clean pace
      // sample, saving a round trip) and there is plenty left to share.
      if (job.job.workMs && q.length > 0 && job.remaining >= 4 * job.maxWorkers) items.push(q.shift()!);
      return items;
    }
    const bySpeed = Math.floor(BATCH_TARGET_MS / Math.max(job.paceMs, 1e-3));
    // A group too small for another worker to join (sharing it saves less than that worker's set-up: takeFrom's
    // rule) stays with this worker anyway, so splitting it only adds round trips.
    const unshared = job.setupMs !== null && ((q.length + 1) * job.paceMs) / 2 <= job.setupMs;
    const fairShare = unshared ? MAX_BATCH : Math.ceil(job.remaining / (2 * job.maxWorkers));
    const size = Math.max(1, Math.min(MAX_BATCH, bySpeed, fairShare));
    while (items.length < size && q.length > 0) items.push(q.shift()!);
    return items;
  }

  /**
   * Kills worker `index` as the OS would (its task, if any, is retried once on a fresh worker). For tests of fault
   * tolerance and for recovering a worker stuck in a kernel. Returns false when no worker runs in that slot.
   */
  terminateWorker(index: number): boolean {
    const slot = this.slots[index];
    if (!slot?.alive) return false;
    slot.handle.terminate();
    return true;
  }

  private nextTask(slot: Slot | null): { job: ActiveJob<unknown>; item: QueuedTask<unknown> } | null {
    const n = this.jobs.length;
    for (let t = 0; t < n; t++) {
      const job = this.jobs[(this.rr + t) % n];
      if (job.running.size >= job.maxWorkers) continue;
      const item = this.takeFrom(job, slot?.job === job ? slot.affinity : null);
      if (item) {
        this.rr = (this.rr + t + 1) % Math.max(1, n);
        return { job, item };
      }
    }
    return null;
  }

  private takeFrom(job: ActiveJob<unknown>, preferred: string | null): QueuedTask<unknown> | undefined {
    if (!job.stopped && job.job.shouldStop?.()) {
      // Once: tasks that next() adds afterwards (the refit) still run.
      job.stopped = true;
      this.dropQueued(job);
      return undefined;
    }
    if (preferred !== null) {
      const q = job.queues.get(preferred);
      if (q && q.length > 0) return q.shift();
    }
    const held = new Set<string>();
    // A group stays held by the worker that last ran it even between its batches (it comes straight back for more).
    for (const s of this.slots) if (s?.alive && s.job === job && s.affinity !== null) held.add(s.affinity);
    // Largest remaining work first: a group no worker holds, else help with the heaviest held one — but only when
    // sharing its remaining work saves more than this worker's set-up on it (else the holder finishes it alone).
    // Among equally heavy free groups, the one closest to this worker's last group (see PoolTask.affinity).
    let best: QueuedTask<unknown>[] | undefined;
    let bestFree: QueuedTask<unknown>[] | undefined;
    let bestCost = -1;
    let bestFreeCost = -1;
    let bestFreeNear = -1;
    for (const [key, q] of job.queues) {
      if (q.length === 0) continue;
      let cost = 0;
      for (const item of q) cost += item.task.cost ?? 1;
      if (cost > bestCost) [best, bestCost] = [q, cost];
      if (held.has(key) || cost < bestFreeCost) continue;
      const near = preferred === null ? 0 : sharedComponents(key, preferred);
      if (cost > bestFreeCost || near > bestFreeNear) [bestFree, bestFreeCost, bestFreeNear] = [q, cost, near];
    }
    if (bestFree) return bestFree.shift();
    if (best && job.paceMs !== null && job.setupMs !== null && (best.length * job.paceMs) / 2 <= job.setupMs) return undefined;
    return best?.shift();
  }

  private spawn(i: number): Slot {
    const handle = this.platform.spawn({ workerUrl: this.options.workerUrl });
    const death = new DeathWatch();
    const api = Comlink.wrap<WorkerApi>(handle.endpoint);
    const slot: Slot = {
      index: i, handle, api, death, ready: Promise.resolve(), alive: true, busy: false, datasets: new Set(), rows: new Set(), affinity: null, job: null,
    };
    handle.onExit((reason) => {
      slot.alive = false;
      death.kill(reason);
      if (this.slots[i] === slot) this.slots[i] = null;
    });
    this.slots[i] = slot;
    // The caller's kernels, else the platform's compiled-once module (Node), else each worker compiles the embedded ones.
    const wasm = this.options.wasm ?? this.platform.sharedKernels?.();
    // init is the first message; calls queue behind it in order on the worker side.
    slot.ready = death.race(api.init(wasm)).then(() => undefined, () => undefined);
    return slot;
  }

  private async execute(slot: Slot, job: ActiveJob<unknown>, items: QueuedTask<unknown>[]): Promise<void> {
    const fresh = slot.job !== job || slot.affinity !== items[0].task.affinity;
    slot.busy = true;
    slot.affinity = items[0].task.affinity;
    slot.job = job;
    slot.handle.setBusy(true);
    job.running.set(slot, items);
    for (const item of items) item.attempts++;
    let outcomes: unknown[] = [];
    let failed: Error | null = null;
    let workerDied = false;
    let work: number[] | null = null;
    const t0 = performance.now();
    try {
      const ds = job.job.dataset;
      // The dataset goes out back to back with the first batch, not a round trip before it: the worker handles its
      // messages in order, so the batch finds the rows loaded, and the worker does not wait on this thread, which
      // is at its busiest (and sharing the cores with the workers) while a search starts.
      // The rows go only to a worker that does not hold them yet (from this search or an earlier one on equal rows).
      const sendRows = !slot.rows.has(ds.rowsId);
      const loading = slot.datasets.has(ds.id)
        ? null
        : slot.death.race(slot.api.loadDataset(sendRows ? ds : { ...ds, X: undefined }));
      const batchRun = job.job.runBatch;
      const running: Promise<unknown[]> =
        items.length > 1 && batchRun
          ? slot.death.race(batchRun(slot.api, items.map((i) => i.task)))
          : slot.death.race(items[0].task.run(slot.api)).then((r) => [r]);
      if (loading) {
        // A failed load fails the batch with the load's error; the batch's own rejection is then moot.
        running.catch(() => undefined);
        await loading;
        slot.datasets.add(ds.id);
        slot.rows.add(ds.rowsId);
      }
      outcomes = await running;
      work = workTimes(job, outcomes);
      recordTiming(job, items.length, performance.now() - t0, fresh, work);
    } catch (e) {
      failed = asError(e);
      workerDied = !slot.alive;
    }
    const runs = splitRun({ worker: slot.index, startedAt: t0, finishedAt: performance.now() }, work, items.length);
    job.running.delete(slot);
    slot.busy = false;
    slot.handle.setBusy(false);
    if (job.finished) {
      this.pump();
      return;
    }
    for (let b = 0; b < items.length && !job.finished; b++) {
      const item = items[b];
      if (failed && workerDied && item.attempts < MAX_ATTEMPTS) {
        // The worker died under this task (trap, out of memory, killed): put it back once, on a fresh worker.
        const q = job.queues.get(item.task.affinity) ?? [];
        q.unshift(item);
        job.queues.set(item.task.affinity, q);
        continue;
      }
      job.remaining--;
      const err = failed && workerDied ? new Error(`${failed.message} (task retried ${item.attempts - 1}x)`) : failed;
      try {
        job.job.onResult(item.index, err ?? outcomes[b], runs[b]);
      } catch (e) {
        this.finishJob(job, asError(e));
      }
    }
    if (!job.finished && job.remaining > 0 && job.job.more) {
      try {
        enqueue(job, job.job.more());
      } catch (e) {
        this.finishJob(job, asError(e));
      }
    }
    if (!job.finished && job.remaining === 0) {
      let more = false;
      try {
        more = refill(job);
      } catch (e) {
        this.finishJob(job, asError(e));
      }
      if (!more) this.finishJob(job, null);
    }
    this.pump();
  }

  /** Drops every queued (not running) task; ends the job now if nothing is running. */
  private dropQueued(job: ActiveJob<unknown>): void {
    let dropped = 0;
    for (const q of job.queues.values()) {
      dropped += q.length;
      q.length = 0;
    }
    if (dropped === 0) return;
    job.remaining -= dropped;
    if (job.remaining === 0 && job.running.size === 0) {
      // Let next() add follow-up work (e.g. the refit) once; dispatch happens on the following pump.
      let more = false;
      try {
        more = refill(job);
      } catch (e) {
        this.finishJob(job, asError(e));
        return;
      }
      // Deferred: we are inside pump()'s task selection.
      if (!more) queueMicrotask(() => this.finishJob(job, null));
      else queueMicrotask(() => this.pump());
    }
  }

  private abortJob(job: ActiveJob<unknown>, err: Error): void {
    if (job.finished) return;
    // Kernels cannot be interrupted: terminate the workers running this job's tasks; they respawn lazily.
    for (const slot of job.running.keys()) slot.handle.terminate();
    this.finishJob(job, err);
  }

  private finishJob(job: ActiveJob<unknown>, err: Error | null): void {
    if (job.finished) return;
    job.finished = true;
    const at = this.jobs.indexOf(job);
    if (at >= 0) this.jobs.splice(at, 1);
    const { id, rowsId } = job.job.dataset;
    for (const s of this.slots) {
      if (s?.alive && s.datasets.delete(id)) void s.death.race(s.api.dropDataset(id)).catch(() => undefined);
      // Its workers forget the job: an idle pool would otherwise keep each worker's last job reachable until its next
      // one, with the job's tasks and, through tune()'s callbacks, the whole search (candidates, results, splits).
      if (s?.job === job) {
        s.job = null;
        s.affinity = null;
      }
    }
    // The rows stay in the workers for a later search on equal rows, within ResidentRows' bounds.
    this.dropRows(this.resident.release(rowsId));
    if (err) job.reject(err);
    else job.resolve();
    this.maybeIdle();
  }

  private maybeIdle(): void {
    const timeout = this.options.idleTimeoutMs ?? 0;
    if (timeout <= 0 || this.jobs.length > 0 || this.disposed || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.jobs.length > 0) return;
      for (let i = 0; i < this.slots.length; i++) {
        this.slots[i]?.handle.terminate();
        this.slots[i] = null;
      }
      // The workers took the rows with them; the main-thread copies go too.
      this.resident.clear();
    }, timeout);
    (this.idleTimer as { unref?: () => void }).unref?.();
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

function enqueue<R>(job: ActiveJob<R>, tasks: PoolTask<R>[]): void {
  const touched = new Set<QueuedTask<R>[]>();
  for (const task of tasks) {
    let q = job.queues.get(task.affinity);
    if (!q) job.queues.set(task.affinity, (q = []));
    q.push({ index: job.added++, task, attempts: 0 });
    touched.add(q);
    job.remaining++;
  }
  // Longest first within a queue; stable, so equal costs keep submission order.
  for (const q of touched) {
    if (q.some((item) => item.task.cost !== undefined)) q.sort((a, b) => (b.task.cost ?? 1) - (a.task.cost ?? 1));
  }
}

/** How many leading ':'-separated components two affinity keys have in common. */
function sharedComponents(a: string, b: string): number {
  const pa = a.split(':');
  const pb = b.split(':');
  let n = 0;
  while (n < pa.length && n < pb.length && pa[n] === pb[n]) n++;
  return n;
}

/** Asks the job for more tasks once all have reported; true when it added some. */
function refill<R>(job: ActiveJob<R>): boolean {
  if (job.finished || !job.job.next) return false;
  const more = job.job.next();
  enqueue(job, more);
  return more.length > 0;
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const err = new Error(reason instanceof Error ? reason.message : 'The search was aborted.');
  err.name = 'AbortError';
  return err;
}
