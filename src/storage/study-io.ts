/**
 * Helpers for the study layer on top of JournalStorage: join a study by name (refusing, before writing anything, one
 * whose directions or space disagree with the call), decode stored trials into hyperwasm values, and record a
 * finished trial in one journal line.
 */
import { TuneError } from '../errors';
import type { Distribution } from '../space/distributions';
import {
  JSON_CHOICES_ATTR,
  fromInternal,
  fromOptunaDistribution,
  needsJsonChoices,
  toInternal,
  toOptunaDistribution,
  toOptunaJson,
} from './distributions';
import { pyLoads } from './journal/pyjson';
import { StudyDirection, TrialState, isoNow } from './journal/ops';
import { distributionToJson } from './journal/optuna-distributions';
import type { FrozenTrial } from './journal/replay';
import type { DirectionName, JournalStorage } from './storage';

/** Params by name (a conditional space: the union of its sub-spaces' params, each name with one distribution). */
export type ParamSpace = Readonly<Record<string, Distribution>>;

const DIRECTION: Record<DirectionName, StudyDirection> = {
  minimize: StudyDirection.MINIMIZE,
  maximize: StudyDirection.MAXIMIZE,
};
const NAME = ['not set', 'minimize', 'maximize'];

/**
 * The study `name`: created when absent (with JSON_CHOICES_ATTR when the space has array choices), else checked:
 * its directions must equal `directions` (TuneError STUDY_DIRECTION_MISMATCH) and every param of `space` that a
 * stored trial has must be stored with the same distribution (STUDY_SPACE_MISMATCH). Nothing is written on error.
 */
export async function loadOrCreateStudy(
  storage: JournalStorage,
  name: string,
  directions: readonly DirectionName[],
  space?: ParamSpace,
): Promise<{ studyId: number; created: boolean }> {
  const existing = (await storage.getAllStudies()).find((s) => s.studyName === name);
  if (existing === undefined) {
    try {
      const studyId = await storage.createNewStudy(name, directions);
      const json = Object.entries(space ?? {})
        .filter(([, d]) => needsJsonChoices(d))
        .map(([k]) => k);
      if (json.length > 0) await storage.setStudySystemAttr(studyId, JSON_CHOICES_ATTR, json);
      return { studyId, created: true };
    } catch (e) {
      // Another worker created it between our read and our write: join theirs.
      if (!(e instanceof TuneError) || e.code !== 'STUDY_DUPLICATED') throw e;
    }
  }
  const studyId = await storage.getStudyIdFromName(name);
  const stored = await storage.getStudyDirections(studyId);
  const wanted = directions.map((d) => DIRECTION[d]);
  if (stored.length !== wanted.length || stored.some((d, i) => d !== wanted[i])) {
    throw new TuneError(
      'STUDY_DIRECTION_MISMATCH',
      `Study '${name}' ${stored.length > 1 ? 'has directions' : 'is to'} ${stored.map((d) => NAME[d]).join(', ')}, ` +
        `but this call asks to ${directions.join(', ')}. Use the study's direction or another study name.`,
      { study: name, stored: stored.map((d) => NAME[d]), requested: directions },
    );
  }
  if (space !== undefined) checkSpace(name, await storage.getAllTrials(studyId), space);
  return { studyId, created: false };
}

/** STUDY_SPACE_MISMATCH when a stored trial holds a param of `space` under another distribution. */
export function checkSpace(study: string, trials: readonly FrozenTrial[], space: ParamSpace): void {
  const ours = new Map(Object.entries(space).map(([k, d]) => [k, toOptunaJson(d)]));
  for (const t of trials) {
    for (const [k, d] of Object.entries(t.distributions)) {
      const mine = ours.get(k);
      const theirs = distributionToJson(d);
      if (mine !== undefined && mine !== theirs) {
        throw new TuneError(
          'STUDY_SPACE_MISMATCH',
          `Study '${study}' stores '${k}' as ${theirs} (trial #${t.number}), but this call's space has ${mine}. ` +
            'Use the same space to resume this study, or another study name.',
          { study, param: k, stored: theirs, requested: mine },
        );
      }
    }
  }
}

/**
 * A stored trial's params as hyperwasm values: by the call's space when it has the param, else from the stored
 * distribution (JSON choices decoded when the study lists the param in JSON_CHOICES_ATTR).
 */
export function decodeParams(
  trial: FrozenTrial,
  space: ParamSpace = {},
  jsonChoiceParams: readonly string[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, internal] of Object.entries(trial.params)) {
    const d = space[k] ?? fromOptunaDistribution(trial.distributions[k], jsonChoiceParams.includes(k));
    out[k] = fromInternal(d, internal);
  }
  return out;
}

export interface FinishedTrial {
  params: Readonly<Record<string, unknown>>;
  state: typeof TrialState.COMPLETE | typeof TrialState.PRUNED | typeof TrialState.FAIL;
  values: readonly number[] | null;
  /** When it ran (Optuna's local naive text); default: now, for both (a trial recorded the moment it finished). */
  datetimeStart?: string;
  datetimeComplete?: string;
  intermediateValues?: ReadonlyMap<number, number>;
  userAttrs?: Readonly<Record<string, unknown>>;
  systemAttrs?: Readonly<Record<string, unknown>>;
}

