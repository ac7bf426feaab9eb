import { describe, it, expect } from 'vitest';
import { OUTPUT_DIR } from './demo-server';
import { useDemo, ready, runAndWait } from './demo-page';

/** An array-valued hyperparameter from the page: gaussian-nb's priors as candidate arrays (and null), and a wrong
 *  array refused with tune()'s message naming the classes. */
const session = useDemo();

describe('demo page: gaussian-nb priors', () => {
  it('searches null and a priors array, and shows the refusal of an array of the wrong length', { timeout: 120_000 }, async () => {
    const { page, consoleErrors } = await session().newPage({ width: 1366, height: 900 });
    await ready(page);
    await page.selectOption('#model', 'gaussian-nb');
    await page.fill('#hp-varSmoothing', '1e-9, 1e-3');
    await page.fill('#hp-priors', 'null, [0.1, 0.1, 0.8]');
    await page.selectOption('#strategy', 'grid');
    await expect.poll(() => page.locator('#plan').textContent()).toMatch(/^Grid: 4 candidates/);
    await runAndWait(page);
    const table = (await page.locator('#trials-table').textContent()) ?? '';
    expect(table).toMatch(/\[0\.1, ?0\.1, ?0\.8\]/);
    expect(await page.locator('#trials-table tbody tr').count()).toBe(4);
    await page.locator('#results').screenshot({ path: `${OUTPUT_DIR}/demo-priors-desktop.png` });

    await page.fill('#hp-priors', '[0.5, 0.5]');
    await page.click('#run');
    await page.waitForSelector('body[data-state="error"], body[data-state="done"]');
    expect(await page.getAttribute('body', 'data-state')).toBe('error');
    expect(await page.locator('#error').textContent()).toMatch(/priors = \[0\.5, 0\.5\] has 2 entries.*the data has 3/);

    await page.fill('#hp-priors', '[0.5, -0.5, 1]');
    expect(await page.locator('#hp-priors').getAttribute('aria-invalid')).toBe('true');
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
