/**
 * Opening a study storage from a URL (Node only: it loads the file and Redis backends).
 *   "journal.log", "/shared/study.log", "file:///shared/study.log"  -> a journal file (Optuna's JournalFileStorage)
 *   "redis://host:6379/0", "rediss://..."                           -> Redis (Optuna's JournalRedisStorage)
 * A URL of another scheme is TuneError STORAGE_URL_INVALID; a storage that cannot be reached is STORAGE_UNREACHABLE
 * (thrown before anything is written).
 */
import { fileURLToPath } from 'node:url';
import { TuneError } from '../errors';
import type { JournalBackend } from './backend';
import { FileJournalBackend, type FileBackendOptions } from './backends/file';
import { JournalStorage, type JournalStorageOptions } from './storage';

export interface OpenStorageOptions extends JournalStorageOptions, FileBackendOptions {
  /** Redis key prefix (Optuna's JournalRedisStorage prefix, default ""). */
  redisPrefix?: string;
  connectTimeoutMs?: number;
}

export async function openJournalBackend(url: string, options: OpenStorageOptions = {}): Promise<JournalBackend> {
  if (typeof url !== 'string' || url.trim() === '') {
    throw new TuneError('STORAGE_URL_INVALID', 'A study storage is a journal file path or a redis:// URL.', { url });
  }
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'redis' || scheme === 'rediss') {
    const { RedisJournalBackend } = await import('./backends/redis');
    return RedisJournalBackend.open(url, { prefix: options.redisPrefix, connectTimeoutMs: options.connectTimeoutMs });
  }
  if (scheme === 'file') return FileJournalBackend.open(fileURLToPath(url), options);
  if (scheme !== undefined) {
    throw new TuneError(
      'STORAGE_URL_INVALID',
      `Unsupported study storage '${url}': use a journal file path (journal.log) or redis://host:port/db.`,
      { url },
    );
  }
  return FileJournalBackend.open(url, options);
}

/** A JournalStorage on the storage at `url`, synced with what is already there. */
export async function openJournalStorage(url: string, options: OpenStorageOptions = {}): Promise<JournalStorage> {
  const storage = new JournalStorage(await openJournalBackend(url, options), options);
  await storage.sync();
  return storage;
}
