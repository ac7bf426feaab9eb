/** The study the round-trip tests write with hyperwasm and hand to Python: every distribution kind and state. */
import type { Distribution } from '../../../../src/space/distributions';
import { JSON_CHOICES_ATTR, toInternal, toOptunaJson } from '../../../../src/storage/distributions';
import { TrialState } from '../../../../src/storage/journal/ops';
import type { JournalStorage } from '../../../../src/storage/storage';

export const SPACE: Record<string, Distribution> = {
  lr: { kind: 'float', low: 1e-5, high: 1e-1, step: null, log: true },
  grid: { kind: 'float', low: 0.1, high: 1.0, step: 0.3, log: false },
  depth: { kind: 'int', low: 1, high: 9, step: 2, log: false },
  units: { kind: 'int', low: 16, high: 512, step: 1, log: true },
  act: { kind: 'choice', values: ['relu', 'tanh', null] },
  // An array-valued choice (hiddenLayerSizes): stored as JSON texts, listed in the study's JSON_CHOICES_ATTR.
  layers: { kind: 'choice', values: [[64], [128, 64]] } as unknown as Distribution,
};

export interface WrittenTrial {
  state: TrialState;
  params: Record<string, unknown>;
  values: number[] | null;
  intermediate: Record<number, number>;
  userAttrs: Record<string, unknown>;
}

export const TRIALS: WrittenTrial[] = [
  {
    state: TrialState.COMPLETE,
    params: { lr: 0.00123, grid: 0.7, depth: 5, units: 64, act: 'tanh', layers: [128, 64] },
    values: [0.5],
    intermediate: { 0: 0.1, 1: 0.25 },
    userAttrs: { fold_scores: [0.4, 0.6], metrics: { accuracy: 0.5 } },
  },
  {
    state: TrialState.PRUNED,
    params: { lr: 0.05, grid: 0.1, depth: 1, units: 16, act: null, layers: [64] },
    values: null,
    intermediate: { 0: 0.05 },
    userAttrs: {},
  },
  { state: TrialState.FAIL, params: { lr: 1e-5, depth: 9 }, values: null, intermediate: {}, userAttrs: { error: 'x' } },
  {
    state: TrialState.COMPLETE,
    params: { lr: 0.1, grid: 1.0, depth: 3, units: 512, act: 'relu', layers: [64] },
    values: [2],
    intermediate: {},
    userAttrs: {},
  },
];

/** Writes study `name` through the storage API; trial 4 is WAITING (lr and act fixed), to be taken by a worker. */
export async function writeMixedStudy(storage: JournalStorage, name: string): Promise<number> {
  const studyId = await storage.createNewStudy(name, ['maximize']);
  await storage.setStudySystemAttr(studyId, JSON_CHOICES_ATTR, ['layers']);
  for (const t of TRIALS) {
    const { trialId } = await storage.createNewTrial(studyId);
    for (const [k, v] of Object.entries(t.params)) {
      await storage.setTrialParam(trialId, k, toInternal(SPACE[k], v, k), toOptunaJson(SPACE[k]));
    }
    for (const [step, v] of Object.entries(t.intermediate)) await storage.setTrialIntermediateValue(trialId, Number(step), v);
    for (const [k, v] of Object.entries(t.userAttrs)) await storage.setTrialUserAttr(trialId, k, v);
    await storage.setTrialStateValues(trialId, t.state, t.values);
  }
  await storage.createNewTrial(studyId, {
    state: TrialState.WAITING,
    values: null,
    datetimeStart: null,
    distributions: { lr: toOptunaJson(SPACE.lr), act: toOptunaJson(SPACE.act) },
    params: { lr: toInternal(SPACE.lr, 0.001), act: toInternal(SPACE.act, 'relu') },
  });
  return studyId;
}
