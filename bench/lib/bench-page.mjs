// The Chromium side of a bench: builds the bench page (bench/page, against dist/browser), serves it with Vite's
// preview server on 127.0.0.1, opens it in headless Chromium (CHROMIUM_PATH or /usr/bin/chromium) and hands the page
// to `use`; closes the browser and the server whatever happens. Progress the page reports goes to `log`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';

const BENCH = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function withBenchPage(use, { log = () => {} } = {}) {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath} (set CHROMIUM_PATH)`);
  const { build, preview } = await import('vite');
  const { chromium } = await import('playwright');
  const configFile = join(BENCH, 'vite.config.ts');
  await build({ configFile, logLevel: 'warn' });
  const server = await preview({ configFile });
  const address = server.httpServer.address();
  let browser = null;
  try {
    browser = await chromium.launch({ executablePath, args: ['--disable-background-timer-throttling', '--disable-renderer-backgrounding'] });
    const page = await browser.newPage();
    await page.exposeFunction('__benchProgress', (text) => log(`[chromium] ${text}`));
    await page.goto(`http://127.0.0.1:${address.port}/`);
    await page.waitForFunction(() => window.__bench && window.__bench.ready, null, { timeout: 60_000 });
    return await use(page);
  } finally {
    if (browser) await browser.close();
    await new Promise((resolve) => server.httpServer.close(() => resolve()));
  }
}
