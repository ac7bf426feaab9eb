/**
 * Successive halving and Hyperband as ask/tell state machines over candidate indices, for the search loop.
 *
 * The loop calls ask(): it gets a whole rung (every candidate of one rung of one bracket, with its resource),
 * 'wait' (every rung that can start has been handed out; tell the pending results first) or 'done'. It runs
 * each ask (a candidate trained and scored with `resource` rows / epochs / folds) and calls tell(candidate,
 * rung, score) with the score, greater is better unless `greaterIsBetter: false`, NaN for a failed trial.
 *
 * Determinism: a rung starts only when the previous rung of its bracket is fully told, and who advances depends
 * only on that rung's scores (selectSurvivors: ties to the lower candidate index), so what is evaluated (candidate,
 * params, rung, resource) never depends on timing or worker count. Candidates come from `propose(n)` (a grid or a
 * seeded random sequence), called once per bracket, in bracket order (a bracket's first rung is handed out before
 * the next bracket's), so candidate indices are fixed too: bracket b's candidates follow bracket b - 1's.
 * Hyperband's brackets are independent: while one waits for results, ask() hands out the next bracket's rung, so
 * only the ORDER in which rungs are handed out may depend on timing, never their content.
 *
 * Ranking (`ranking()`): only candidates that completed the last rung of their bracket count, by their score
 * there: for halving the last iteration (as scikit-learn's _select_best_index; its resource may be below
 * maxResources, as in scikit-learn), for Hyperband the rungs at maxResource. Everything else is 'pruned' (or
 * 'failed' when its last score is NaN), with the rungs it ran.
 */
import type { Params } from '../../types';
import { hyperbandBrackets } from './hyperband';
import type { HyperbandInput } from './hyperband';
import { halvingSchedule } from './schedule';
import type { HalvingScheduleInput } from './schedule';
import { rankCandidates } from './select';

export interface BudgetedAsk {
  candidate: number;
  params: Params;
  resource: number;
  rung: number;
  bracket?: number;
  /**
   * From rung 1 on: the resource this candidate already got at the previous rung of its bracket, so an executor
   * that kept the model (SGD / MLP weights after that many epochs) can continue from there instead of restarting.
   * For `rows` and `folds` the previous fit is on a subset and cannot be continued: the executor retrains.
   */
  resumeFrom?: number;
  /** True on its bracket's last rung: no rung follows, so an executor need not keep the model for one. */
  final: boolean;
}

export interface BudgetedStrategy {
  ask(): BudgetedAsk[] | 'wait' | 'done';
  tell(candidate: number, rung: number, score: number): void;
  /** Candidates that completed their bracket's last rung, best first (NaN last, ties by index). */
  ranking(): { candidate: number; score: number }[];
  /** Every proposed candidate with the rungs it ran and its state. */
  trials(): BudgetedTrial[];
  /**
   * Total resource of the plan (sum over rungs of candidates x resource), for progress and ETA counted in resource,
   * not trials. Rungs follow the plan exactly; the figure only drops when a bracket starts and its `propose`
   * returns fewer candidates than planned (a small discrete space).
   */
  readonly plannedResource: number;
}

export interface BudgetedTrial {
  candidate: number;
  params: Params;
  bracket: number;
  rungs: { rung: number; resource: number; score: number }[];
  /** 'complete': finished its bracket's last rung; 'pending': still in play; 'pruned' / 'failed': stopped early. */
  status: 'complete' | 'pending' | 'pruned' | 'failed';
}

/** One bracket's plan: candidates per rung (rung 0 = how many to propose) and resource per rung. */
interface BracketPlan {
  nCandidates: number[];
  resources: number[];
}

interface BracketState {
  plan: BracketPlan;
  /** Global indices of this bracket's candidates (after proposal). */
  members: number[] | undefined;
  rung: number;
  /** Candidates of the current rung and their told scores. */
  current: number[];
  told: Map<number, number>;
  issued: boolean;
  finished: boolean;
}

export type Propose = (n: number) => Params[];

