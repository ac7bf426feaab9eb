/**
 * hyperwasm for browsers (the default export condition): tune() runs trials in Web Workers.
 * Node resolves the "node" condition to ./index.node.ts instead (worker_threads); the API is identical.
 */
import { browserPlatform } from './platform/browser';
import { makeApi } from './api';

export * from './public';
export const { tune, createPool, optimize, crossValidateSearch } = makeApi(browserPlatform);
