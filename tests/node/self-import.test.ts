import { it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The built package imported by its own name (Node's package self-reference through "exports", "node" condition):
 * what `node -e "import('hyperwasm')"` does for a user. Runs in a child process so nothing from vitest's module
 * graph leaks in; requires `npm run build` (npm test builds first).
 */
it("import('hyperwasm') resolves to the Node build and tune() runs in worker_threads", () => {
  const script = `
    const m = await import('hyperwasm');
    const X = [], y = [];
    for (let i = 0; i < 60; i++) { X.push([i % 10, Math.floor(i / 10)]); y.push(i % 10 < 5 ? 0 : 1); }
    const r = await m.tune({ model: 'knn-classifier', data: { X, y }, space: { nNeighbors: m.int(1, 5) }, cv: { folds: 3 } });
    console.log(JSON.stringify({ n: r.trials.length, best: r.best.score, k: r.best.params.nNeighbors, entry: import.meta.resolve('hyperwasm') }));
  `;
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
  const res = JSON.parse(out.stdout.trim()) as { n: number; best: number; k: number; entry: string };
  expect(res.entry).toMatch(/dist\/node\/index\.js$/);
  expect(res.n).toBe(5);
  expect(res.best).toBe(1); // the classes are separated by the first feature: the nearest neighbours always agree
});

/**
 * An app started with process-wide flags (`node --trace-gc --max-old-space-size=4096 app.mjs`): Node refuses those in
 * a worker's execArgv (ERR_WORKER_INVALID_EXEC_ARGV), which used to fail every search. The pool spawns without them.
 */
it('tune() runs in an app started with flags Node refuses in workers (--trace-gc, --max-old-space-size)', () => {
  const script = `
    const m = await import(${JSON.stringify(new URL('dist/node/index.js', new URL(`file://${root}`)).href)});
    const X = [], y = [];
    for (let i = 0; i < 30; i++) { X.push([i % 10]); y.push(i % 10 < 5 ? 0 : 1); }
    const r = await m.tune({ model: 'knn-classifier', data: { X, y }, space: { nNeighbors: [1, 3] }, cv: { folds: 3 } });
    console.log('RESULT ' + JSON.stringify({ n: r.trials.length, failed: r.trials.filter((t) => t.status !== 'ok').length }));
  `;
  const dir = mkdtempSync(join(tmpdir(), 'hyperwasm-flags-'));
  const file = join(dir, 'app.mjs');
  writeFileSync(file, script);
  try {
    const out = spawnSync(process.execPath, ['--trace-gc', '--max-old-space-size=4096', file], { encoding: 'utf8', timeout: 60_000 });
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const line = out.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    expect(JSON.parse(line!.slice('RESULT '.length))).toEqual({ n: 2, failed: 0 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
