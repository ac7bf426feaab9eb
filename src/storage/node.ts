/**
 * Node-only study storage: journal files (Optuna's JournalFileStorage, with its symlink / open locks) and Redis
 * (JournalRedisStorage), opened from a URL. Import only from the Node entry: it loads node:fs (and ioredis lazily).
 */
export * from './index';
export { openJournalStorage, openJournalBackend, type OpenStorageOptions } from './open';
export { FileJournalBackend, type FileBackendOptions } from './backends/file';
export { JournalFileLock, type LockKind, type FileLockOptions } from './backends/file-lock';
export type { RedisBackendOptions } from './backends/redis';
