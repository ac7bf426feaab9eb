/** src/storage/index.ts (what a browser build may import) must not reach node: modules or ioredis. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../src/storage/', import.meta.url));

/** Every module specifier reachable from `file` through static and dynamic imports. */
function reachable(file: string, seen = new Set<string>(), bare = new Set<string>()): Set<string> {
  if (seen.has(file)) return bare;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*)'([^']+)'/g)) {
    const spec = m[1];
    if (spec.startsWith('.')) reachable(`${resolve(dirname(file), spec)}.ts`, seen, bare);
    else bare.add(spec);
  }
  return bare;
}

describe('storage modules for browsers', () => {
  it('the browser-safe entry reaches no Node-only module', () => {
    const bare = [...reachable(`${root}index.ts`)];
    expect(bare.filter((s) => s.startsWith('node:') || s === 'ioredis')).toEqual([]);
  });

  it('the Node entry does reach them (the check can fail)', () => {
    const bare = [...reachable(`${root}node.ts`)];
    expect(bare).toContain('node:fs');
    expect(bare).toContain('ioredis');
  });
});
