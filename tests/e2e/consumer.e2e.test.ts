import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { build, preview, createServer, type ViteDevServer } from 'vite';
import { chromium, type Browser } from 'playwright';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { packedApp, CONSUMER_MAIN } from './packed-app';

/**
 * A separate Vite app that depends on the PACKED library (npm pack tarball, as a user installs it) must keep the
 * worker and its wasm: the page runs tune() and reports the result. Checked for `vite build` + `vite preview` and
 * for the dev server (dependency pre-bundling), in Chromium. Requires `npm run build` first (npm test builds).
 */
let app: string;
let browser: Browser;

beforeAll(async () => {
  app = packedApp('hyperwasm-consumer-', {
    'index.html': '<!doctype html><html><body><script type="module" src="./main.js"></script></body></html>',
    'main.js': CONSUMER_MAIN,
  });
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
