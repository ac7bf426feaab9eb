// Checks the package as users receive it: `npm pack` into a temp folder, then on that tarball
//  - @arethetypeswrong/cli: types resolve for node16 (ESM) and bundler resolution for every export. The package is
//    ESM-only, so the esm-only profile skips node10 and node16-from-CJS (require() of an ESM package is the user's
//    choice of dynamic import, reported by attw as a warning that does not apply);
//  - publint: package.json fields, exports and files are consistent (suggestions included: any message fails).
// Requires `npm run build` first (npm test builds). Exits non-zero on any problem.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hyperwasm-pack-'));
let failed = false;
try {
  execFileSync('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz')));
  const attw = join(root, 'node_modules', '.bin', 'attw');
  try {
    execFileSync(attw, [tarball, '--profile', 'esm-only', '--format', 'ascii'], { stdio: 'inherit' });
    console.log('check-package: attw clean');
  } catch {
    failed = true;
    console.error('check-package: attw reported problems (above)');
  }
  const buf = readFileSync(tarball);
  const { messages, pkg } = await publint({ pack: { tarball: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) }, level: 'suggestion', strict: true });
  for (const m of messages) console.error(`publint ${m.type}: ${formatMessage(m, pkg)}`);
  if (messages.length > 0) failed = true;
  else console.log('check-package: publint clean');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
