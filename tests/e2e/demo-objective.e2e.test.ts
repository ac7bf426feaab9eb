import { describe, it, expect } from 'vitest';
import { OUTPUT_DIR } from './demo-server';
import { useDemo, ready } from './demo-page';

/** optimize() on an expression the user edits, parsed by mathjs under the page's strict CSP (no eval). */
const session = useDemo();

describe('demo page: your own objective', () => {
  it('minimises an edited expression with TPE and explains a bad one', { timeout: 90_000 }, async () => {
    const { page, consoleErrors } = await session().newPage({ width: 390, height: 844 });
    await ready(page);
    await page.fill('#obj-expr', '(x - 2)^2 + (y + 1)^2');
    await page.fill('#obj-trials', '40');
    await page.click('#obj-run');
    await page.waitForSelector('#objective-panel[data-state="done"], #objective-panel[data-state="error"]', { timeout: 60_000 });
    expect(await page.getAttribute('#objective-panel', 'data-state'), (await page.locator('#obj-error').textContent()) ?? '').toBe('done');
    const note = (await page.locator('#obj-note').textContent()) ?? '';
    expect(note).toMatch(/^TPE, 40 trials in \d+ ms: best f = [\d.e-]+ at x = /);
    expect(Number(/best f = ([\d.e-]+)/.exec(note)![1])).toBeLessThan(2); // well below a random point's typical ~17
    expect(await page.locator('#obj-chart canvas').count()).toBe(1);
    await page.locator('#objective-panel').screenshot({ path: `${OUTPUT_DIR}/demo-objective-phone.png` });

    await page.fill('#obj-expr', '(x - 2');
    await page.click('#obj-run');
    await expect.poll(() => page.locator('#obj-error').isVisible()).toBe(true);
    expect(await page.locator('#obj-error').textContent()).toMatch(/Parenthesis|\)/);
    await page.fill('#obj-expr', 'x');
    await page.fill('#obj-space', 'x: 5..1');
    await page.click('#obj-run');
    expect(await page.locator('#obj-error').textContent()).toContain('the low bound must be below the high one');
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