/**
 * Records a trial that already finished as ONE journal line (create_new_trial with a template, as Optuna's
 * study.add_trial does): a process killed afterwards cannot leave it half written. Returns its id and number.
 */
export function recordFinishedTrial(
  storage: JournalStorage,
  studyId: number,
  space: ParamSpace,
  trial: FinishedTrial,
): Promise<{ trialId: number; number: number }> {
  const distributions: Record<string, string> = {};
  const params: Record<string, number> = {};
  for (const [k, v] of Object.entries(trial.params)) {
    const d = space[k];
    if (d === undefined) {
      throw new TuneError('STUDY_PARAM_NOT_IN_SPACE', `'${k}' is not a param of the study's space.`, { param: k });
    }
    distributions[k] = toOptunaJson(d);
    params[k] = toInternal(d, v, k);
  }
  return storage.createNewTrial(studyId, {
    state: trial.state,
    values: trial.values,
    datetimeStart: trial.datetimeStart ?? isoNow(),
    datetimeComplete: trial.datetimeComplete ?? isoNow(),
    distributions,
    params,
    intermediateValues: trial.intermediateValues,
    userAttrs: trial.userAttrs,
    systemAttrs: trial.systemAttrs,
  });
}

/** Optuna's enqueue_trial: a WAITING trial whose params are fixed through the system attribute `fixed_params`. */
export const FIXED_PARAMS_ATTR = 'fixed_params';

/**
 * Optuna's study.enqueue_trial(params): a WAITING trial with `fixed_params` (external values; array choices as their
 * JSON text, as Python would see them) that the next worker to pop it evaluates with those params.
 */
export function enqueueTrial(
  storage: JournalStorage,
  studyId: number,
  params: Readonly<Record<string, unknown>>,
  space: ParamSpace = {},
  userAttrs: Readonly<Record<string, unknown>> = {},
): Promise<{ trialId: number; number: number }> {
  const fixed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    const d = space[k];
    fixed[k] = d !== undefined && needsJsonChoices(d) ? (toOptunaDistribution(d) as { choices: readonly unknown[] }).choices[toInternal(d, v, k)] : v;
  }
  return storage.createNewTrial(studyId, {
    state: TrialState.WAITING,
    values: null,
    datetimeStart: null,
    distributions: {},
    params: {},
    userAttrs,
    systemAttrs: { [FIXED_PARAMS_ATTR]: fixed },
  });
}

/**
 * Optuna's _pop_waiting_trial_id: claims the first WAITING trial of the study this worker can set RUNNING (another
 * worker may win one first; then the next is tried). Returns the claimed trial, or null when none is waiting.
 */
export async function popWaitingTrial(storage: JournalStorage, studyId: number): Promise<FrozenTrial | null> {
  for (const t of await storage.getAllTrials(studyId, [TrialState.WAITING])) {
    if (await storage.setTrialStateValues(t.trialId, TrialState.RUNNING)) return storage.getTrial(t.trialId);
  }
  return null;
}

/**
 * The params a popped trial must be evaluated with: those already set on it (decoded as decodeParams does) and
 * its `fixed_params` (Optuna's enqueue_trial; JSON-choice params decoded back into arrays).
 */
export function fixedParams(trial: FrozenTrial, space: ParamSpace = {}, jsonChoiceParams: readonly string[] = []) {
  const out = decodeParams(trial, space, jsonChoiceParams);
  const fixed = (trial.systemAttrs[FIXED_PARAMS_ATTR] ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(fixed)) {
    const d = space[k];
    const json = (d !== undefined && needsJsonChoices(d)) || (d === undefined && jsonChoiceParams.includes(k));
    out[k] = json && typeof v === 'string' ? pyLoads(v) : v;
  }
  return out;
}

/** Optuna's local naive datetime text as a Date (local time). */
export function parseOptunaDatetime(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(text);
  if (m === null) return new Date(text);
  const [, y, mo, d, h, mi, s, frac = '0'] = m;
  return new Date(+y, +mo - 1, +d, +h, +mi, +s, Math.floor(Number(frac.padEnd(6, '0')) / 1000));
}

/**
 * Fails the RUNNING trials that started more than `olderThanMs` ago (workers that died: Optuna 3.1's journal has no
 * heartbeat, so age is the only sign) and, with `requeue`, enqueues their params again as WAITING trials. Only for
 * callers that know no live worker runs that long. Returns the numbers of the trials failed.
 */
export async function failStaleTrials(
  storage: JournalStorage,
  studyId: number,
  options: { olderThanMs: number; now?: Date; requeue?: boolean; space?: ParamSpace },
): Promise<number[]> {
  const now = (options.now ?? new Date()).getTime();
  const failed: number[] = [];
  for (const t of await storage.getAllTrials(studyId, [TrialState.RUNNING])) {
    if (t.datetimeStart === null || now - parseOptunaDatetime(t.datetimeStart).getTime() <= options.olderThanMs) continue;
    await storage.setTrialSystemAttr(t.trialId, 'hyperwasm:stale', true);
    await storage.setTrialStateValues(t.trialId, TrialState.FAIL);
    failed.push(t.number);
    if (options.requeue) await enqueueTrial(storage, studyId, fixedParams(t, options.space ?? {}), options.space ?? {});
  }
  return failed;
}
