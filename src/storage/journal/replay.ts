/**
 * Replay of journal records into study state: a pure port of Optuna 3.1's JournalStorageReplayResult.
 *
 * Every process replays the same log and so agrees on the same state: study ids count CREATE_STUDY ops that took
 * effect, trial ids count CREATE_TRIAL ops over all studies, a trial's number counts the trials of its study before it.
 * An op that is not valid where it lands (a duplicate study name, a trial already finished, a param whose distribution
 * clashes with an earlier trial's, an unknown id) is IGNORED when another worker wrote it and an ERROR when this worker
 * did, as in Optuna. A RUNNING state written on a trial that is already RUNNING is ignored, so of several workers
 * racing to take one WAITING trial, only the first in the log owns it (ownedTrialId).
 *
 * No I/O: records come from a backend; `precheck` lets the storage refuse a bad op before writing it.
 */
import { TuneError } from '../../errors';
import { MAX_OP_CODE, OpCode, StudyDirection, TrialState, isFinished, type JournalRecord } from './ops';
import { incompatibility, parseDistribution, type OptunaDistribution } from './optuna-distributions';

export interface FrozenStudy {
  readonly studyId: number;
  readonly studyName: string;
  readonly directions: readonly StudyDirection[];
  readonly userAttrs: Record<string, unknown>;
  readonly systemAttrs: Record<string, unknown>;
}

export interface FrozenTrial {
  readonly trialId: number;
  readonly studyId: number;
  /** 0, 1, ... within its study, in log order. */
  readonly number: number;
  readonly state: TrialState;
  /** Internal values (categorical: the index; int: a float), as the journal holds them. */
  readonly params: Readonly<Record<string, number>>;
  readonly distributions: Readonly<Record<string, OptunaDistribution>>;
  readonly userAttrs: Readonly<Record<string, unknown>>;
  readonly systemAttrs: Readonly<Record<string, unknown>>;
  /** FrozenTrial.values: null until a value is told (a single objective has one). */
  readonly values: readonly number[] | null;
  readonly intermediateValues: Readonly<Record<number, number>>;
  /** Local naive ISO datetimes as Optuna writes them ("2026-12-01T21:56:57.123456"), or null. */
  readonly datetimeStart: string | null;
  readonly datetimeComplete: string | null;
}

type Fields = Record<string, unknown>;

function badRecord(logNumber: number, why: string): TuneError {
  return new TuneError('JOURNAL_BAD_RECORD', `Journal record ${logNumber + 1} ${why}; the journal is damaged.`, {
    line: logNumber + 1,
  });
}

/** Errors for ops this worker issued (Optuna: KeyError, DuplicatedStudyError, RuntimeError, ValueError). */
const problems = {
  studyNotFound: (id: unknown) =>
    new TuneError('STUDY_NOT_FOUND', `No study with id ${String(id)} exists in this storage.`, { studyId: id }),
  trialNotFound: (id: unknown) =>
    new TuneError('TRIAL_NOT_FOUND', `No trial with id ${String(id)} exists in this storage.`, { trialId: id }),
  duplicated: (name: string) =>
    new TuneError(
      'STUDY_DUPLICATED',
      `Another study with name '${name}' already exists. Use a different name, or load the existing one.`,
      { studyName: name },
    ),
  finished: (number: number) =>
    new TuneError('TRIAL_FINISHED', `Trial #${number} has already finished and can not be updated.`, { number }),
  incompatible: (name: string, why: string) =>
    new TuneError('STUDY_DISTRIBUTION_MISMATCH', `Parameter '${name}': ${why}`, { param: name }),
};

export class JournalReplay {
  /** How many records have been applied (JournalStorageReplayResult.log_number_read). */
  logNumberRead = 0;
  /** The trial this worker owns: the last one it created RUNNING or moved to RUNNING. */
  ownedTrialId: number | null = null;
  lastCreatedTrialId = -1;

  private readonly studies = new Map<number, FrozenStudy>();
  private readonly trials: FrozenTrial[] = [];
  private readonly studyTrialIds = new Map<number, number[]>();
  private nextStudyId = 0;

  constructor(readonly workerId: string) {}

  /** Applies records in log order. Throws (after counting the record, as Optuna) on a bad op of this worker. */
  apply(records: readonly JournalRecord[]): void {
    for (const r of records) {
      const n = this.logNumberRead;
      this.logNumberRead++;
      this.applyOne(r, n, true);
    }
  }

