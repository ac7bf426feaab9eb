/**
 * What a journal backend does (Optuna's BaseJournalLogStorage): give back the records from a log number on, and
 * append records atomically with respect to other writers. Backends: memory (browsers), file and Redis (Node).
 */
import type { JournalRecord, WireRecord } from './journal/ops';

export interface JournalBackend {
  /** Records with a log number >= `logNumberFrom` (0: all), in log order. */
  readLogs(logNumberFrom: number): Promise<JournalRecord[]>;
  /** Appends the records as consecutive log entries, without interleaving with another writer's. */
  appendLogs(records: readonly WireRecord[]): Promise<void>;
  /** Releases connections or handles (optional). */
  close?(): Promise<void>;
}
