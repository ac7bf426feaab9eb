#!/usr/bin/env node
// Search quality of the GP sampler (src/search/gp) against seeded random search on standard test functions:
// best value found after T trials (5 random starts, then GP proposals), over several seeds. Run once by hand:
// `node scripts/gp-quality.mjs`. Bundles the TypeScript sources with rolldown first (Node 20 cannot import .ts).
import { rolldown } from 'rolldown';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gp-quality-'));
const file = join(dir, 'gp.mjs');
const bundle = await rolldown({ input: join(root, 'scripts/gp-timing-entry.ts'), platform: 'node', logLevel: 'silent' });
await bundle.write({ file, format: 'esm' });
const { proposeGpDetailed, createRng } = await import(pathToFileURL(file).href);
rmSync(dir, { recursive: true });

const branin = (u) => {
  const x = -5 + 15 * u[0];
  const y = 15 * u[1];
  const b = 5.1 / (4 * Math.PI ** 2);
  return (y - b * x * x + (5 / Math.PI) * x - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x) + 10;
};
// Hartmann 6-D (minimum -3.32237).
const A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]];
const P = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991], [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]];
const alpha = [1, 1.2, 3, 3.2];
const hartmann6 = (u) => -alpha.reduce((s, a, i) => s + a * Math.exp(-A[i].reduce((t, aij, j) => t + aij * (u[j] - P[i][j] * 1e-4) ** 2, 0)), 0);
// Mixed: a continuous, an integer grid of 21 values and a 4-way categorical.
const mixed = (u) => (u[0] - 0.2) ** 2 + 2 * (u[1] - 0.65) ** 2 + [0.3, 0, 0.6, 0.2][u[2]];

const problems = [
  { name: 'branin (min 0.3979)', f: branin, dims: [{ kind: 'continuous' }, { kind: 'continuous' }], trials: 30 },
  { name: 'hartmann6 (min -3.3224)', f: hartmann6, dims: Array.from({ length: 6 }, () => ({ kind: 'continuous' })), trials: 50 },
  { name: 'mixed (min 0)', f: mixed, dims: [{ kind: 'continuous' }, { kind: 'discrete', size: 21 }, { kind: 'categorical', size: 4 }], trials: 30 },
];
const uniform = (dims, rng) => dims.map((d) => (d.kind === 'continuous' ? rng.next() : d.kind === 'categorical' ? rng.int(d.size) : rng.int(d.size) / (d.size - 1)));
const seeds = [1, 2, 3, 4, 5];
console.log(`best value after T trials, median over seeds ${seeds.join(',')} (5 random starts, then GP)`);
for (const pb of problems) {
  const gp = [];
  const rnd = [];
  let ms = 0;
  for (const seed of seeds) {
    const rng = createRng(seed);
    const xs = [];
    const ys = [];
    let params;
    for (let t = 0; t < pb.trials; t++) {
      let p;
      if (t < 5) p = uniform(pb.dims, rng);
      else {
        const t0 = performance.now();
        const r = proposeGpDetailed(pb.dims, Float64Array.from(xs), Float64Array.from(ys), rng, { initialParams: params });
        ms += performance.now() - t0;
        params = r.model.params;
        p = Array.from(r.x);
      }
      xs.push(...p);
      ys.push(pb.f(p));
    }
    gp.push(Math.min(...ys));
    const r2 = createRng(seed + 1000);
    let best = Infinity;
    for (let t = 0; t < pb.trials; t++) best = Math.min(best, pb.f(uniform(pb.dims, r2)));
    rnd.push(best);
  }
  const med = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
  console.log(`${pb.name.padEnd(26)} T=${pb.trials}  gp ${med(gp).toFixed(4)}  random ${med(rnd).toFixed(4)}  (gp per seed: ${gp.map((v) => v.toFixed(3)).join(' ')}; ${(ms / seeds.length / (pb.trials - 5)).toFixed(0)} ms/proposal)`);
}
