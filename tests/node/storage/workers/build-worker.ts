/** Bundles node-worker.ts into a runnable .mjs (inside node_modules/.cache so `ioredis` resolves). */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

export async function buildNodeWorker(): Promise<string> {
  const out = fileURLToPath(new URL('../../../../node_modules/.cache/hyperwasm-tests/node-worker.mjs', import.meta.url));
  mkdirSync(fileURLToPath(new URL('.', `file://${out}`)), { recursive: true });
  await build({
    input: fileURLToPath(new URL('./node-worker.ts', import.meta.url)),
    platform: 'node',
    external: [/^node:/, 'ioredis'],
    output: { file: out, format: 'esm', codeSplitting: false },
    logLevel: 'silent',
  });
  return out;
}

/** Python scripts next to this file. */
export const pyScript = (name: string): string => fileURLToPath(new URL(`./${name}`, import.meta.url));
