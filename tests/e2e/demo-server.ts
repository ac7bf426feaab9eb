/**
 * Builds the demo with Vite and serves the built files with `vite preview` on 127.0.0.1 (a free port), then
 * launches the system Chromium through Playwright. Used by the e2e tests; everything is torn down in `close()`.
 * Each session builds into its own temporary folder, so test files running in parallel never share (or wipe) an
 * output directory.
 */
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type Page, type ConsoleMessage } from 'playwright';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const OUTPUT_DIR = `${root}test-output/e2e`;

export interface DemoSession {
  url: string;
  browser: Browser;
  newPage(viewport?: { width: number; height: number }): Promise<{ page: Page; consoleErrors: string[] }>;
  close(): Promise<void>;
}

export async function startDemo(): Promise<DemoSession> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const outDir = mkdtempSync(join(tmpdir(), 'hyperwasm-demo-'));
  await build({ configFile: `${root}vite.config.ts`, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server: PreviewServer = await preview({
    configFile: `${root}vite.config.ts`,
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'warn',
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  const url = `http://127.0.0.1:${address.port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    url,
    browser,
    async newPage(viewport = { width: 1280, height: 900 }) {
      const page = await browser.newPage({ viewport });
      const consoleErrors: string[] = [];
      page.on('console', (m: ConsoleMessage) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
      await page.goto(url);
      return { page, consoleErrors };
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
