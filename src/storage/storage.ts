/**
 * JournalStorage: Optuna 3.1's JournalStorage (the BaseStorage subset a study needs) over a JournalBackend.
 *
 * Every call first reads the log records other writers appended since the last call and replays them (Optuna's
 * _sync_with_backend), so processes sharing a backend see one study. A write appends one record, then syncs, and
 * reads its outcome from the replay: the new study id, the new trial's id and number, whether this worker won a
 * WAITING trial. Unlike 3.1, a write that the replay would reject (a finished trial, a clashing distribution, an
 * unknown id, a duplicate study name) is checked against the synced state first and refused with a TuneError, so
 * nothing is written; a race lost in the short gap between that check and the append is reported the same way.
 *
 * Calls on one instance run one at a time (a FIFO mutex, Optuna's thread lock). Each instance is one worker: its
 * worker_id is `<uuid4>-<n>` like Optuna's `<uuid4>-<thread id>`.
 */
import { TuneError } from '../errors';
import type { JournalBackend } from './backend';
import { encodeRecord } from './journal/codec';
import {
  StudyDirection,
  TrialState,
  createStudyOp,
  createTrialOp,
  deleteStudyOp,
  isFinished,
  isoNow,
  setStudyAttrOp,
  setTrialAttrOp,
  setTrialIntermediateValueOp,
  setTrialParamOp,
  setTrialStateValuesOp,
  type JournalRecord,
  type TrialTemplate,
  type WireRecord,
} from './journal/ops';
import { pyLoads } from './journal/pyjson';
import { JournalReplay, type FrozenStudy, type FrozenTrial } from './journal/replay';
import { Mutex } from './mutex';
import { uuid4 } from './uuid';

export type DirectionName = 'minimize' | 'maximize';

function direction(d: DirectionName | StudyDirection): StudyDirection {
  if (d === 'minimize' || d === StudyDirection.MINIMIZE) return StudyDirection.MINIMIZE;
  if (d === 'maximize' || d === StudyDirection.MAXIMIZE) return StudyDirection.MAXIMIZE;
  throw new TuneError('STUDY_BAD_DIRECTION', `A study direction is 'minimize' or 'maximize', got ${String(d)}.`, {
    value: d,
  });
}

let instances = 0;

export interface JournalStorageOptions {
  /** This writer's id in the log (default `<uuid4>-<n>`). Two live instances must never share one. */
  workerId?: string;
  /** The clock for datetime_start / datetime_complete, as Optuna's text (default: isoNow(), local time). */
  clock?: () => string;
}

export class JournalStorage {
  readonly workerId: string;
  private readonly replay: JournalReplay;
  private readonly mutex = new Mutex();
  private readonly clock: () => string;

  constructor(
    readonly backend: JournalBackend,
    options: JournalStorageOptions = {},
  ) {
    this.workerId = options.workerId ?? `${uuid4()}-${instances++}`;
    this.replay = new JournalReplay(this.workerId);
    this.clock = options.clock ?? (() => isoNow());
  }

  /** Reads what other writers appended (without writing). */
  sync(): Promise<void> {
    return this.mutex.run(() => this.pull());
  }

  private async pull(): Promise<void> {
    const records = await this.backend.readLogs(this.replay.logNumberRead);
    this.replay.apply(records);
  }

  /** Sync, check the op against the synced state, append it, sync again (and so apply it). */
  private async write(record: WireRecord): Promise<void> {
    await this.pull();
    this.replay.precheck(pyLoads(encodeRecord(record)) as JournalRecord);
    await this.backend.appendLogs([record]);
    await this.pull();
  }

  private read<T>(fn: (r: JournalReplay) => T): Promise<T> {
    return this.mutex.run(async () => {
      await this.pull();
      return fn(this.replay);
    });
  }

  // Studies

  /** create_new_study: the new study's id. TuneError STUDY_DUPLICATED when the name is taken (nothing written). */
  async createNewStudy(name: string | undefined, directions: readonly (DirectionName | StudyDirection)[]): Promise<number> {
    const studyName = name ?? `no-name-${uuid4()}`;
    const dirs = directions.map(direction);
    if (dirs.length === 0) throw new TuneError('STUDY_BAD_DIRECTION', 'A study needs at least one direction.');
    return this.mutex.run(async () => {
      await this.write(createStudyOp(this.workerId, studyName, dirs));
      const s = this.replay.getAllStudies().find((x) => x.studyName === studyName);
      if (s === undefined) throw new Error('unreachable: the study just created is missing');
      return s.studyId;
    });
  }

  deleteStudy(studyId: number): Promise<void> {
    return this.mutex.run(() => this.write(deleteStudyOp(this.workerId, studyId)));
  }

  setStudyUserAttr(studyId: number, key: string, value: unknown): Promise<void> {
    return this.mutex.run(() => this.write(setStudyAttrOp(this.workerId, studyId, 'user', key, value)));
  }

