/**
 * The journal in a real redis-server (started here on 127.0.0.1 and a free port, stopped by its pid), shared with
 * Python Optuna 3.1's JournalRedisStorage: round trip, Node + Python workers at once, an unreachable server.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TuneError } from '../../../src/errors';
import { openJournalStorage } from '../../../src/storage/open';
import { TrialState } from '../../../src/storage/journal/ops';
import { freePort, hasOptuna, hasPythonRedis, hasRedisServer, requireComponent } from '../../helpers/components';
import { roundTrip } from './interop-shared';
import { buildNodeWorker } from './workers/build-worker';
import { nodeWorker, pythonWorker, succeeded } from './workers/processes';

const redis = requireComponent('redis-server', hasRedisServer());
const python =
  redis && requireComponent('python3-optuna', hasOptuna()) && requireComponent('python3-redis', hasPythonRedis());
let dir: string;
let pidFile: string;
let url: string;
let bundle: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  if (!redis) return;
  dir = mkdtempSync(join(tmpdir(), 'hyperwasm-redis-'));
  pidFile = join(dir, 'redis.pid');
  const port = await freePort();
  execFileSync('redis-server', [
    '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
    '--daemonize', 'yes', '--pidfile', pidFile, '--dir', dir,
  ]);
  url = `redis://127.0.0.1:${port}/0`;
  for (let i = 0; i < 100; i++) {
    try {
      readFileSync(pidFile);
      break;
    } catch {
      await sleep(20);
    }
  }
  bundle = await buildNodeWorker();
}, 60_000);

afterAll(() => {
  if (!redis) return;
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGTERM');
  } catch {
    // already gone
  }
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(redis)('journal in Redis', () => {
  it('uses Optuna 3.1 keys: <prefix>:log_number and <prefix>:log:<n>', async () => {
    const storage = await openJournalStorage(url, { redisPrefix: 'keys' });
    await storage.createNewStudy('k', ['minimize']);
    await storage.close();
    const cli = (...args: string[]) =>
      execFileSync('redis-cli', ['-u', url, ...args], { encoding: 'utf8' }).trim();
    expect(cli('GET', 'keys:log_number')).toBe('0');
    expect(cli('GET', 'keys:log:0')).toMatch(/^\{"op_code": 0, "worker_id": "[0-9a-f-]+", "study_name": "k", "directions": \[1\]\}$/);
  });

  it('two Node processes at once: every trial once, numbers contiguous', async () => {
    const a = nodeWorker(bundle, url, 'nn', 15);
    const b = nodeWorker(bundle, url, 'nn', 15);
    await Promise.all([succeeded(a), succeeded(b)]);
    const storage = await openJournalStorage(url);
    const trials = await storage.getAllTrials(await storage.getStudyIdFromName('nn'));
    expect(trials.map((t) => t.number)).toEqual([...Array(30).keys()]);
    expect(trials.every((t) => t.state === TrialState.COMPLETE)).toBe(true);
    await storage.close();
  });

  it('an unreachable server is TuneError STORAGE_UNREACHABLE', async () => {
    const port = await freePort();
    const e = await openJournalStorage(`redis://127.0.0.1:${port}/0`, { connectTimeoutMs: 1000 }).catch((x) => x);
    expect(e).toBeInstanceOf(TuneError);
    expect((e as TuneError).code).toBe('STORAGE_UNREACHABLE');
  });
});

describe.runIf(python)('journal in Redis with Python Optuna 3.1', () => {
  it('round trip: hyperwasm writes, Optuna loads every trial and continues, hyperwasm resumes', async () => {
    const storage = await openJournalStorage(url);
    await roundTrip(storage, url, 'rt');
    await storage.close();
  });

  it('a Node and a Python process at once: every trial once, numbers contiguous', async () => {
    const a = nodeWorker(bundle, url, 'np', 12);
    const b = pythonWorker(url, 'np', 12);
    await Promise.all([succeeded(a), succeeded(b)]);
    const storage = await openJournalStorage(url);
    const trials = await storage.getAllTrials(await storage.getStudyIdFromName('np'));
    expect(trials.map((t) => t.number)).toEqual([...Array(24).keys()]);
    expect(new Set(trials.map((t) => t.userAttrs.by))).toEqual(new Set(['node', 'python']));
    expect(trials.every((t) => t.state === TrialState.COMPLETE)).toBe(true);
    await storage.close();
  });
});
