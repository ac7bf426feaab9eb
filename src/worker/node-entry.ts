// worker_threads entry: the same runtime as in browsers, served through Comlink's node adapter.
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { WorkerRuntime } from './runtime';

if (!parentPort) throw new Error('hyperwasm: node-entry must run inside a worker_threads Worker');
Comlink.expose(new WorkerRuntime(), nodeEndpoint(parentPort));
