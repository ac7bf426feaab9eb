/**
 * A study's trials in Optuna's journal storage (src/storage): opened by name, earlier trials read back as history,
 * each finished trial written as ONE journal line (Optuna's add_trial form: a process killed at any point leaves no
 * half-written trial), and, between proposals, the trials other processes finished meanwhile (distributed studies:
 * several Node or Python workers on one journal file or Redis).
 *
 * Rules:
 * - Direction and space must agree with the stored study (STUDY_DIRECTION_MISMATCH / STUDY_SPACE_MISMATCH, nothing
 *   written). Values are in the study's direction; tune() records the mean CV score and puts the fold scores and the
 *   other metrics in user attributes.
 * - COMPLETE, PRUNED and FAIL trials become history (they count toward the random start, as in Optuna). A trial left
 *   RUNNING (or WAITING) by a process that died is neither history nor retried: it stays in the journal as it is
 *   (Optuna 3.1 has no heartbeat to tell a dead worker from a slow one).
 * - A distributed study gives up the single-process determinism promise: which trials exist depends on what the
 *   other workers finished first.
 */
import { TuneError } from '../errors';
import type { CompiledSpace } from '../space/index';
import type { Distribution } from '../space/distributions';
import type { Params } from '../types';
import type { HistoryTrial } from '../search/index';
import { JournalStorage } from '../storage/storage';
import { TrialState, isoNow } from '../storage/journal/ops';
import { JSON_CHOICES_ATTR } from '../storage/distributions';
import { decodeParams, loadOrCreateStudy, recordFinishedTrial, type ParamSpace } from '../storage/study-io';
import type { Direction } from './types';

/** Where a study lives: a journal path or redis:// URL (Node), or a JournalStorage (e.g. over a browser backend). */
export type StudyStorage = string | JournalStorage;

export interface StudyRef {
  /** The study's name in the storage (Optuna's study_name). */
  name: string;
  storage: StudyStorage;
}

/** Opens a storage URL: Node's file/Redis opener, or a browser error. Bound per platform by makeApi. */
export type StorageOpener = (url: string) => Promise<JournalStorage>;

export function checkStudyRef(v: unknown): StudyRef {
  const o = v as { name?: unknown; storage?: unknown } | null;
  if (!o || typeof o !== 'object' || typeof o.name !== 'string' || o.name === '' || (typeof o.storage !== 'string' && !(o.storage instanceof JournalStorage))) {
    throw new TuneError(
      'INVALID_STUDY',
      "study must be { name: 'my-study', storage: 'journal.log' } (a journal file or redis:// URL in Node), or " +
        '{ name, storage: new JournalStorage(new MemoryJournalBackend()) } in browsers.',
    );
  }
  return o as StudyRef;
}

/** One distribution per hyperparameter name over the whole space (Optuna keys params by name). */
export function paramSpaceOf(space: CompiledSpace): ParamSpace {
  const out: Record<string, Distribution> = {};
  for (const sub of space.subspaces) {
    for (const d of sub.dimensions) {
      const prev = out[d.name];
      if (prev && JSON.stringify(prev) !== JSON.stringify(d.distribution)) {
        throw new TuneError(
          'STUDY_SPACE_CONFLICT',
          `'${d.name}' has two different distributions in this conditional space; an Optuna study stores one per name. ` +
            'Rename one of them (e.g. knnP, svcDegree) to record the search in a study.',
          { param: d.name },
        );
      }
      out[d.name] = d.distribution;
    }
  }
  return out;
}

export class StudyRecorder {
  private seen = new Set<number>();
  private readonly jsonChoices: string[];

  private constructor(
    private readonly storage: JournalStorage,
    private readonly studyId: number,
    private readonly space: ParamSpace,
    jsonChoices: string[],
  ) {
    this.jsonChoices = jsonChoices;
  }

  static async open(ref: StudyRef, direction: Direction, space: CompiledSpace, opener: StorageOpener): Promise<StudyRecorder> {
    const params = paramSpaceOf(space);
    const storage = typeof ref.storage === 'string' ? await opener(ref.storage) : ref.storage;
    const { studyId } = await loadOrCreateStudy(storage, ref.name, [direction], params);
    const attrs = await storage.getStudySystemAttrs(studyId);
    const json = Array.isArray(attrs[JSON_CHOICES_ATTR]) ? (attrs[JSON_CHOICES_ATTR] as string[]) : [];
    return new StudyRecorder(storage, studyId, params, json);
  }

  /** Finished trials not seen yet (other processes', or earlier runs'), as history, in the journal's order. */
  async newFinished(): Promise<HistoryTrial[]> {
    const trials = await this.storage.getAllTrials(this.studyId, [TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL]);
    const out: HistoryTrial[] = [];
    for (const t of trials) {
      if (this.seen.has(t.trialId)) continue;
      this.seen.add(t.trialId);
      const state = t.state === TrialState.COMPLETE ? 'complete' : t.state === TrialState.PRUNED ? 'pruned' : 'failed';
      const inter = Object.entries(t.intermediateValues).map(([s, v]) => [Number(s), v] as const);
      const last = inter.sort((a, b) => a[0] - b[0]).at(-1);
      const value = t.values?.[0] ?? (state === 'pruned' && last ? last[1] : NaN);
      out.push({ params: decodeParams(t, this.space, this.jsonChoices) as Params, value, state, intermediate: inter, userAttrs: { ...t.userAttrs } });
    }
    return out;
  }

  /** Whether the study holds any trial at all (finished or not). */
  async hasTrials(): Promise<boolean> {
    return (await this.storage.getAllTrials(this.studyId)).length > 0;
  }

  /** Writes one finished trial (one line) and remembers it as ours. */
  async record(trial: {
    params: Params;
    state: 'complete' | 'pruned' | 'failed';
    value: number;
    intermediate?: readonly (readonly [number, number])[];
    userAttrs?: Record<string, unknown>;
    /** When the trial started and finished (datetime_start / datetime_complete); default: now. */
    startedAt?: Date;
    finishedAt?: Date;
  }): Promise<number> {
    const state = trial.state === 'complete' ? TrialState.COMPLETE : trial.state === 'pruned' ? TrialState.PRUNED : TrialState.FAIL;
    const { trialId, number } = await recordFinishedTrial(this.storage, this.studyId, this.space, {
      params: trial.params,
      state,
      values: state === TrialState.COMPLETE ? [trial.value] : null,
      intermediateValues: trial.intermediate && trial.intermediate.length > 0 ? new Map(trial.intermediate.map(([s, v]) => [s, v])) : undefined,
      userAttrs: trial.userAttrs,
      datetimeStart: validDate(trial.startedAt) ? isoNow(trial.startedAt) : undefined,
      datetimeComplete: validDate(trial.finishedAt) ? isoNow(trial.finishedAt) : undefined,
    });
    this.seen.add(trialId);
    return number;
  }
}

const validDate = (d: Date | undefined): d is Date => d instanceof Date && Number.isFinite(d.getTime());

/**
 * The wall-clock dates of a trial that lasted `durationMs` and finished `agoMs` ago (its timings are performance.now()
 * spans; the journal wants dates). NaN durations give no dates (the writer then stamps now).
 */
export function trialDates(durationMs: number, agoMs = 0): { startedAt?: Date; finishedAt?: Date } {
  if (!Number.isFinite(durationMs) || !Number.isFinite(agoMs)) return {};
  const finished = Date.now() - Math.max(0, agoMs);
  return { startedAt: new Date(finished - Math.max(0, durationMs)), finishedAt: new Date(finished) };
}
