/**
 * A journal persisted in the browser's IndexedDB, so a study outlives the tab; tabs of one origin opening the same
 * database share the study (each append is one readwrite transaction, which IndexedDB serialises across tabs, and
 * log order is the store's auto-increment key order). Each record is kept as its journal line, so `toJournal()` gives
 * the text of a journal file for Python Optuna or optuna-dashboard.
 */
import { TuneError } from '../../errors';
import type { JournalBackend } from '../backend';
import { decodeText, encodeRecord, tryDecodeLine, corruptLine } from '../journal/codec';
import type { JournalRecord, WireRecord } from '../journal/ops';

const STORE = 'log';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

export class IndexedDbJournalBackend implements JournalBackend {
  /** Log number -> key of the last record read, to read only what is new. */
  private readCount = 0;
  private lastKey: IDBValidKey | null = null;

  private constructor(
    private readonly db: IDBDatabase,
    readonly name: string,
  ) {}

  /** Opens (creating when absent) the journal database `name`. TuneError STORAGE_UNREACHABLE without IndexedDB. */
  static async open(name: string): Promise<IndexedDbJournalBackend> {
    if (typeof indexedDB === 'undefined') {
      throw new TuneError('STORAGE_UNREACHABLE', 'IndexedDB is not available here; use a MemoryJournalBackend.', { name });
    }
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { autoIncrement: true });
    try {
      return new IndexedDbJournalBackend(await request(req), name);
    } catch (e) {
      throw new TuneError('STORAGE_UNREACHABLE', `Cannot open the IndexedDB journal '${name}': ${(e as Error).message}.`, {
        name,
      });
    }
  }

  /** Deletes the database `name` (every study in it). */
  static async destroy(name: string): Promise<void> {
    await request(indexedDB.deleteDatabase(name));
  }

  private async lines(after: IDBValidKey | null): Promise<{ keys: IDBValidKey[]; lines: string[] }> {
    const tx = this.db.transaction(STORE, 'readonly');
    const store = tx.objectStore(STORE);
    const range = after === null ? undefined : IDBKeyRange.lowerBound(after, true);
    const [keys, lines] = await Promise.all([request(store.getAllKeys(range)), request(store.getAll(range))]);
    return { keys, lines: lines as string[] };
  }

  async readLogs(logNumberFrom: number): Promise<JournalRecord[]> {
    const resume = logNumberFrom === this.readCount && this.lastKey !== null;
    const { keys, lines } = await this.lines(resume ? this.lastKey : null);
    const skip = resume ? 0 : logNumberFrom;
    const records: JournalRecord[] = [];
    for (let i = 0; i < lines.length; i++) {
      const r = tryDecodeLine(lines[i]);
      if (r === undefined) throw corruptLine((resume ? this.readCount : 0) + i + 1, `in IndexedDB '${this.name}'`, lines[i]);
      if (i >= skip) records.push(r);
    }
    if (keys.length > 0) {
      this.lastKey = keys[keys.length - 1];
      this.readCount = (resume ? this.readCount : 0) + keys.length;
    }
    return records;
  }

  async appendLogs(records: readonly WireRecord[]): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    for (const r of records) store.add(encodeRecord(r));
    await done(tx);
  }

  /** The journal file text (one line per op, "\n"-ended). */
  async toJournal(): Promise<string> {
    const { lines } = await this.lines(null);
    return lines.map((l) => `${l}\n`).join('');
  }

  /** Appends the records of a journal text (e.g. a file from Python) to this database. Corrupt line: TuneError. */
  async importJournal(text: string): Promise<number> {
    const { records } = decodeText(text, '(imported text)');
    const lines = text.split('\n').slice(0, records.length);
    const tx = this.db.transaction(STORE, 'readwrite');
    for (const l of lines) tx.objectStore(STORE).add(l);
    await done(tx);
    return records.length;
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}
