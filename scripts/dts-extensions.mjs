// Post-process of the emitted declarations (dist/types): TypeScript keeps the source's extensionless relative imports
// ('./space/index', './errors') in .d.ts output, and consumers resolving with node16/nodenext then find nothing (every
// export is `any` or "not exported"). This rewrites each relative specifier to the file Node would load: './x' ->
// './x.js' when x.d.ts exists, './x/index.js' when x is a folder. Specifiers that already have an extension and bare
// package names ('comlink') are left alone. Run after `tsc -p tsconfig.build.json` (see the build:lib script).
import { readdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// `from './x'`, `import('./x')`, `import './x'`, `require('./x')` (the last two never appear in our output, handled anyway).
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])(\.{1,2}\/[^'"]*|\.{1,2})\2/g;

/**
 * Rewrites the relative specifiers of one declaration file's text. `kindOf(spec)` says what the extensionless
 * specifier names: 'file' (spec + '.d.ts' exists), 'dir' (spec/index.d.ts exists) or null (leave it: unknown target).
 * Pure: no file access here, so it is tested on strings.
 */
export function addJsExtensions(text, kindOf) {
  return text.replace(SPECIFIER, (whole, lead, quote, spec) => {
    if (/\.(js|mjs|cjs|json)$/.test(spec)) return whole;
    const kind = kindOf(spec);
    if (kind === 'file') return `${lead}${quote}${spec}.js${quote}`;
    if (kind === 'dir') return `${lead}${quote}${spec.replace(/\/$/, '')}/index.js${quote}`;
    return whole;
  });
}

/** Rewrites every .d.ts under `root` in place; returns the number of files changed. Throws on an unresolved import. */
export function fixDeclarations(root) {
  let changed = 0;
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) { walk(path); continue; }
      if (!name.endsWith('.d.ts')) continue;
      const text = readFileSync(path, 'utf8');
      const unresolved = [];
      const out = addJsExtensions(text, (spec) => {
        const target = resolve(dirname(path), spec);
        if (existsSync(`${target}.d.ts`)) return 'file';
        if (existsSync(join(target, 'index.d.ts'))) return 'dir';
        unresolved.push(spec);
        return null;
      });
      if (unresolved.length > 0) throw new Error(`${path}: cannot resolve ${unresolved.join(', ')}`);
      if (out !== text) { writeFileSync(path, out); changed++; }
    }
  };
  walk(root);
  return changed;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? 'dist/types';
  const n = fixDeclarations(root);
  console.log(`dts-extensions: ${n} declaration files in ${root} now import with .js extensions`);
}
