/**
 * Command line of `npx hyperwasm` (pure: argv in, a command out; TuneError CLI_USAGE on bad input).
 *
 *   hyperwasm tune <spec.json> [--study NAME --storage URL] [--trials N] [--workers N] [--seed N] [--out FILE]
 *   hyperwasm --help
 */
import { TuneError } from '../errors';

export const USAGE = `Usage: hyperwasm tune <spec.json> [options]

Runs the search described by spec.json (tune() options as JSON; data from a CSV or JSON file).
Options:
  --study NAME     record trials in study NAME (Optuna's journal format) and resume it when it exists
  --storage URL    where the study lives: a journal file path (journal.log) or redis://host:port/db
  --trials N       trials this run adds (search.trials)
  --workers N      worker threads for this run
  --seed N         seed (default: the spec's, else 0)
  --out FILE       also write the full result (result.toJSON()) to FILE
Run the same command on several machines with one --storage to work on one study together.`;

export type CliCommand =
  | { command: 'help' }
  | {
      command: 'tune';
      spec: string;
      study?: string;
      storage?: string;
      trials?: number;
      workers?: number;
      seed?: number;
      out?: string;
    };

const usage = (message: string) => new TuneError('CLI_USAGE', `${message}\n\n${USAGE}`);

export function parseArgs(argv: readonly string[]): CliCommand {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return { command: 'help' };
  const [command, ...rest] = argv;
  if (command !== 'tune') throw usage(`Unknown command '${command}'.`);
  const out: Extract<CliCommand, { command: 'tune' }> = { command: 'tune', spec: '' };
  const ints = new Set(['trials', 'workers', 'seed']);
  const flags = new Set(['study', 'storage', 'out', ...ints]);
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a.startsWith('--')) {
      const [flag, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (!flags.has(flag)) throw usage(`Unknown option '--${flag}'.`);
      const value = inline ?? rest[++i];
      if (value === undefined || value === '') throw usage(`Option '--${flag}' needs a value.`);
      if (ints.has(flag)) {
        const n = Number(value);
        if (!Number.isInteger(n) || n < (flag === 'seed' ? 0 : 1)) throw usage(`'--${flag}' must be a positive integer, got '${value}'.`);
        (out as Record<string, unknown>)[flag] = n;
      } else (out as Record<string, unknown>)[flag] = value;
    } else if (out.spec === '') out.spec = a;
    else throw usage(`Unexpected argument '${a}'.`);
  }
  if (out.spec === '') throw usage('Give the spec file: hyperwasm tune spec.json.');
  if ((out.study === undefined) !== (out.storage === undefined)) {
    throw usage('--study and --storage go together: a study needs a storage that outlives this process.');
  }
  return out;
}