function createBudgetedStrategy(
  plans: BracketPlan[],
  propose: Propose,
  factor: number,
  greaterIsBetter: boolean,
  replan?: (actual: number) => BracketPlan,
): BudgetedStrategy {
  const params: Params[] = [];
  const bracketOf: number[] = [];
  const history: Map<number, { rung: number; resource: number; score: number }[]> = new Map();
  const states: BracketState[] = plans.map((plan) => ({
    plan,
    members: undefined,
    rung: 0,
    current: [],
    told: new Map(),
    issued: false,
    finished: false,
  }));
  const completedAtLast = new Map<number, number>();
  let planned = plans.reduce((s, p) => s + p.nCandidates.reduce((a, n, i) => a + n * p.resources[i], 0), 0);

  function startBracket(b: number): void {
    const st = states[b];
    const proposed = propose(st.plan.nCandidates[0]);
    if (proposed.length !== st.plan.nCandidates[0]) {
      // Fewer candidates than planned (a small discrete space): halving recomputes scikit-learn's schedule for
      // the real count; Hyperband keeps its resources and shrinks the counts (at most ceil(n / factor) advance).
      const cost = (p: BracketPlan) => p.nCandidates.reduce((a, n, i) => a + n * p.resources[i], 0);
      const before = cost(st.plan);
      if (proposed.length === 0) st.plan = { nCandidates: [0], resources: [0] };
      else if (replan) st.plan = replan(proposed.length);
      else {
        const counts = [proposed.length];
        for (let i = 1; i < st.plan.nCandidates.length; i++) {
          counts.push(Math.max(1, Math.min(st.plan.nCandidates[i], Math.ceil(counts[i - 1] / factor))));
        }
        st.plan = { nCandidates: counts, resources: st.plan.resources };
      }
      planned += cost(st.plan) - before;
    }
    st.members = proposed.map((p) => {
      params.push(p);
      bracketOf.push(b);
      history.set(params.length - 1, []);
      return params.length - 1;
    });
    st.current = st.members.slice();
    if (st.current.length === 0) st.finished = true;
  }

  function advance(b: number): void {
    const st = states[b];
    const scores = st.current.map((c) => st.told.get(c)!);
    const last = st.rung === st.plan.resources.length - 1;
    if (last) {
      st.current.forEach((c, i) => completedAtLast.set(c, scores[i]));
      st.finished = true;
      return;
    }
    const planned = st.plan.nCandidates[st.rung + 1];
    const keep = Math.max(1, Math.min(planned, Math.ceil(st.current.length / factor)));
    st.current = rankCandidates(st.current, scores, greaterIsBetter)
      .slice(0, keep)
      .sort((x, y) => x - y);
    st.rung++;
    st.told = new Map();
    st.issued = false;
  }

  return {
    get plannedResource() {
      return planned;
    },
    ask() {
      for (let b = 0; b < states.length; b++) {
        const st = states[b];
        if (st.finished || st.issued) continue;
        if (st.members === undefined) {
          startBracket(b);
          if (st.finished) continue;
        }
        st.issued = true;
        const resource = st.plan.resources[st.rung];
        const resumeFrom = st.rung > 0 ? st.plan.resources[st.rung - 1] : undefined;
        const final = st.rung === st.plan.resources.length - 1;
        return st.current.map((candidate) => ({
          candidate,
          params: params[candidate],
          resource,
          rung: st.rung,
          final,
          ...(states.length > 1 ? { bracket: b } : {}),
          ...(resumeFrom !== undefined ? { resumeFrom } : {}),
        }));
      }
      return states.every((s) => s.finished) ? 'done' : 'wait';
    },
    tell(candidate, rung, score) {
      const b = bracketOf[candidate];
      const st = b === undefined ? undefined : states[b];
      if (st === undefined || !st.issued || st.rung !== rung || !st.current.includes(candidate)) {
        throw new RangeError(`tell(${candidate}, ${rung}): this candidate was not handed out at that rung`);
      }
      if (st.told.has(candidate)) throw new RangeError(`tell(${candidate}, ${rung}): already told`);
      if (typeof score !== 'number') throw new TypeError(`tell(${candidate}, ${rung}): score must be a number (NaN for a failure)`);
      st.told.set(candidate, score);
      history.get(candidate)!.push({ rung, resource: st.plan.resources[rung], score });
      if (st.told.size === st.current.length) advance(b);
    },
    ranking() {
      const cands = [...completedAtLast.keys()];
      const ranked = rankCandidates(cands, cands.map((c) => completedAtLast.get(c)!), greaterIsBetter);
      return ranked.map((candidate) => ({ candidate, score: completedAtLast.get(candidate)! }));
    },
    trials() {
      return params.map((p, candidate) => {
        const rungs = history.get(candidate)!.slice();
        const st = states[bracketOf[candidate]];
        let status: BudgetedTrial['status'];
        if (completedAtLast.has(candidate)) status = 'complete';
        else if (!st.finished && st.current.includes(candidate)) status = 'pending';
        else status = Number.isNaN(rungs.at(-1)?.score ?? Number.NaN) ? 'failed' : 'pruned';
        return { candidate, params: p, bracket: bracketOf[candidate], rungs, status };
      });
    },
  };
}

export interface HalvingStrategyInput {
  /** The schedule's inputs except nCandidates, which is the number `propose` actually returns. */
  schedule: Omit<HalvingScheduleInput, 'nCandidates'>;
  /** How many candidates to ask `propose` for (grid size, or the random search's trials). */
  nCandidates: number;
  propose: Propose;
  greaterIsBetter?: boolean;
}

/** scikit-learn's Halving*SearchCV as a strategy: one bracket whose rungs are halvingSchedule's iterations. */
export function createHalvingStrategy(input: HalvingStrategyInput): BudgetedStrategy {
  const toPlan = (n: number): BracketPlan => {
    const s = halvingSchedule({ ...input.schedule, nCandidates: n });
    return { nCandidates: s.iterations.map((i) => i.nCandidates), resources: s.iterations.map((i) => i.nResources) };
  };
  // Validates the inputs now (a TuneError before anything runs), replanned once the real count is known.
  const plan = toPlan(input.nCandidates);
  return createBudgetedStrategy([plan], input.propose, input.schedule.factor, input.greaterIsBetter !== false, toPlan);
}

export interface HyperbandStrategyInput extends HyperbandInput {
  propose: Propose;
  greaterIsBetter?: boolean;
}

/** Li et al.'s Hyperband: brackets s = sMax .. 0 of successive halving, each with fresh candidates. */
export function createHyperbandStrategy(input: HyperbandStrategyInput): BudgetedStrategy {
  const plans = hyperbandBrackets(input).map((b) => ({
    nCandidates: b.rungs.map((r) => r.nCandidates),
    resources: b.rungs.map((r) => r.resource),
  }));
  return createBudgetedStrategy(plans, input.propose, input.factor, input.greaterIsBetter !== false);
}