  setStudySystemAttr(studyId: number, key: string, value: unknown): Promise<void> {
    return this.mutex.run(() => this.write(setStudyAttrOp(this.workerId, studyId, 'system', key, value)));
  }

  /** TuneError STUDY_NOT_FOUND when no study has this name. */
  getStudyIdFromName(name: string): Promise<number> {
    return this.read((r) => {
      const s = r.getAllStudies().find((x) => x.studyName === name);
      if (s === undefined) {
        throw new TuneError('STUDY_NOT_FOUND', `No study named '${name}' exists in this storage.`, { studyName: name });
      }
      return s.studyId;
    });
  }

  getStudyNameFromId(studyId: number): Promise<string> {
    return this.read((r) => r.getStudy(studyId).studyName);
  }

  getStudyDirections(studyId: number): Promise<StudyDirection[]> {
    return this.read((r) => [...r.getStudy(studyId).directions]);
  }

  getStudyUserAttrs(studyId: number): Promise<Record<string, unknown>> {
    return this.read((r) => structuredClone(r.getStudy(studyId).userAttrs));
  }

  getStudySystemAttrs(studyId: number): Promise<Record<string, unknown>> {
    return this.read((r) => structuredClone(r.getStudy(studyId).systemAttrs));
  }

  getAllStudies(): Promise<FrozenStudy[]> {
    return this.read((r) => r.getAllStudies().map((s) => structuredClone(s)));
  }

  // Trials

  /** create_new_trial: RUNNING and owned by this worker, or a copy of `template` (e.g. a WAITING trial to enqueue). */
  createNewTrial(studyId: number, template?: TrialTemplate): Promise<{ trialId: number; number: number }> {
    return this.mutex.run(async () => {
      await this.write(createTrialOp(this.workerId, studyId, this.clock(), template));
      const trialId = this.replay.lastCreatedTrialId;
      return { trialId, number: this.replay.getTrial(trialId).number };
    });
  }

  /** set_trial_param, with the internal value and distribution_to_json text (see ../distributions.ts). */
  setTrialParam(trialId: number, name: string, internalValue: number, distributionJson: string): Promise<void> {
    return this.mutex.run(() =>
      this.write(setTrialParamOp(this.workerId, trialId, name, internalValue, distributionJson)),
    );
  }

  /**
   * set_trial_state_values. Returns false when `state` is RUNNING and another worker took the trial first (two
   * workers popping one WAITING trial: the first RUNNING in the log wins), true otherwise.
   */
  setTrialStateValues(trialId: number, state: TrialState, values?: readonly number[] | null): Promise<boolean> {
    return this.mutex.run(async () => {
      await this.pull();
      const t = this.replay.getTrial(trialId);
      const taking = state === TrialState.RUNNING;
      // Lost already (another worker's RUNNING is in the log): Optuna writes its op anyway, to be ignored; we don't.
      if (taking && t.state !== TrialState.WAITING && this.replay.ownedTrialId !== trialId) return false;
      try {
        // Optuna reads the clock only for the states that record a time.
        const now = taking || isFinished(state) ? this.clock() : '';
        await this.write(setTrialStateValuesOp(this.workerId, trialId, state, values ?? null, now));
      } catch (e) {
        // Lost in the gap between check and append, and the winner already finished it.
        if (taking && e instanceof TuneError && e.code === 'TRIAL_FINISHED') return false;
        throw e;
      }
      return !(taking && this.replay.ownedTrialId !== trialId);
    });
  }

  async setTrialIntermediateValue(trialId: number, step: number, value: number): Promise<void> {
    if (!Number.isInteger(step)) {
      throw new TuneError('STUDY_BAD_STEP', `An intermediate value's step is an integer, got ${step}.`, { step });
    }
    return this.mutex.run(() => this.write(setTrialIntermediateValueOp(this.workerId, trialId, step, value)));
  }

  setTrialUserAttr(trialId: number, key: string, value: unknown): Promise<void> {
    return this.mutex.run(() => this.write(setTrialAttrOp(this.workerId, trialId, 'user', key, value)));
  }

  setTrialSystemAttr(trialId: number, key: string, value: unknown): Promise<void> {
    return this.mutex.run(() => this.write(setTrialAttrOp(this.workerId, trialId, 'system', key, value)));
  }

  getTrial(trialId: number): Promise<FrozenTrial> {
    return this.read((r) => r.getTrial(trialId));
  }

  getTrialIdFromNumber(studyId: number, number: number): Promise<number> {
    return this.read((r) => r.trialIdOf(studyId, number));
  }

  /** Trials of a study in number order, optionally only those in `states`. */
  getAllTrials(studyId: number, states?: readonly TrialState[]): Promise<FrozenTrial[]> {
    return this.read((r) => r.getAllTrials(studyId, states));
  }

  close(): Promise<void> {
    return this.mutex.run(async () => {
      await this.backend.close?.();
    });
  }
}
