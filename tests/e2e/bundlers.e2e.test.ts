import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser } from 'playwright';
import { createServer, type Server } from 'node:http';
import { readFileSync, rmSync, existsSync } from 'node:fs';
import { join, extname, normalize } from 'node:path';
import { build as esbuild } from 'esbuild';
import webpack from 'webpack';
import { packedApp, CONSUMER_MAIN } from './packed-app';

/**
 * The packed library bundled by the two other bundlers people use (webpack 5, esbuild) must still run tune() in a
 * real browser: the worker (inlined with its wasm) has to survive each bundler. Vite is covered by consumer.e2e.test.ts.
 */
let app: string;
let browser: Browser;
const HTML = '<!doctype html><html><body><script type="module" src="./bundle.js"></script></body></html>';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

beforeAll(async () => {
  app = packedApp('hyperwasm-bundlers-', { 'src/main.js': CONSUMER_MAIN, 'esbuild/index.html': HTML, 'webpack/index.html': HTML });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (app) rmSync(app, { recursive: true, force: true });
});

/** Serves `dir` on 127.0.0.1 and returns what the page wrote to body[data-result]. */
async function runPage(dir: string): Promise<{ n?: number; best?: number; workers?: number; error?: string }> {
  const server: Server = createServer((req, res) => {
    const rel = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
    const path = join(dir, rel === '/' ? 'index.html' : rel);
    if (!existsSync(path)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`);
    await page.waitForSelector('body[data-result]', { state: 'attached', timeout: 60_000 });
    const res = JSON.parse((await page.getAttribute('body', 'data-result'))!) as { error?: string };
    expect(errors).toEqual([]);
    return res;
  } finally {
    await page.close();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

describe('consumer apps bundled from the packed library', () => {
  it('esbuild (bundle, esm, minified) runs tune() in Chromium', async () => {
    await esbuild({
      entryPoints: [join(app, 'src', 'main.js')], bundle: true, format: 'esm', minify: true, platform: 'browser',
      outfile: join(app, 'esbuild', 'bundle.js'), absWorkingDir: app, logLevel: 'warning',
    });
    expect(await runPage(join(app, 'esbuild'))).toEqual({ n: 12, best: expect.any(Number), workers: 2 });
  });

  it('webpack 5 (production) runs tune() in Chromium', async () => {
    const stats = await new Promise<webpack.Stats>((resolve, reject) => {
      webpack({
        mode: 'production', context: app, entry: './src/main.js', target: 'web',
        output: { path: join(app, 'webpack'), filename: 'bundle.js', module: true },
        experiments: { outputModule: true }, resolve: { modules: [join(app, 'node_modules')] },
        performance: { hints: false },
      }, (err, s) => (err || !s ? reject(err ?? new Error('webpack: no stats')) : resolve(s)));
    });
    expect(stats.hasErrors() ? stats.toString('errors-only') : '').toBe('');
    expect(await runPage(join(app, 'webpack'))).toEqual({ n: 12, best: expect.any(Number), workers: 2 });
  });
});
