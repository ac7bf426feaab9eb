#!/usr/bin/env node
// Measures the GP sampler's cost per proposal (src/search/gp) at n = 50, 100, 200 (and 400, where the history cap
// of 200 applies), d = 5 continuous dimensions, default options (2048 candidates, 10 local searches).
// Run once by hand, not a test: `node scripts/gp-timing.mjs`. It bundles the TypeScript sources with rolldown
// (already a dependency of vite) into a temporary file first, because Node 20 cannot import .ts.
import { rolldown } from 'rolldown';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gp-timing-'));
const file = join(dir, 'gp.mjs');
const bundle = await rolldown({ input: { gp: join(root, 'scripts/gp-timing-entry.ts') }, platform: 'node', logLevel: 'silent' });
await bundle.write({ file, format: 'esm' });
const { proposeGpDetailed, fitGp, createRng } = await import(pathToFileURL(file).href);
rmSync(dir, { recursive: true });

const d = 5;
const dims = Array.from({ length: d }, () => ({ kind: 'continuous' }));
const f = (r) => r.reduce((s, v, j) => s + Math.sin(3 * v + j) + (v - 0.4) ** 2, 0);
const repeats = 3;
console.log(`GP proposal cost, d = ${d}, Node ${process.version}, median of ${repeats}`);
console.log('n    used  fit ms  warm fit ms  propose ms (cold fit + acquisition)');
for (const n of [50, 100, 200, 400]) {
  const rng = createRng(n);
  const x = Float64Array.from({ length: n * d }, () => rng.next());
  const y = Float64Array.from({ length: n }, (_, i) => f(Array.from(x.subarray(i * d, (i + 1) * d))));
  const fits = [];
  const warms = [];
  const props = [];
  // Warm start: the parameters fitted on the first n - 1 rows, as a search loop would pass them from its last proposal.
  const previous = fitGp(dims, x.subarray(0, (n - 1) * d), y.subarray(0, n - 1)).params;
  let last;
  for (let r = 0; r < repeats; r++) {
    let t = performance.now();
    fitGp(dims, x, y);
    fits.push(performance.now() - t);
    t = performance.now();
    fitGp(dims, x, y, { initialParams: previous });
    warms.push(performance.now() - t);
    t = performance.now();
    last = proposeGpDetailed(dims, x, y, createRng(r));
    props.push(performance.now() - t);
  }
  const med = (a) => a.sort((p, q) => p - q)[Math.floor(a.length / 2)];
  console.log(`${String(n).padEnd(5)}${String(last.used.length).padEnd(6)}${med(fits).toFixed(0).padStart(6)}  ${med(warms).toFixed(0).padStart(11)}  ${med(props).toFixed(0).padStart(10)}`);
}
