import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { WASM_BASE64 } from '../worker/wasm-binary.gen';
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

/**
 * Workers inherit the parent's execArgv by default, and some flags are fatal there: `node --input-type=module -e`
 * makes every worker exit at once ("--input-type can only be used with string input"). Keep the rest (e.g.
 * --enable-source-maps, --conditions); startWorker drops the process-wide ones Node refuses in a worker.
 */
function workerExecArgv(): string[] {
  const fatal = /^--(input-type|eval|print|test|watch|check|interactive)\b|^-[epi]$/;
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    if (fatal.test(argv[i])) {
      // A separate value (e.g. "--input-type module", "-e code") goes with its flag.
      if (!argv[i].includes('=') && i + 1 < argv.length && !argv[i + 1].startsWith('-')) i++;
      continue;
    }
    out.push(argv[i]);
  }
  return out;
}

/** Flags Node refused in a worker's execArgv (found at the first spawn, then left out of every later one). */
const refusedFlags = new Set<string>();

/**
 * Some process-wide flags are refused in a worker (ERR_WORKER_INVALID_EXEC_ARGV, e.g. `node --trace-gc app.js`),
 * and which ones depends on the Node version. Node names them in the error; spawn again without them rather than
 * fail every search of an app that runs with one. Other errors pass through.
 */
function startWorker(url: URL | string): Worker {
  const execArgv = (): string[] => workerExecArgv().filter((a) => !refusedFlags.has(a.split('=')[0]) && !refusedFlags.has(a));
  try {
    return new Worker(url, { execArgv: execArgv() });
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw e;
    const named = /flags?:\s*(.*)$/.exec((e as Error).message)?.[1]?.split(/,\s*/).filter(Boolean) ?? [];
    for (const flag of named) refusedFlags.add(flag.trim());
    // Node did not say which (another message format): inherit nothing rather than fail.
    if (named.length === 0) for (const a of workerExecArgv()) refusedFlags.add(a);
    return new Worker(url, { execArgv: execArgv() });
  }
}

/** The embedded kernels, compiled once per process on first use (synchronous compiles are allowed in Node). */
let sharedModule: WebAssembly.Module | undefined;

export const nodePlatform: Platform = {
  // Loaded on first use: the file and Redis backends (and ioredis) stay out of searches that keep no study.
  openStorage: async (url) => (await import('../storage/open')).openJournalStorage(url),
  name: 'node',
  // A worker's first search otherwise starts by compiling its own copy (~9 ms each here, more on a busy host, while
  // the workers compete for the same cores); the main thread compiles while the workers boot.
  sharedKernels: () => (sharedModule ??= new WebAssembly.Module(Buffer.from(WASM_BASE64, 'base64'))),
  defaultWorkers: () => Math.max(1, availableParallelism()),
  spawn(options): WorkerHandle {
    const worker = startWorker(options.workerUrl ?? workerPath());
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
