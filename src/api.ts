import type { Platform } from './platform/types';
import { WorkerPool, type PoolOptions } from './pool/pool';
import { tuneWith, type TuneOptions } from './tune';
import type { TuneResult } from './results';
import { optimizeWith, noOpener, type Objective } from './study/optimize';
import type { OptimizeOptions, OptimizeResult } from './study/types';

/** Default pools stop their workers after this long without work, so an idle page or process holds no threads. */
const DEFAULT_POOL_IDLE_MS = 10_000;

export interface CreatePoolOptions extends Omit<PoolOptions, 'idleTimeoutMs'> {
  /** Terminate idle workers after this many ms (default: never; call dispose()). They respawn on demand. */
  idleTimeoutMs?: number;
}

/** Binds the public functions to one platform (browser Web Workers or Node worker_threads). */
export function makeApi(platform: Platform): {
  tune(options: TuneOptions): Promise<TuneResult>;
  createPool(options?: CreatePoolOptions): WorkerPool;
  optimize(objective: Objective, options: OptimizeOptions): Promise<OptimizeResult>;
} {
  const opener = platform.openStorage ?? noOpener;
  let shared: WorkerPool | null = null;
  const defaultPool = (): WorkerPool => {
    if (!shared || shared.isDisposed) shared = new WorkerPool(platform, { workers: 'auto', idleTimeoutMs: DEFAULT_POOL_IDLE_MS });
    return shared;
  };
  return {
    tune: (options) => tuneWith(defaultPool, options, opener),
    optimize: (objective, options) => optimizeWith(opener, objective, options),
    createPool: (options = {}) => new WorkerPool(platform, options),
  };
}
