/**
 * Shared steps of the demo e2e tests: one built-and-served demo per test file (started before its tests, closed
 * after), waiting for the page to be ready with data loaded, and running a search to completion.
 */
import { expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright';
import { startDemo, type DemoSession } from './demo-server';

/** Registers the file's beforeAll/afterAll; call the returned function inside tests to get the session. */
export function useDemo(): () => DemoSession {
  let demo: DemoSession | undefined;
  beforeAll(async () => {
    demo = await startDemo();
  }, 120_000);
  afterAll(async () => {
    await demo?.close();
  });
  return () => {
    if (!demo) throw new Error('the demo did not start (see the beforeAll error)');
    return demo;
  };
}

/** Waits until the page is interactive and the summary shows the expected data. */
export async function ready(page: Page, rows = '150 rows'): Promise<void> {
  await page.waitForSelector('body[data-state="ready"]');
  await expect.poll(() => page.locator('#data-summary').textContent()).toContain(rows);
}

/** Clicks Run and waits for the search to finish; a search that ends in error fails with the page's message. */
export async function runAndWait(page: Page, timeout = 60_000): Promise<void> {
  await page.click('#run');
  await page.waitForSelector('body[data-state="done"], body[data-state="error"]', { timeout });
  const state = await page.getAttribute('body', 'data-state');
  if (state !== 'done') throw new Error(`search ended in state ${state}: ${await page.locator('#error').textContent()}`);
}
