import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { OUTPUT_DIR } from './demo-server';
import { useDemo, ready, runAndWait } from './demo-page';

/** Save the search as an Optuna journal (a real download) and load it back into the page. */
const session = useDemo();

describe('demo page: Optuna journal save and load', () => {
  it('saves a TPE search as a journal file and reads it back', { timeout: 120_000 }, async () => {
    const { page, consoleErrors } = await session().newPage({ width: 390, height: 844 });
    await ready(page);
    await page.selectOption('#strategy', 'tpe');
    await page.fill('#trials', '12');
    await runAndWait(page);
    await expect.poll(() => page.getAttribute('#export-journal', 'aria-disabled')).toBeNull();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-journal')]);
    expect(download.suggestedFilename()).toBe('hyperwasm-iris-knn-classifier.journal.log');
    const path = `${OUTPUT_DIR}/demo-study.journal.log`;
    await download.saveAs(path);
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { op_code: number });
    expect(lines[0].op_code).toBe(0); // CREATE_STUDY, then trials
    expect(lines.length).toBeGreaterThan(12);

    await page.setInputFiles('#journal-file', path);
    await page.waitForSelector('#journal-note[data-state]');
    expect(await page.getAttribute('#journal-note', 'data-state'), (await page.locator('#journal-note').textContent()) ?? '').toBe('loaded');
    expect(await page.locator('#journal-note').textContent()).toMatch(/12 trials \(maximize\)\. Best value 0\.\d+ at trial \d+: nNeighbors = \d+/);
    await page.locator('#trials-panel').screenshot({ path: `${OUTPUT_DIR}/demo-journal-phone.png` });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
