import type { Platform } from './platform/types';
import { WorkerPool, type PoolOptions } from './pool/pool';
import { tuneWith, type TuneOptions } from './tune';
import type { TuneResult } from './results';
import { optimizeWith, noOpener, type Objective } from './study/optimize';
import type { OptimizeOptions, OptimizeResult } from './study/types';
import type { Label } from './data/labels';
import { crossValidateSearchWith, type NestedCvOptions, type NestedCvResult } from './nested';

/** Default pools stop their workers after this long without work, so an idle page or process holds no threads. */
const DEFAULT_POOL_IDLE_MS = 10_000;

export interface CreatePoolOptions extends Omit<PoolOptions, 'idleTimeoutMs'> {
  /** Terminate idle workers after this many ms (default: never; call dispose()). They respawn on demand. */
  idleTimeoutMs?: number;
}

/** Binds the public functions to one platform (browser Web Workers or Node worker_threads). */
export function makeApi(platform: Platform): {
  tune<Y extends Label = number>(options: TuneOptions<Y>): Promise<TuneResult<Y>>;
  createPool(options?: CreatePoolOptions): WorkerPool;
  optimize(objective: Objective, options: OptimizeOptions): Promise<OptimizeResult>;
  crossValidateSearch<Y extends Label = number>(tuneOptions: TuneOptions<Y>, options?: NestedCvOptions): Promise<NestedCvResult>;
} {
  const opener = platform.openStorage ?? noOpener;
  let shared: WorkerPool | null = null;
  const defaultPool = (): WorkerPool => {
    if (!shared || shared.isDisposed) shared = new WorkerPool(platform, { workers: 'auto', idleTimeoutMs: DEFAULT_POOL_IDLE_MS });
    return shared;
  };
  return {
    // The label type only shapes what the fitted model's predict() returns (see FittedModel): one implementation.
    tune: <Y extends Label = number>(options: TuneOptions<Y>) => tuneWith(defaultPool, options as TuneOptions<Label>, opener) as Promise<TuneResult<Y>>,
    optimize: (objective, options) => optimizeWith(opener, objective, options),
    createPool: (options = {}) => new WorkerPool(platform, options),
    // Nested CV: one whole search per outer fold, on the caller's pool or the shared default one (see nested.ts).
    crossValidateSearch: (tuneOptions, options) =>
      crossValidateSearchWith((o) => tuneWith(defaultPool, o), tuneOptions as TuneOptions<Label>, options),
  };
}
