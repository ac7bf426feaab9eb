import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemo, OUTPUT_DIR, type DemoSession } from './demo-server';

let demo: DemoSession;

beforeAll(async () => {
  demo = await startDemo();
}, 120_000);

afterAll(async () => {
  await demo?.close();
});

describe('built demo page (vite build + vite preview, Chromium)', () => {
  it('runs the KNN grid on iris in workers and shows trials and the best model', async () => {
    const { page, consoleErrors } = await demo.newPage();
    await page.waitForSelector('body[data-state="ready"]');
    await page.selectOption('#dataset', 'iris');
    await page.waitForFunction(() => document.getElementById('data-summary')?.textContent?.includes('150 rows'));
    await page.click('#run');
    await page.waitForSelector('body[data-state="done"]', { timeout: 60_000 });
    const rows = await page.locator('#trials-table tbody tr').count();
    expect(rows).toBe(120); // nNeighbors 1..30 x 2 weights x 2 p
    await expect.poll(() => page.locator('#best-panel').isVisible()).toBe(true);
    const hyper = await page.locator('#best-hyper').textContent();
    expect(hyper).toContain('nNeighbors');
    const learned = await page.locator('#best-params').textContent();
    expect(learned).toContain('X'); // KNN learns (stores) the training rows
    expect(await page.locator('#progress-text').textContent()).toMatch(/Done: 120 candidates x 5 folds/);
    await page.screenshot({ path: `${OUTPUT_DIR}/demo-desktop.png`, fullPage: true });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('fits a phone-width screen', async () => {
    const { page, consoleErrors } = await demo.newPage({ width: 390, height: 844 });
    await page.waitForSelector('body[data-state="ready"]');
    await page.click('#run');
    await page.waitForSelector('body[data-state="done"]', { timeout: 60_000 });
    await page.screenshot({ path: `${OUTPUT_DIR}/demo-phone.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'page wider than the phone screen').toBeLessThanOrEqual(0);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
