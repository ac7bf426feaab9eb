/** Child processes for the interop tests: a Node worker (the bundled node-worker.ts) or a Python Optuna worker. */
import { spawn, type ChildProcess } from 'node:child_process';
import { PYTHON } from '../../../helpers/components';
import { pyScript } from './build-worker';

export interface Running {
  child: ChildProcess;
  /** Trial numbers the worker reported done, in order. */
  done: number[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function watch(child: ChildProcess): Running {
  const done: number[] = [];
  let stderr = '';
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    const lines = buf.split('\n');
    buf = lines.pop()!;
    for (const l of lines) if (l.startsWith('done ')) done.push(Number(l.slice(5)));
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, done, exited };
}

export function nodeWorker(bundle: string, url: string, study: string, trials: number, graceMs?: number): Running {
  const args = [bundle, url, study, String(trials), ...(graceMs === undefined ? [] : [String(graceMs)])];
  return watch(spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
}

export function pythonWorker(url: string, study: string, trials: number): Running {
  return watch(spawn(PYTHON, [pyScript('optimize.py'), url, study, String(trials)], { stdio: ['ignore', 'pipe', 'pipe'] }));
}

export async function succeeded(r: Running): Promise<void> {
  const { code, signal, stderr } = await r.exited;
  if (code !== 0) throw new Error(`worker exited with ${code ?? signal}:\n${stderr}`);
}
