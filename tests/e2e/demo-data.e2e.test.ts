import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright';
import { OUTPUT_DIR } from './demo-server';
import { useDemo, ready, runAndWait } from './demo-page';

const session = useDemo();

function upload(page: Page, name: string, text: string | Buffer): Promise<void> {
  return page.setInputFiles('#csv-file', { name, mimeType: 'text/csv', buffer: typeof text === 'string' ? Buffer.from(text) : text });
}

/** Two noisy blobs in 2-D with text labels (deterministic). */
function fruitCsv(): string {
  const lines = ['length,width,colour'];
  for (let i = 0; i < 80; i++) {
    const red = i % 2 === 0;
    const jitter = (k: number): number => Math.sin(i * 12.9898 + k * 78.233) * 1.6;
    const length = (red ? 4 : 7) + jitter(1);
    const width = (red ? 3 : 5) + jitter(2) + i * 0.004;
    lines.push(`${length.toFixed(3)},${width.toFixed(3)},${red ? 'red' : 'blue'}`);
  }
  return lines.join('\n') + '\n';
}

describe('demo page: CSV upload and bad files', () => {
  it('uploads a CSV with a text target, tunes on the text labels as they are, and draws the model itself (2-D data)', async () => {
    const { page, consoleErrors } = await session().newPage();
    await ready(page);
    await upload(page, 'fruit.csv', fruitCsv());
    await expect.poll(() => page.inputValue('#dataset')).toBe('upload');
    const summary = await page.locator('#data-summary').textContent();
    expect(summary).toContain('80 rows × 2 features');
    expect(summary).toContain('2 classes: blue (');
    expect(summary).toContain('takes these labels as they are');
    expect(await page.locator('#preview').getAttribute('open')).not.toBeNull();
    expect(await page.locator('#preview-table th.target').textContent()).toContain('colour');
    expect(await page.locator('#preview-table tbody tr').count()).toBe(6);
    expect(await page.inputValue('#task')).toBe('classification');

    await runAndWait(page);
    await page.waitForSelector('#map-panel[data-state="done"]', { timeout: 30_000 });
    expect(await page.locator('#map-note').textContent()).toContain('this is the best model itself');
    expect(await page.locator('#map-legend li').allTextContents()).toEqual(['blue', 'red']);
    expect(await page.locator('#best-params').textContent()).toContain('blue, red'); // classes, decoded
    await page.screenshot({ path: `${OUTPUT_DIR}/demo-upload.png`, fullPage: true });

    // Another target column: a continuous one becomes a regression, and the model list follows.
    await page.selectOption('#target', { label: 'width' });
    await expect.poll(() => page.inputValue('#task')).toBe('regression');
    expect(await page.inputValue('#model')).toBe('knn-regressor');
    const regression = await page.locator('#data-summary').textContent();
    expect(regression).toContain('80 rows × 1 feature,');
    expect(regression).toContain('a number from');
    expect(regression).toContain('Left out “colour”: text only');
    await runAndWait(page);
    expect(await page.locator('#best-score').textContent()).toMatch(/R²/);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('explains bad CSV files and keeps the page working', async () => {
    const { page, consoleErrors } = await session().newPage();
    await ready(page);
    const error = page.locator('#data-error');
    const cases: [string, string | Buffer, RegExp][] = [
      ['ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n', /ragged\.csv, row 3: 2 cells but the header has 3 columns/],
      ['empty.csv', '', /empty\.csv is empty/],
      ['blank.csv', '\n\n  \n', /blank\.csv is empty/],
      ['header-only.csv', 'a,b,c\n', /header row but no data rows/],
      ['one-column.csv', 'a\n1\n2\n', /single column/],
      ['quote.csv', 'a,b\n"1,2\n3,4\n', /quote/i],
      ['huge.csv', Buffer.alloc(5 * 1024 * 1024 + 10, '1,2\n'), /up to 5 MB/],
    ];
    for (const [name, text, message] of cases) {
      await upload(page, name, text);
      await expect.poll(() => error.textContent()).toMatch(message);
      expect(await error.isVisible()).toBe(true);
      // The file was refused: the previous data is still in use.
      expect(await page.inputValue('#dataset')).toBe('iris');
      expect(await page.locator('#data-summary').textContent()).toContain('150 rows');
    }

    // A non-numeric feature cell: the file loads, the bad cell is pointed at, and Run explains instead of failing.
    await upload(page, 'colours.csv', 'size,colour,label\n1,2,0\n3,4,1\n5,blue,0\n7,8,1\n');
    await expect.poll(() => error.textContent()).toMatch(/Column "colour" has "blue" in row 4, which is not a number/);
    expect(await page.locator('#preview-table td.bad').textContent()).toBe('blue');
    await page.screenshot({ path: `${OUTPUT_DIR}/demo-bad-csv.png`, fullPage: true });
    await page.click('#run');
    await expect.poll(() => page.locator('#error').textContent()).toMatch(/data cannot be used yet/);
    expect(await page.getAttribute('body', 'data-state')).toBe('ready');

    // Picking that column as the target makes the table usable (a text target is a class label).
    await page.selectOption('#target', { label: 'colour' });
    await expect.poll(() => error.isHidden()).toBe(true);
    expect(await page.locator('#data-summary').textContent()).toContain('takes these labels as they are');

    // And a built-in dataset still runs.
    await page.selectOption('#dataset', 'iris');
    await expect.poll(() => page.locator('#data-summary').textContent()).toContain('150 rows');
    await page.fill('#hp-nNeighbors', '3..7');
    await runAndWait(page);
    expect(await page.locator('#trials-table tbody tr').count()).toBe(20);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
