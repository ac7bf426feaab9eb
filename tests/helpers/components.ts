/**
 * Real components the interop tests drive (Debian's python3-optuna, redis-server). When one is missing, the tests
 * that need it skip LOUDLY outside CI (a console.warn with the apt-get command) and FAIL under CI=true, where
 * .ci/run has installed them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export const PYTHON = '/usr/bin/python3';

const APT: Record<string, string> = {
  'python3-optuna': 'apt-get install -y python3-optuna',
  'python3-redis': 'apt-get install -y python3-redis',
  'redis-server': 'apt-get install -y redis-server',
};

/** True when the component is there; otherwise warns and returns false, or throws under CI=true. */
export function requireComponent(name: string, available: boolean): boolean {
  if (available) return true;
  const how = APT[name] ?? `install ${name}`;
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but ${name} is missing: the interop tests must run in CI (${how}; see .ci/run).`);
  }
  console.warn(`\n*** SKIPPING the tests that need ${name}: it is not installed. Run: sudo ${how} ***\n`);
  return false;
}

function pythonImports(module: string): boolean {
  if (!existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}

export const hasOptuna = (): boolean =>
  pythonImports('optuna') &&
  execFileSync(PYTHON, ['-c', 'import optuna; print(optuna.__version__)']).toString().trim().startsWith('3.1');
export const hasPythonRedis = (): boolean => pythonImports('redis');
export const hasRedisServer = (): boolean => spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

/** A TCP port nobody listens on right now (127.0.0.1). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Runs a Python script with Debian's interpreter; returns stdout, throws with stderr on failure. */
export function runPython(script: string, args: string[] = [], input?: string, timeoutMs = 60_000): string {
  const r = spawnSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8', timeout: timeoutMs, input });
  if (r.status !== 0) throw new Error(`python failed (${r.status ?? r.signal}):\n${r.stderr}`);
  return r.stdout;
}
