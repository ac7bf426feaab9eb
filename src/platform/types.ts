import type { Endpoint } from 'comlink';

/** A spawned worker as the pool sees it, whatever the platform. */
export interface WorkerHandle {
  endpoint: Endpoint;
  terminate(): void;
  /** Node: keep the process alive only while the worker has work (ref when busy, unref when idle). No-op in browsers. */
  setBusy(busy: boolean): void;
  /** Registers the callback run once when the worker dies (crash, out of memory, terminate). */
  onExit(cb: (reason: Error) => void): void;
}

export interface SpawnOptions {
  /** Load the worker script from this URL instead of the built-in one (strict CSPs that forbid blob: workers). */
  workerUrl?: string | URL;
}

/** What differs between browsers and Node: how to start a worker and how many cores there are. */
export interface Platform {
  name: 'browser' | 'node';
  defaultWorkers(): number;
  spawn(options: SpawnOptions): WorkerHandle;
  /** Opens a study storage URL (a journal file, redis://): Node only; absent in browsers. */
  openStorage?(url: string): Promise<import('../storage/storage').JournalStorage>;
  /**
   * The kernels compiled once for the whole process, handed to every worker (each then only instantiates them, and
   * the engine shares their compiled and tiered-up code), or undefined to let each worker compile its own copy.
   */
  sharedKernels?(): WebAssembly.Module | undefined;
}
