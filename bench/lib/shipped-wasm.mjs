/**
 * The kernels' wasm as the built Node package ships it: base64 embedded in dist/node/node-worker.js or, since the
 * worker and the main entry share the embedded kernels, in a shared chunk under dist/node/chunks. The longest
 * `AGFzbQ...` (a wasm header in base64) of those files. Throws when none is found (run "npm run build" first).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function shippedWasmBase64(root) {
  const longest = (text) => (text.match(/AGFzbQ[A-Za-z0-9+/]+=*/g) ?? []).reduce((a, b) => (b.length > a.length ? b : a), '');
  const chunks = join(root, 'dist', 'node', 'chunks');
  const files = [join(root, 'dist', 'node', 'node-worker.js'),
    ...(existsSync(chunks) ? readdirSync(chunks).filter((f) => f.endsWith('.js')).map((f) => join(chunks, f)) : [])];
  const b64 = files.filter(existsSync).map((f) => longest(readFileSync(f, 'utf8'))).reduce((a, c) => (c.length > a.length ? c : a), '');
  if (!b64) throw new Error('no embedded wasm found in dist/node/node-worker.js or dist/node/chunks (looked for base64 starting AGFzbQ): run "npm run build" first');
  return b64;
}
