/**
 * The journal's vocabulary, as Optuna 3.1 writes it (optuna/storages/_journal/storage.py): op codes, trial states,
 * study directions, and each op's record with its fields in Optuna's key order. A record on the wire is
 * `{"op_code": ..., "worker_id": ..., ...fields}`, one JSON line per op (see codec.ts).
 */
import { pyFloat, type PyFloat } from './pyjson';

/** JournalOperation (an IntEnum, written as its number). */
export const OpCode = {
  CREATE_STUDY: 0,
  DELETE_STUDY: 1,
  SET_STUDY_USER_ATTR: 2,
  SET_STUDY_SYSTEM_ATTR: 3,
  CREATE_TRIAL: 4,
  SET_TRIAL_PARAM: 5,
  SET_TRIAL_STATE_VALUES: 6,
  SET_TRIAL_INTERMEDIATE_VALUE: 7,
  SET_TRIAL_USER_ATTR: 8,
  SET_TRIAL_SYSTEM_ATTR: 9,
} as const;
export type OpCode = (typeof OpCode)[keyof typeof OpCode];
export const MAX_OP_CODE = 9;

/** optuna.trial.TrialState. */
export const TrialState = { RUNNING: 0, COMPLETE: 1, PRUNED: 2, FAIL: 3, WAITING: 4 } as const;
export type TrialState = (typeof TrialState)[keyof typeof TrialState];
export const TRIAL_STATE_NAMES = ['RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING'] as const;

/** TrialState.is_finished(): neither RUNNING nor WAITING. */
export function isFinished(state: TrialState): boolean {
  return state !== TrialState.RUNNING && state !== TrialState.WAITING;
}

/** optuna.study.StudyDirection. */
export const StudyDirection = { NOT_SET: 0, MINIMIZE: 1, MAXIMIZE: 2 } as const;
export type StudyDirection = (typeof StudyDirection)[keyof typeof StudyDirection];

/** A parsed journal record: what json.loads gives for one line (fields checked by the replay). */
export type JournalRecord = { op_code: number; worker_id: string } & Record<string, unknown>;

/** A record to write: plain JSON values, with PyFloat where Python holds a float. */
export type WireRecord = Record<string, unknown>;

/** Optuna's datetime.now().isoformat(timespec="microseconds"): local, naive, six fraction digits. */
export function isoNow(date: Date = new Date()): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return (
    `${p(date.getFullYear(), 4)}-${p(date.getMonth() + 1)}-${p(date.getDate())}T` +
    `${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}.${p(date.getMilliseconds(), 3)}000`
  );
}

const floats = (values: readonly number[] | null | undefined): PyFloat[] | null =>
  values === null || values === undefined ? null : values.map(pyFloat);

function record(op: OpCode, workerId: string, fields: WireRecord): WireRecord {
  return { op_code: op, worker_id: workerId, ...fields };
}

export function createStudyOp(workerId: string, studyName: string, directions: readonly StudyDirection[]): WireRecord {
  return record(OpCode.CREATE_STUDY, workerId, { study_name: studyName, directions: [...directions] });
}

export function deleteStudyOp(workerId: string, studyId: number): WireRecord {
  return record(OpCode.DELETE_STUDY, workerId, { study_id: studyId });
}

export function setStudyAttrOp(workerId: string, studyId: number, kind: 'user' | 'system', key: string, value: unknown) {
  return kind === 'user'
    ? record(OpCode.SET_STUDY_USER_ATTR, workerId, { study_id: studyId, user_attr: { [key]: value } })
    : record(OpCode.SET_STUDY_SYSTEM_ATTR, workerId, { study_id: studyId, system_attr: { [key]: value } });
}

/** What create_new_trial copies from a template trial (a FrozenTrial in Optuna). */
export interface TrialTemplate {
  state: TrialState;
  /** One value (or null) for a single objective, the list for several. */
  values: readonly number[] | null;
  datetimeStart: string | null;
  datetimeComplete?: string | null;
  /** Distribution JSON (distribution_to_json) per param, in the order params were set. */
  distributions: Readonly<Record<string, string>>;
  /** Internal values, keyed like distributions. Categorical indices are ints, the rest floats. */
  params: Readonly<Record<string, number>>;
  userAttrs?: Readonly<Record<string, unknown>>;
  systemAttrs?: Readonly<Record<string, unknown>>;
  intermediateValues?: ReadonlyMap<number, number> | Readonly<Record<number, number>>;
}

/** Optuna writes a categorical index as an int and every other internal value as a float. */
export function internalWire(distributionJson: string, internal: number): number | PyFloat {
  return distributionJson.startsWith('{"name": "CategoricalDistribution"') ? internal : pyFloat(internal);
}

export function createTrialOp(workerId: string, studyId: number, now: string, template?: TrialTemplate): WireRecord {
  const fields: WireRecord = { study_id: studyId, datetime_start: now };
  if (template !== undefined) {
    fields.state = template.state;
    const vs = template.values;
    if (vs !== null && vs.length > 1) {
      fields.value = null;
      fields.values = floats(vs);
    } else {
      fields.value = vs === null || vs.length === 0 ? null : pyFloat(vs[0]);
      fields.values = null;
    }
    fields.datetime_start = template.datetimeStart;
    if (template.datetimeComplete) fields.datetime_complete = template.datetimeComplete;
    fields.distributions = { ...template.distributions };
    const params: Record<string, number | PyFloat> = {};
    for (const [k, v] of Object.entries(template.params)) params[k] = internalWire(template.distributions[k] ?? '', v);
    fields.params = params;
    fields.user_attrs = template.userAttrs ?? {};
    fields.system_attrs = template.systemAttrs ?? {};
    const iv = template.intermediateValues ?? {};
    const entries = iv instanceof Map ? [...iv.entries()] : Object.entries(iv).map(([k, v]) => [Number(k), v]);
    fields.intermediate_values = new Map(entries.map(([k, v]) => [String(k), pyFloat(v as number)]));
  }
  return record(OpCode.CREATE_TRIAL, workerId, fields);
}

export function setTrialParamOp(
  workerId: string,
  trialId: number,
  name: string,
  internal: number,
  distributionJson: string,
): WireRecord {
  return record(OpCode.SET_TRIAL_PARAM, workerId, {
    trial_id: trialId,
    param_name: name,
    param_value_internal: internalWire(distributionJson, internal),
    distribution: distributionJson,
  });
}

export function setTrialStateValuesOp(
  workerId: string,
  trialId: number,
  state: TrialState,
  values: readonly number[] | null,
  now: string,
): WireRecord {
  const fields: WireRecord = { trial_id: trialId, state, values: floats(values) };
  if (state === TrialState.RUNNING) fields.datetime_start = now;
  else if (isFinished(state)) fields.datetime_complete = now;
  return record(OpCode.SET_TRIAL_STATE_VALUES, workerId, fields);
}

export function setTrialIntermediateValueOp(workerId: string, trialId: number, step: number, value: number) {
  return record(OpCode.SET_TRIAL_INTERMEDIATE_VALUE, workerId, {
    trial_id: trialId,
    step,
    intermediate_value: pyFloat(value),
  });
}

export function setTrialAttrOp(workerId: string, trialId: number, kind: 'user' | 'system', key: string, value: unknown) {
  return kind === 'user'
    ? record(OpCode.SET_TRIAL_USER_ATTR, workerId, { trial_id: trialId, user_attr: { [key]: value } })
    : record(OpCode.SET_TRIAL_SYSTEM_ATTR, workerId, { trial_id: trialId, system_attr: { [key]: value } });
}
