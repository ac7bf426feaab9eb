/** hyperwasm for Node >= 20: the same API as the browser entry, with trials in worker_threads. */
import { nodePlatform } from './platform/node';
import { makeApi } from './api';

export * from './public';
export const { tune, createPool, optimize, crossValidateSearch } = makeApi(nodePlatform);
export { runCli } from './cli/run';
