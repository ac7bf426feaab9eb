import type { Platform, WorkerHandle } from './types';
// Vite bundles the worker (with the embedded wasm) into a self-contained script and inlines it as a Blob URL, so a
// consumer's bundler has no separate worker or .wasm file to lose.
import InlineWorker from '../worker/browser-entry?worker&inline';

function wrap(worker: Worker): WorkerHandle {
  const exitCallbacks: ((reason: Error) => void)[] = [];
  let dead = false;
  const die = (reason: Error): void => {
    if (dead) return;
    dead = true;
    for (const cb of exitCallbacks) cb(reason);
  };
  worker.addEventListener('error', (ev: ErrorEvent) => {
    ev.preventDefault();
    die(new Error(`worker crashed: ${ev.message || 'uncaught error in worker'}`));
  });
  worker.addEventListener('messageerror', () => die(new Error('worker message could not be deserialised')));
  return {
    endpoint: worker,
    terminate() {
      worker.terminate();
      die(new Error('worker terminated'));
    },
    setBusy() {},
    onExit(cb) {
      exitCallbacks.push(cb);
    },
  };
}

export const browserPlatform: Platform = {
  name: 'browser',
  defaultWorkers: () => Math.max(1, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2),
  spawn(options) {
    const worker = options.workerUrl
      ? new Worker(options.workerUrl, { type: 'module', name: 'hyperwasm' })
      : new InlineWorker({ name: 'hyperwasm' });
    return wrap(worker);
  },
};