  /** Throws what applying `record` (as this worker's) would throw, without changing anything. */
  precheck(record: JournalRecord): void {
    this.applyOne(record, this.logNumberRead, false);
  }

  getStudy(studyId: number): FrozenStudy {
    const s = this.studies.get(studyId);
    if (s === undefined) throw problems.studyNotFound(studyId);
    return s;
  }

  getAllStudies(): FrozenStudy[] {
    return [...this.studies.values()];
  }

  getTrial(trialId: number): FrozenTrial {
    const t = Number.isInteger(trialId) ? this.trials[trialId] : undefined;
    if (t === undefined) throw problems.trialNotFound(trialId);
    return t;
  }

  getAllTrials(studyId: number, states?: readonly TrialState[]): FrozenTrial[] {
    this.getStudy(studyId);
    const out: FrozenTrial[] = [];
    for (const id of this.studyTrialIds.get(studyId) ?? []) {
      const t = this.trials[id];
      if (states === undefined || states.includes(t.state)) out.push(t);
    }
    return out;
  }

  /** The trial id of trial `number` in a study (get_trial_id_from_study_id_trial_number). */
  trialIdOf(studyId: number, number: number): number {
    const id = (this.studyTrialIds.get(studyId) ?? [])[number];
    if (id === undefined) throw problems.trialNotFound(`#${number} of study ${studyId}`);
    return id;
  }

