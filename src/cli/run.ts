/**
 * `npx hyperwasm` (Node): runCli(argv, deps) parses the command line (args.ts), loads the spec (spec.ts), runs
 * tune() and prints one JSON summary line. `deps.tune` is the library's tune(): the study flags become its
 * `study: { name, storage }` option (the study layer records and resumes trials there), `--trials` its
 * `search.trials`. Returns the exit code (0 ok, 2 usage or bad input, 1 other failure); errors go to stderr.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { TuneError } from '../errors';
import { USAGE, parseArgs } from './args';
import { loadSpec } from './spec';

interface ResultLike {
  best: { params: unknown; score?: unknown; value?: unknown } | null;
  trials: readonly unknown[];
  toJSON?(): unknown;
}

export interface CliDeps {
  tune(options: Record<string, unknown>): Promise<ResultLike>;
  stdout?(text: string): void;
  stderr?(text: string): void;
}

export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  const out = deps.stdout ?? ((t: string) => process.stdout.write(t));
  const err = deps.stderr ?? ((t: string) => process.stderr.write(t));
  try {
    const cmd = parseArgs(argv);
    if (cmd.command === 'help') {
      out(`${USAGE}\n`);
      return 0;
    }
    const base = dirname(resolve(cmd.spec));
    const { options, classes } = await loadSpec(resolve(cmd.spec), (p) => readFile(p, 'utf8'), (p) => resolve(base, p));
    if (cmd.trials !== undefined) options.search = { ...((options.search as object) ?? {}), trials: cmd.trials };
    if (cmd.workers !== undefined) options.workers = cmd.workers;
    if (cmd.seed !== undefined) options.seed = cmd.seed;
    if (cmd.study !== undefined) options.study = { name: cmd.study, storage: cmd.storage };
    const result = await deps.tune(options);
    if (cmd.out !== undefined) await writeFile(cmd.out, JSON.stringify(result.toJSON ? result.toJSON() : result));
    out(
      `${JSON.stringify({
        trials: result.trials.length,
        best: result.best === null ? null : { params: result.best.params, score: result.best.score ?? result.best.value },
        ...(classes.length > 0 ? { classes } : {}),
      })}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof TuneError) {
      err(`hyperwasm: ${e.code}: ${e.message}\n`);
      return 2;
    }
    err(`hyperwasm: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
