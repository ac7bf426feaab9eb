import { describe, it, expect } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as Comlink from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { WorkerPool, type PoolTask, type WorkerRemote } from '../../../src/pool/pool';
import type { Platform, WorkerHandle } from '../../../src/platform/types';
import type { DatasetMessage, TrialBatch, TrialFailure, TrialOutcome, TrialTask } from '../../../src/worker/protocol';
import { packOutcomes, packTrialBatch, trialOf, unpackOutcomes } from '../../../src/worker/trial-batch';

/**
 * Scheduling tests on an in-process fake platform: each "worker" is a Comlink endpoint on a MessageChannel serving a
 * fake API that records which task ran where and in what order. Deterministic, no threads, no wasm.
 */
interface Call {
  worker: number;
  id: string;
  batch: number;
}

/** setupMs: once per group a worker joins; taskMs: each task (reported as its fitMs); callMs: each message (a round
 *  trip's cost, not reported as work). */
function fakePlatform(
  behaviour: { setupMs?: number; taskMs?: number; callMs?: number; failIds?: string[]; loadMs?: number; loadFails?: number } = {},
) {
  const calls: Call[] = [];
  /** What the workers were sent, in arrival order: 'load' (+rows when X came along), 'load-done', 'batch',
   *  'dropRows:<id>'. */
  const events: string[] = [];
  let loadFailures = behaviour.loadFails ?? 0;
  let spawned = 0;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const platform: Platform = {
    name: 'node',
    defaultWorkers: () => 2,
    spawn(): WorkerHandle {
      const worker = spawned++;
      const { port1, port2 } = new MessageChannel();
      let group: string | null = null;
      const run = async (task: TrialTask, batch: number): Promise<TrialOutcome> => {
        const id = String(task.params.id);
        const g = String(task.params.group);
        // Joining a group costs set-up once per worker (like building a fold's neighbour table).
        if (g !== group) await sleep(behaviour.setupMs ?? 0);
        group = g;
        await sleep(behaviour.taskMs ?? 0);
        calls.push({ worker, id, batch });
        if (behaviour.failIds?.includes(id)) throw new Error(`task ${id} failed`);
        return { scores: { x: Number(task.params.id) }, fitMs: behaviour.taskMs ?? 0, scoreMs: 0 };
      };
      const api = {
        init() {},
        async loadDataset(ds: DatasetMessage) {
          events.push(ds.X ? 'load+rows' : 'load');
          await sleep(behaviour.loadMs ?? 0);
          if (loadFailures > 0) {
            loadFailures--;
            throw new Error('out of memory while loading the dataset');
          }
          events.push('load-done');
        },
        dropDataset() {},
        dropRows(id: string) {
          events.push(`dropRows:${id}`);
        },
        stats: () => ({ datasets: [], wasmBytes: 0, arenaBytes: 0 }),
        runTrial: async (task: TrialTask) => {
          events.push('batch');
          await sleep(behaviour.callMs ?? 0);
          return run(task, 1);
        },
        async runTrialBatch(batch: TrialBatch) {
          events.push('batch');
          await sleep(behaviour.callMs ?? 0);
          const out: (TrialOutcome | TrialFailure)[] = [];
          for (let i = 0; i < batch.params.length; i++) {
            try {
              out.push(await run(trialOf(batch, i), batch.params.length));
            } catch (e) {
              out.push({ error: (e as Error).message });
            }
          }
          return packOutcomes(batch.metrics, out);
        },
        refit() {
          throw new Error('unused');
        },
      };
      Comlink.expose(api, nodeEndpoint(port2));
      const exits: ((e: Error) => void)[] = [];
      return {
        endpoint: nodeEndpoint(port1),
        terminate() {
          port1.close();
          port2.close();
          for (const cb of exits) cb(new Error('worker terminated'));
        },
        setBusy() {},
        onExit: (cb) => exits.push(cb),
      };
    },
  };
  return { platform, calls, events };
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const dataset: DatasetMessage = { id: 'd', rowsId: 'r', X: new Float64Array(2), rows: 1, cols: 2, y: null, classes: null, splits: [] };

function task(id: number, group: string, cost?: number): PoolTask<TrialOutcome> {
  const payload = { params: { id, group }, metrics: ['x'] } as unknown as TrialTask;
  return { affinity: group, cost, payload, run: (api: WorkerRemote) => api.runTrial(payload) };
}

const runBatch = async (api: WorkerRemote, tasks: PoolTask<TrialOutcome>[]) => {
  const packed = packTrialBatch(tasks.map((t) => t.payload as TrialTask));
  return unpackOutcomes(packed.metrics, await api.runTrialBatch(packed)).map((r) => ('error' in r ? new Error(r.error) : r));
};

describe('pool scheduling', () => {
  it('runs the costliest tasks of a group first (LPT), equal costs in submission order', async () => {
    const { platform, calls } = fakePlatform();
    const pool = new WorkerPool(platform, { workers: 1 });
    await pool.run({
      dataset,
      tasks: [task(1, 'g', 1), task(2, 'g', 5), task(3, 'g', 3), task(4, 'g', 5)],
      onResult: () => undefined,
    });
    expect(calls.map((c) => c.id)).toEqual(['2', '4', '3', '1']);
    pool.dispose();
  });

  it('batches fast tasks into one call once their pace is known, and a failing task fails alone', async () => {
    const { platform, calls } = fakePlatform({ failIds: ['7'] });
    const pool = new WorkerPool(platform, { workers: 1 });
    const results = new Map<number, unknown>();
    await pool.run({
      dataset,
      tasks: Array.from({ length: 40 }, (_, i) => task(i, 'g')),
      runBatch,
      onResult: (i, r) => results.set(i, r),
    });
    expect(results.size).toBe(40);
    expect(Math.max(...calls.map((c) => c.batch))).toBeGreaterThan(1); // later calls carried several tasks
    expect(results.get(7)).toBeInstanceOf(Error);
    expect((results.get(7) as Error).message).toBe('task 7 failed');
    for (const [i, r] of results) if (i !== 7) expect(r).toMatchObject({ scores: { x: i } });
    pool.dispose();
  });

  it('keeps each group on one worker when set-up outweighs sharing the rest of a group', async () => {
    const { platform, calls } = fakePlatform({ setupMs: 40, taskMs: 1 });
    const pool = new WorkerPool(platform, { workers: 2 });
    const tasks = ['a', 'b', 'c', 'd'].flatMap((g, gi) => Array.from({ length: 6 }, (_, i) => task(gi * 10 + i, g)));
    await pool.run({ dataset, tasks, onResult: () => undefined });
    const workersOf = (g: string) => new Set(calls.filter((c) => Math.floor(Number(c.id) / 10) === 'abcd'.indexOf(g)).map((c) => c.worker));
    // The first two groups start before any timing is known; after that no group is split.
    expect(workersOf('c').size).toBe(1);
    expect(workersOf('d').size).toBe(1);
    expect(new Set(calls.map((c) => c.worker)).size).toBe(2); // both workers were used
    pool.dispose();
  });

  it('still shares a long group between workers when that beats the set-up', async () => {
    const { platform, calls } = fakePlatform({ setupMs: 5, taskMs: 4 });
    const pool = new WorkerPool(platform, { workers: 2 });
    await pool.run({ dataset, tasks: Array.from({ length: 30 }, (_, i) => task(i, 'only')), onResult: () => undefined });
    expect(new Set(calls.map((c) => c.worker)).size).toBe(2);
    pool.dispose();
  });

  it('takes the pace from reported work times, so slow round trips do not make a group look worth splitting', async () => {
    // Each message costs 15 ms, a task's own work ~0: timed from the outside, a one-task batch looks like a 15 ms
    // task and sharing a 40-task group (~300 ms) would seem to beat a 20 ms set-up. The reported work says otherwise.
    const { platform, calls } = fakePlatform({ setupMs: 20, taskMs: 0, callMs: 15 });
    const pool = new WorkerPool(platform, { workers: 2 });
    const tasks = ['a', 'b', 'c'].flatMap((g, gi) => Array.from({ length: 40 }, (_, i) => task(gi * 100 + i, g)));
    await pool.run({ dataset, tasks, runBatch, workMs: (r) => r.fitMs + r.scoreMs, onResult: () => undefined });
    expect(calls).toHaveLength(120);
    for (const g of [0, 1, 2]) {
      const workers = new Set(calls.filter((c) => Math.floor(Number(c.id) / 100) === g).map((c) => c.worker));
      expect(workers.size).toBe(1);
    }
    pool.dispose();
  });

  it('sends the first batch right behind the dataset, without waiting for the load to be acknowledged', async () => {
    // The real worker handles messages in order, so the batch finds the rows loaded; waiting for the reply would
    // idle the worker for a round trip through the main thread at the busiest moment of a search.
    const { platform, events } = fakePlatform({ loadMs: 30 });
    const pool = new WorkerPool(platform, { workers: 1 });
    await pool.run({ dataset, tasks: [task(1, 'g')], onResult: () => undefined });
    expect(events).toEqual(['load+rows', 'batch', 'load-done']);
    pool.dispose();
  });

  it('a dataset that fails to load fails those tasks with the load error, and is sent again with the next ones', async () => {
    const { platform, events } = fakePlatform({ loadFails: 1 });
    const pool = new WorkerPool(platform, { workers: 1 });
    const results = new Map<number, unknown>();
    await pool.run({ dataset, tasks: [task(1, 'g'), task(2, 'g')], runBatch, onResult: (i, r) => results.set(i, r) });
    expect(results.get(0)).toBeInstanceOf(Error);
    expect((results.get(0) as Error).message).toMatch(/out of memory while loading/);
    // The next task needed the dataset again: the failed load was not recorded as resident.
    expect(results.get(1)).toMatchObject({ scores: { x: 2 } });
    expect(events.filter((e) => e === 'load+rows')).toHaveLength(2);
    pool.dispose();
  });

  it('sends rows once: a later search on the same rows loads its dataset without them', async () => {
    const { platform, events } = fakePlatform();
    const pool = new WorkerPool(platform, { workers: 1 });
    const job = (id: string, rowsId: string) => ({ dataset: { ...dataset, id, rowsId }, tasks: [task(1, 'g')], onResult: () => undefined });
    await pool.run(job('a', 'r1'));
    await pool.run(job('b', 'r1'));
    await pool.run(job('c', 'r2'));
    expect(events.filter((e) => e.startsWith('load') && e !== 'load-done')).toEqual(['load+rows', 'load', 'load+rows']);
    pool.dispose();
  });

  it('drops the least recently used idle rows beyond the bound, and sends rows again to a replaced worker', async () => {
    const { platform, events } = fakePlatform();
    const pool = new WorkerPool(platform, { workers: 1 });
    const job = (id: string, rowsId: string) => ({ dataset: { ...dataset, id, rowsId }, tasks: [task(1, 'g')], onResult: () => undefined });
    for (const [i, rows] of ['r1', 'r2', 'r3'].entries()) await pool.run(job(`j${i}`, rows));
    // Two idle rows are kept (r2, r3); r1, the least recently used, is freed in the worker.
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toContain('dropRows:r1');
    expect(events).not.toContain('dropRows:r2');
    pool.terminateWorker(0);
    await new Promise((r) => setTimeout(r, 10));
    events.length = 0;
    await pool.run(job('again', 'r3'));
    expect(events[0]).toBe('load+rows'); // the new worker had never seen r3
    pool.dispose();
  });

  it('keeps nothing of a finished search while the pool lives (batch outcomes used to stay reachable)', async () => {
    const { platform } = fakePlatform();
    const pool = new WorkerPool(platform, { workers: 2 });
    const refs: WeakRef<object>[] = [];
    const tracked = async (api: WorkerRemote, tasks: PoolTask<TrialOutcome>[]) => {
      const out = await runBatch(api, tasks);
      refs.push(new WeakRef(out));
      return out;
    };
    for (let j = 0; j < 3; j++) {
      await pool.run({ dataset: { ...dataset, id: `d${j}` }, tasks: Array.from({ length: 20 }, (_, i) => task(i, `g${i % 2}`)), runBatch: tracked, onResult: () => undefined });
    }
    expect(refs.length).toBeGreaterThan(2);
    await new Promise((r) => setTimeout(r, 0));
    gc();
    gc();
    expect(refs.filter((r) => r.deref() !== undefined)).toHaveLength(0);
    pool.dispose();
  });

  it('lets go of a finished job: an idle pool keeps no tasks or callbacks of a search alive', async () => {
    const { platform } = fakePlatform();
    const pool = new WorkerPool(platform, { workers: 2 });
    let ref!: WeakRef<object>;
    await (async () => {
      const job = { dataset, tasks: Array.from({ length: 8 }, (_, i) => task(i, `g${i % 2}`)), runBatch, onResult: () => undefined };
      ref = new WeakRef(job);
      await pool.run(job);
    })();
    await new Promise((r) => setTimeout(r, 0));
    gc();
    gc();
    expect(ref.deref()).toBeUndefined();
    pool.dispose();
  });
});