  private applyOne(r: JournalRecord, n: number, commit: boolean): void {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) throw badRecord(n, 'is not an object');
    const op = r.op_code;
    if (typeof op !== 'number' || !Number.isInteger(op) || op < 0 || op > MAX_OP_CODE) {
      throw new TuneError(
        'JOURNAL_UNKNOWN_OP',
        `Journal record ${n + 1} has op_code ${JSON.stringify(op)}, which Optuna 3.1's journal does not define ` +
          `(0..${MAX_OP_CODE}). It was written by a newer or foreign tool; open it with that tool.`,
        { line: n + 1, opCode: op },
      );
    }
    const mine = r.worker_id === this.workerId;
    const f = r as Fields;
    const need = (key: string): unknown => {
      if (!(key in f)) throw badRecord(n, `(op ${op}) has no '${key}'`);
      return f[key];
    };
    switch (op) {
      case OpCode.CREATE_STUDY:
        return this.createStudy(need, mine, commit);
      case OpCode.DELETE_STUDY: {
        const id = need('study_id') as number;
        if (this.studyExists(id, mine) && commit) this.studies.delete(id);
        return;
      }
      case OpCode.SET_STUDY_USER_ATTR:
      case OpCode.SET_STUDY_SYSTEM_ATTR: {
        const id = need('study_id') as number;
        const key = op === OpCode.SET_STUDY_USER_ATTR ? 'user_attr' : 'system_attr';
        const attr = need(key) as Fields;
        if (!this.studyExists(id, mine) || !commit) return;
        const s = this.studies.get(id)!;
        Object.assign(key === 'user_attr' ? s.userAttrs : s.systemAttrs, attr);
        return;
      }
      case OpCode.CREATE_TRIAL:
        return this.createTrial(f, need, mine, commit);
      case OpCode.SET_TRIAL_PARAM:
        return this.setTrialParam(need, mine, commit);
      case OpCode.SET_TRIAL_STATE_VALUES:
        return this.setTrialStateValues(need, mine, commit, n);
      case OpCode.SET_TRIAL_INTERMEDIATE_VALUE: {
        const t = this.updatable(need('trial_id'), mine);
        const step = need('step') as number;
        const value = need('intermediate_value') as number;
        if (t && commit) this.trials[t.trialId] = { ...t, intermediateValues: { ...t.intermediateValues, [step]: value } };
        return;
      }
      case OpCode.SET_TRIAL_USER_ATTR:
      case OpCode.SET_TRIAL_SYSTEM_ATTR: {
        const t = this.updatable(need('trial_id'), mine);
        const user = op === OpCode.SET_TRIAL_USER_ATTR;
        const attr = need(user ? 'user_attr' : 'system_attr') as Fields;
        if (!t || !commit) return;
        this.trials[t.trialId] = user
          ? { ...t, userAttrs: { ...t.userAttrs, ...attr } }
          : { ...t, systemAttrs: { ...t.systemAttrs, ...attr } };
        return;
      }
    }
  }

  private studyExists(id: unknown, mine: boolean): boolean {
    if (typeof id === 'number' && this.studies.has(id)) return true;
    if (mine) throw problems.studyNotFound(id);
    return false;
  }

  /** _trial_exists_and_updatable: the trial, or null when another worker's op must be ignored. */
  private updatable(id: unknown, mine: boolean): FrozenTrial | null {
    const t = typeof id === 'number' && Number.isInteger(id) ? this.trials[id] : undefined;
    if (t === undefined) {
      if (mine) throw problems.trialNotFound(id);
      return null;
    }
    if (isFinished(t.state)) {
      if (mine) throw problems.finished(t.number);
      return null;
    }
    return t;
  }

  private createStudy(need: (k: string) => unknown, mine: boolean, commit: boolean): void {
    const name = need('study_name') as string;
    const directions = (need('directions') as number[]).map((d) => d as StudyDirection);
    for (const s of this.studies.values()) {
      if (s.studyName === name) {
        if (mine) throw problems.duplicated(name);
        return;
      }
    }
    if (!commit) return;
    const studyId = this.nextStudyId++;
    this.studies.set(studyId, { studyId, studyName: name, directions, userAttrs: {}, systemAttrs: {} });
    this.studyTrialIds.set(studyId, []);
  }

  private createTrial(f: Fields, need: (k: string) => unknown, mine: boolean, commit: boolean): void {
    const studyId = need('study_id') as number;
    if (!this.studyExists(studyId, mine) || !commit) return;
    const trialId = this.trials.length;
    const distributions: Record<string, OptunaDistribution> = {};
    for (const [k, v] of Object.entries((f.distributions ?? {}) as Record<string, string>)) {
      distributions[k] = parseDistribution(v);
    }
    const params: Record<string, number> = { ...((f.params ?? {}) as Record<string, number>) };
    const intermediateValues: Record<number, number> = {};
    for (const [k, v] of Object.entries((f.intermediate_values ?? {}) as Record<string, number>)) {
      intermediateValues[Math.trunc(Number(k))] = v;
    }
    const value = (f.value ?? null) as number | null;
    const values = (f.values ?? null) as number[] | null;
    const ids = this.studyTrialIds.get(studyId)!;
    const trial: FrozenTrial = {
      trialId,
      studyId,
      number: ids.length,
      state: (f.state ?? TrialState.RUNNING) as TrialState,
      params,
      distributions,
      userAttrs: { ...((f.user_attrs ?? {}) as Fields) },
      systemAttrs: { ...((f.system_attrs ?? {}) as Fields) },
      values: value !== null ? [value] : values,
      intermediateValues,
      datetimeStart: (need('datetime_start') ?? null) as string | null,
      datetimeComplete: (f.datetime_complete ?? null) as string | null,
    };
    this.trials.push(trial);
    ids.push(trialId);
    if (mine) {
      this.lastCreatedTrialId = trialId;
      if (trial.state === TrialState.RUNNING) this.ownedTrialId = trialId;
    }
  }

  private setTrialParam(need: (k: string) => unknown, mine: boolean, commit: boolean): void {
    const t = this.updatable(need('trial_id'), mine);
    const name = need('param_name') as string;
    const internal = need('param_value_internal') as number;
    const json = need('distribution') as string;
    if (!t) return;
    const distribution = parseDistribution(json);
    for (const id of this.studyTrialIds.get(t.studyId) ?? []) {
      const prev = this.trials[id].distributions[name];
      if (prev === undefined) continue;
      const why = incompatibility(prev, distribution);
      if (why !== null) {
        if (mine) throw problems.incompatible(name, why);
        return;
      }
      break;
    }
    if (!commit) return;
    this.trials[t.trialId] = {
      ...t,
      params: { ...t.params, [name]: internal },
      distributions: { ...t.distributions, [name]: distribution },
    };
  }

  private setTrialStateValues(need: (k: string) => unknown, mine: boolean, commit: boolean, n: number) {
    const t = this.updatable(need('trial_id'), mine);
    const state = need('state') as TrialState;
    if (!t) return;
    if (typeof state !== 'number' || state < 0 || state > 4) throw badRecord(n, `has an unknown state ${String(state)}`);
    if (state === TrialState.RUNNING && t.state === TrialState.RUNNING) return;
    if (!commit) return;
    let next: FrozenTrial = { ...t, state };
    if (state === TrialState.RUNNING) {
      next = { ...next, datetimeStart: need('datetime_start') as string };
      if (mine) this.ownedTrialId = t.trialId;
    }
    if (isFinished(state)) next = { ...next, datetimeComplete: need('datetime_complete') as string };
    const values = need('values') as number[] | null;
    if (values !== null) next = { ...next, values };
    this.trials[t.trialId] = next;
  }
}
