import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packedApp, root } from './packed-app';

/**
 * Strict TypeScript apps that depend on the PACKED library must get its real types under both module resolutions
 * people use: `nodenext` (Node's own rules: relative imports in the .d.ts need their .js extension) and `bundler`.
 * Each app type-checks with tsc, and an `@ts-expect-error` line proves the types are not `any` (an unused
 * expect-error is itself an error).
 */
const APP = `
import { tune, createPool, int, float, choice, TuneError, listModels, type TuneResult, type ModelId, type SpaceSpec } from 'hyperwasm';
import * as standaloneWorker from 'hyperwasm/worker.js';

const X: number[][] = [[0, 1], [1, 0], [2, 1], [3, 0], [4, 1], [5, 0]];
const space: SpaceSpec = { alpha: float(0.01, 10, { log: true }), fitIntercept: choice([true, false]), k: int(1, 3) };
const model: ModelId = 'ridge';
export async function run(): Promise<number> {
  const pool = createPool({ workers: 1 });
  const result: TuneResult = await tune({ model, data: { X, y: [0, 1, 2, 3, 4, 5] }, space, cv: { folds: 3 }, pool });
  const kinds: string[] = listModels().map((m) => m.kind);
  const err: TuneError | null = null;
  void err; void kinds; void standaloneWorker;
  await pool.dispose();
  return result.best?.score ?? Number.NaN;
}
// String labels: the label type flows from data.y to what the fitted model predicts.
export async function labels(): Promise<string[]> {
  const r = await tune({ model: 'knn-classifier', data: { X, y: ['a', 'b', 'a', 'b', 'a', 'b'] }, space: {}, cv: { folds: 2 } });
  // @ts-expect-error string labels come back as string[], not as a Float64Array
  const wrong: Float64Array = r.model!.predict(X);
  void wrong;
  return r.model!.predict(X);
}
// @ts-expect-error int() bounds are numbers: a string is refused, so the types are real
int('1', 5);
// @ts-expect-error the result's best score is a number, not a string
const s: string = (null as unknown as TuneResult).best!.score;
void s;
`;

const TSC = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
let app: string;

beforeAll(() => {
  const tsconfig = (module: string, resolution: string) => JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2022', module, moduleResolution: resolution, lib: ['es2022', 'dom'],
      types: [], skipLibCheck: false, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true,
    },
    include: ['app.ts'],
  });
  app = packedApp('hyperwasm-types-', {
    'nodenext/app.ts': APP,
    'nodenext/tsconfig.json': tsconfig('nodenext', 'nodenext'),
    'bundler/app.ts': APP,
    'bundler/tsconfig.json': tsconfig('esnext', 'bundler'),
  });
}, 120_000);

afterAll(() => { if (app) rmSync(app, { recursive: true, force: true }); });

function typecheck(dir: string): string {
  try {
    execFileSync(process.execPath, [TSC, '-p', join(app, dir, 'tsconfig.json')], { cwd: join(app, dir), stdio: 'pipe' });
    return '';
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    return `${err.stdout?.toString() ?? ''}${err.stderr?.toString() ?? ''}` || String(e);
  }
}

describe('a strict TypeScript app using the packed library', () => {
  it.each(['nodenext', 'bundler'])('type-checks with moduleResolution %s, and its types are real', (dir) => {
    expect(typecheck(dir)).toBe('');
  });

  it('fails to type-check when the types are wrong (the check can fail)', () => {
    const file = join(app, 'nodenext', 'app.ts');
    writeFileSync(file, `${APP}\nconst n: number = int(1, 2);\n`);
    try {
      expect(typecheck('nodenext')).toMatch(/error TS2322/);
    } finally {
      writeFileSync(file, APP);
    }
  });
});
