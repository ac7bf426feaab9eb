// Runs a reference script under Debian's Python (scikit-learn 1.2.1, Optuna 3.1) in the same bench run, so ratios
// compare two sides timed minutes apart on the same host, never a figure stored from another day.
// Convention: bench/python/<name>.py prints one JSON object on its last stdout line (e.g. { seconds, score, params }).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Debian's interpreter: `python3` on PATH may be a pyenv shim without the scientific packages. */
export const PYTHON = process.env.HYPERWASM_PYTHON || '/usr/bin/python3';

/** True when PYTHON can import every module named (e.g. ['sklearn'] or ['optuna']). */
export function pythonHas(modules) {
  if (!existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ['-c', modules.map((m) => `import ${m}`).join('; ')], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs bench/python/<name>.py with `args` and returns the JSON of its last stdout line, or null (with the reason in
 * `why`) when the interpreter or its modules are missing. Single-threaded BLAS (OMP_NUM_THREADS=1) as WORKLOADS.md.
 */
export function runPython(name, args = [], { modules = ['sklearn'], timeoutMs = 600_000 } = {}) {
  if (!pythonHas(modules)) return { result: null, why: `${PYTHON} lacks ${modules.join(', ')}: skipped` };
  const out = execFileSync(PYTHON, [join(root, 'bench', 'python', `${name}.py`), ...args.map(String)], {
    cwd: root,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = out.trim().split('\n');
  return { result: JSON.parse(lines[lines.length - 1]), why: null };
}
