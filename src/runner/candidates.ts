/**
 * The candidates of one tune() search, by number: each proposal resolved to its estimator, its hyperparameters with
 * and without defaults, and the accumulator its fold outcomes fill. The one place that turns a strategy's Params into
 * something the workers can run.
 */
import type { EstimatorDef } from '../estimators/types';
import type { Params } from '../types';
import type { ResolvedModels, CandidateContext } from '../validate';
import { validateCandidate, withDefaults } from '../validate';
import { TrialAccumulator } from '../results';
import type { Proposal } from '../search/index';

export interface Candidate {
  number: number;
  params: Params;
  def: EstimatorDef;
  /** The hyperparameters the candidate sets (without `model`). */
  hp: Params;
  /** hp over the model's defaults: what the trainer uses. */
  full: Params;
  acc: TrialAccumulator;
}

export class CandidateBook {
  readonly all: Candidate[] = [];

  constructor(
    private readonly models: ResolvedModels,
    private readonly defaultModel: string | undefined,
    private readonly ctx: CandidateContext,
    private readonly scoring: string[],
    private readonly nSlots: number,
  ) {}

  /**
   * Resolves and validates a proposal. `strict` (grid and random search, all proposed before any worker starts)
   * rethrows a TuneError; otherwise (adaptive strategies, proposed mid-search) the error fails that candidate alone:
   * its accumulator holds the message and it needs no task.
   */
  admit(p: Proposal, strict: boolean): Candidate {
    const def = this.models.defs.find((d) => d.id === ((p.params.model as string | undefined) ?? this.defaultModel))!;
    const hp: Params = { ...p.params };
    delete hp.model;
    const acc = new TrialAccumulator(p.number, p.params, this.scoring, this.nSlots);
    try {
      validateCandidate(def, hp, this.ctx, this.scoring);
    } catch (e) {
      if (strict) throw e;
      for (let s = 0; s < this.nSlots; s++) acc.addFailure((e as Error).message);
    }
    const c: Candidate = { number: p.number, params: p.params, def, hp, full: withDefaults(def, hp), acc };
    this.all[p.number] = c;
    return c;
  }
}
