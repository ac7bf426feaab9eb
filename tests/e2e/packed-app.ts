import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (where `npm pack` runs). */
export const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A fresh consumer app folder with the PACKED library installed as a user gets it: `npm pack` (once per call) into
 * the app, the tarball unpacked to node_modules/hyperwasm, its runtime dependency (comlink) linked next to it, and a
 * package.json of `type: module`. `files` are written into the app. Requires `npm run build` first (npm test builds).
 */
export function packedApp(prefix: string, files: Record<string, string> = {}): string {
  const app = mkdtempSync(join(tmpdir(), prefix));
  const packDir = join(app, 'pack');
  mkdirSync(packDir);
  execFileSync('npm', ['pack', '--pack-destination', packDir, '--silent'], { cwd: root, stdio: 'pipe' });
  const tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz'))!);
  const pkgDir = join(app, 'node_modules', 'hyperwasm');
  mkdirSync(pkgDir, { recursive: true });
  execFileSync('tar', ['xzf', tarball, '-C', pkgDir, '--strip-components=1']);
  symlinkSync(join(root, 'node_modules', 'comlink'), join(app, 'node_modules', 'comlink'), 'dir');
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  for (const [name, text] of Object.entries(files)) {
    const path = join(app, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
  }
  return app;
}

/** The consumer page's script used by the bundler tests: a small knn search whose result lands in body[data-result]. */
export const CONSUMER_MAIN = `
import { tune, int } from 'hyperwasm';
const X = [], y = [];
for (let i = 0; i < 90; i++) { X.push([i % 9, (i * 7) % 5]); y.push(i % 9 < 3 ? 0 : i % 9 < 6 ? 1 : 2); }
tune({ model: 'knn-classifier', data: { X, y }, space: { nNeighbors: int(1, 6), p: [1, 2] }, cv: { folds: 3 }, workers: 2 })
  .then((r) => { document.body.dataset.result = JSON.stringify({ n: r.trials.length, best: r.best.score, workers: r.workers }); })
  .catch((e) => { document.body.dataset.result = JSON.stringify({ error: String(e && e.stack || e) }); });
`;
