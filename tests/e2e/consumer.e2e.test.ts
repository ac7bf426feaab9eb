import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { build, preview, createServer, type ViteDevServer } from 'vite';
import { chromium, type Browser } from 'playwright';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A separate Vite app that depends on the PACKED library (npm pack tarball, as a user installs it) must keep the
 * worker and its wasm: the page runs tune() and reports the result. Checked for `vite build` + `vite preview` and
 * for the dev server (dependency pre-bundling), in Chromium. Requires `npm run build` first (npm test builds).
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
let app: string;
let browser: Browser;

const MAIN = `
import { tune, int } from 'hyperwasm';
const X = [], y = [];
for (let i = 0; i < 90; i++) { X.push([i % 9, (i * 7) % 5]); y.push(i % 9 < 3 ? 0 : i % 9 < 6 ? 1 : 2); }
tune({ model: 'knn-classifier', data: { X, y }, space: { nNeighbors: int(1, 6), p: [1, 2] }, cv: { folds: 3 }, workers: 2 })
  .then((r) => { document.body.dataset.result = JSON.stringify({ n: r.trials.length, best: r.best.score, workers: r.workers }); })
  .catch((e) => { document.body.dataset.result = JSON.stringify({ error: String(e && e.stack || e) }); });
`;

beforeAll(async () => {
  app = mkdtempSync(join(tmpdir(), 'hyperwasm-consumer-'));
  const packDir = join(app, 'pack');
  mkdirSync(packDir);
  execFileSync('npm', ['pack', '--pack-destination', packDir, '--silent'], { cwd: root, stdio: 'pipe' });
  const tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz'))!);
  const pkgDir = join(app, 'node_modules', 'hyperwasm');
  mkdirSync(pkgDir, { recursive: true });
  execFileSync('tar', ['xzf', tarball, '-C', pkgDir, '--strip-components=1']);
  // The library's runtime dependency, as npm would install it next to the package.
  symlinkSync(join(root, 'node_modules', 'comlink'), join(app, 'node_modules', 'comlink'), 'dir');
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(join(app, 'index.html'), '<!doctype html><html><body><script type="module" src="./main.js"></script></body></html>');
  writeFileSync(join(app, 'main.js'), MAIN);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (app) rmSync(app, { recursive: true, force: true });
});

async function resultAt(url: string): Promise<{ n?: number; best?: number; workers?: number; error?: string }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('body[data-result]', { state: 'attached', timeout: 60_000 });
  const res = JSON.parse((await page.getAttribute('body', 'data-result'))!) as { error?: string };
  await page.close();
  expect(errors).toEqual([]);
  return res;
}

describe('a consumer Vite app using the packed library', () => {
  it('vite build + preview: the worker and wasm survive the consumer build', async () => {
    await build({ root: app, configFile: false, base: './', logLevel: 'warn', build: { outDir: join(app, 'dist') } });
    const server = await preview({ root: app, configFile: false, base: './', build: { outDir: join(app, 'dist') }, preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
    try {
      const addr = server.httpServer.address();
      const res = await resultAt(`http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`);
      expect(res).toEqual({ n: 12, best: expect.any(Number), workers: 2 });
    } finally {
      await new Promise<void>((r) => server.httpServer.close(() => r()));
    }
  });

  it('vite dev server (dependency pre-bundling) also runs the search', async () => {
    const server: ViteDevServer = await createServer({ root: app, configFile: false, logLevel: 'warn', server: { host: '127.0.0.1', port: 0 } });
    await server.listen();
    try {
      const addr = server.httpServer!.address();
      const res = await resultAt(`http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`);
      expect(res).toEqual({ n: 12, best: expect.any(Number), workers: 2 });
    } finally {
      await server.close();
    }
  });
});
