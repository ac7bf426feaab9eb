import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { Platform, WorkerHandle } from './types';

const WORKER_FILE = 'node-worker.js';

/**
 * The built worker script. In the package it sits next to this module (dist/node/). When the TypeScript source runs
 * directly (vitest), Node 20 cannot run .ts inside a worker, so the worker built by `npm run build` is used.
 * The file names are variables on purpose: a bundler must not try to resolve them as assets.
 */
function workerPath(): URL {
  const candidates = [new URL(WORKER_FILE, import.meta.url), new URL(`../../dist/node/${WORKER_FILE}`, import.meta.url)];
  for (const url of candidates) if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  throw new Error(
    `hyperwasm: the Node worker script ${WORKER_FILE} was not found (looked at ${candidates.map(String).join(', ')}). ` +
      'Run "npm run build" first.',
  );
}

export const nodePlatform: Platform = {
  name: 'node',
  defaultWorkers: () => Math.max(1, availableParallelism()),
  spawn(options): WorkerHandle {
    const worker = new Worker(options.workerUrl ?? workerPath());
    const exitCallbacks: ((reason: Error) => void)[] = [];
    let dead = false;
    const die = (reason: Error): void => {
      if (dead) return;
      dead = true;
      for (const cb of exitCallbacks) cb(reason);
    };
    worker.on('error', (err) => die(new Error(`worker crashed: ${err instanceof Error ? err.message : String(err)}`)));
    worker.on('exit', (code) => die(new Error(`worker exited (code ${code})`)));
    worker.unref();
    return {
      endpoint: nodeEndpoint(worker),
      terminate() {
        void worker.terminate();
        die(new Error('worker terminated'));
      },
      setBusy(busy) {
        if (busy) worker.ref();
        else worker.unref();
      },
      onExit(cb) {
        exitCallbacks.push(cb);
      },
    };
  },
};
