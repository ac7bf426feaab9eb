// Web Worker entry: serves the worker runtime to the page through Comlink.
import * as Comlink from 'comlink';
import { WorkerRuntime } from './runtime';

Comlink.expose(new WorkerRuntime());
