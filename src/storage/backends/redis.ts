/**
 * A journal in Redis (Node), as Optuna 3.1's JournalRedisStorage: the counter `<prefix>:log_number` (created at -1
 * with SETNX) and one key `<prefix>:log:<n>` per record; a record is appended atomically by the same Lua script
 * (INCR the counter, SET the key), so Python and Node writers share one study. Reads take keys from the first unread
 * number to the counter, waiting (100 ms doubling to 10 s) for a key a non-atomic (cluster) writer has not set yet;
 * a record that does not parse is an error unless it is the last. Optuna's pickled snapshots (`<prefix>:snapshot`)
 * are neither read nor written: replaying the log gives the same state.
 */
import type { Redis } from 'ioredis';
import { TuneError } from '../../errors';
import type { JournalBackend } from '../backend';
import { corruptLine, encodeRecord, tryDecodeLine } from '../journal/codec';
import type { JournalRecord, WireRecord } from '../journal/ops';

/** Optuna 3.1's append script, verbatim in behaviour. */
const APPEND_SCRIPT =
  "local i = redis.call('incr', string.format('%s:log_number', ARGV[1])) " +
  "redis.call('set', string.format('%s:log:%d', ARGV[1], i), ARGV[2])";

export interface RedisBackendOptions {
  /** Key prefix (Optuna's `prefix`, default ""). */
  prefix?: string;
  /** Optuna's use_cluster: INCR then SET instead of the script (not atomic). */
  useCluster?: boolean;
  /** Give up connecting after this long (default 5000 ms). */
  connectTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const BATCH = 500;

export class RedisJournalBackend implements JournalBackend {
  private constructor(
    private readonly client: Redis,
    readonly prefix: string,
    private readonly useCluster: boolean,
    private readonly where: string,
  ) {}

  /** Connects to `url` (redis://[user:password@]host:port/db). TuneError STORAGE_UNREACHABLE if it cannot. */
  static async open(url: string, options: RedisBackendOptions = {}): Promise<RedisJournalBackend> {
    const { Redis } = await import('ioredis');
    let connected = false;
    const client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: options.connectTimeoutMs ?? 5000,
      maxRetriesPerRequest: 3,
      // Fail fast on the first connection; once connected, ride out short outages.
      retryStrategy: (times) => (!connected || times > 20 ? null : Math.min(times * 100, 2000)),
    });
    let lastError: Error | undefined;
    client.on('error', (e: Error) => {
      lastError = e;
    });
    const where = url.replace(/\/\/[^@/]*@/, '//***@');
    try {
      await client.connect();
      await client.ping();
      connected = true;
    } catch (e) {
      client.disconnect();
      throw new TuneError(
        'STORAGE_UNREACHABLE',
        `Cannot reach the Redis journal at ${where}: ${(lastError ?? (e as Error)).message}. Check that redis-server ` +
          'runs there and the URL (redis://host:port/db) is right.',
        { url: where },
      );
    }
    return new RedisJournalBackend(client, options.prefix ?? '', options.useCluster ?? false, where);
  }

  private key(n: number): string {
    return `${this.prefix}:log:${n}`;
  }

  async readLogs(logNumberFrom: number): Promise<JournalRecord[]> {
    const maxText = await this.client.get(`${this.prefix}:log_number`);
    if (maxText === null) return [];
    const max = Number(maxText);
    const records: JournalRecord[] = [];
    for (let first = logNumberFrom; first <= max; first += BATCH) {
      const numbers: number[] = [];
      for (let n = first; n <= Math.min(max, first + BATCH - 1); n++) numbers.push(n);
      const texts = numbers.length > 0 ? await this.client.mget(numbers.map((n) => this.key(n))) : [];
      for (const [i, n] of numbers.entries()) {
        let text = texts[i];
        let wait = 100;
        while (text === null) {
          await sleep(wait);
          wait = Math.min(wait * 2, 10_000);
          text = await this.client.get(this.key(n));
        }
        const r = tryDecodeLine(text);
        if (r !== undefined) records.push(r);
        else if (n !== max) throw corruptLine(n + 1, `at ${this.where} (key ${this.key(n)})`, text);
      }
    }
    return records;
  }

  async appendLogs(records: readonly WireRecord[]): Promise<void> {
    await this.client.setnx(`${this.prefix}:log_number`, -1);
    for (const r of records) {
      const line = encodeRecord(r);
      if (!this.useCluster) await this.client.eval(APPEND_SCRIPT, 0, this.prefix, line);
      else {
        const n = await this.client.incr(`${this.prefix}:log_number`);
        await this.client.set(this.key(n), line);
      }
    }
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
