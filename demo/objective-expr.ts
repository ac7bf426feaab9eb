/**
 * The "your own objective" panel's pure part: the variables' ranges as a space, and the typed expression as an
 * optimize() objective. mathjs parses and evaluates it (its own evaluator: no eval or new Function, the page's CSP
 * holds). An expression that uses `step` is a stepped objective: it is evaluated at step = 1..steps, each value
 * reported with trial.report(step, value), and the trial stops (TrialPruned) as soon as trial.shouldPrune() says so;
 * its value is the last step's. Bad input is a TuneError saying what to write instead.
 */
import { create, all, type MathNode } from 'mathjs';
import { float, TuneError, TrialPruned, type Distribution, type Objective } from '../src/index';

const math = create(all);

/** The name a stepped expression uses for the step (1..steps). */
export const STEP = 'step';
export const MAX_STEPS = 500;

/** "x: -5..5, y: 1e-3..10 log" -> { x: float(-5, 5), y: float(1e-3, 10, { log: true }) }. */
export function parseObjectiveSpace(text: string): Record<string, Distribution> {
  const out: Record<string, Distribution> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z_]\w*)\s*:\s*(-?[\d.e+-]+)\s*\.\.\s*(-?[\d.e+-]+)(\s+log)?$/.exec(part);
    const bad = (why: string): TuneError => new TuneError('OBJECTIVE_SPACE', `"${part}": ${why}`, { part });
    if (!m) throw bad('write each variable as name: low..high (optionally "log"), e.g. x: -5..5');
    const low = Number(m[2]);
    const high = Number(m[3]);
    if (m[1] === STEP) throw bad(`"${STEP}" is the step of a stepped objective (1..steps); give the variable another name`);
    if (m[1] in out) throw bad(`${m[1]} is given twice; keep one range per variable`);
    if (!(low < high)) throw bad('the low bound must be below the high one');
    if (m[4] && low <= 0) throw bad('a log scale needs a positive low bound');
    out[m[1]] = float(low, high, m[4] ? { log: true } : undefined);
  }
  if (Object.keys(out).length === 0) throw new TuneError('OBJECTIVE_SPACE', 'Give at least one variable, e.g. x: -5..5');
  return out;
}

/**
 * The inverse of parseObjectiveSpace: "x: -5..5, lr: 0.001..10 log", or null when some variable is not a plain float
 * range (a loaded journal's int, stepped or categorical parameter has no such text).
 */
export function spaceText(space: Record<string, Distribution>): string | null {
  const parts: string[] = [];
  for (const [name, d] of Object.entries(space)) {
    if (Array.isArray(d) || d.kind !== 'float' || d.step !== null || !/^[A-Za-z_]\w*$/.test(name) || name === STEP) return null;
    parts.push(`${name}: ${d.low}..${d.high}${d.log ? ' log' : ''}`);
  }
  return parts.join(', ');
}

export interface CompiledObjective {
  /** True when the expression uses `step`: the objective then reports steps 1..steps and may be pruned. */
  stepped: boolean;
  steps: number;
  objective: Objective;
}

/** The expression as an objective over `space`'s variables (and `step`, when it uses it). */
export function compileObjective(expr: string, space: Record<string, Distribution>, steps: number): CompiledObjective {
  let node: MathNode;
  try {
    node = math.parse(expr);
  } catch (e) {
    throw new TuneError('OBJECTIVE_EXPRESSION', `f does not parse: ${(e as Error).message}. Write it as in a calculator, e.g. (x - 2)^2 + sin(3 x).`);
  }
  const symbols = new Set(node.filter((n) => n.type === 'SymbolNode').map((n) => (n as MathNode & { name: string }).name));
  const stepped = symbols.has(STEP);
  if (stepped && !(Number.isInteger(steps) && steps >= 1 && steps <= MAX_STEPS)) {
    throw new TuneError('OBJECTIVE_STEPS', `steps must be a whole number from 1 to ${MAX_STEPS}, got ${String(steps)}.`, { steps });
  }
  const compiled = node.compile();
  const names = Object.keys(space);
  const at = (params: Record<string, unknown>, step: number | null): number => {
    const scope: Record<string, unknown> = {};
    for (const k of names) scope[k] = params[k];
    if (step !== null) scope[STEP] = step;
    const v: unknown = compiled.evaluate(scope);
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n)) throw new Error(`f = ${String(v)}${step === null ? '' : ` at step ${step}`} is not a finite number`);
    return n;
  };
  if (!stepped) return { stepped, steps: 1, objective: (params) => at(params, null) };
  return {
    stepped,
    steps,
    objective: (params, trial) => {
      let v = NaN;
      for (let step = 1; step <= steps; step++) {
        v = at(params, step);
        trial.report(step, v);
        if (trial.shouldPrune()) throw new TrialPruned(`pruned at step ${step} of ${steps}`);
      }
      return v;
    },
  };
}
