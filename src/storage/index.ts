/**
 * Study storage in Optuna 3.1's journal format (browser-safe part; Node adds files and Redis in ./node.ts).
 *
 * A journal is a log of ops, one JSON line each, exactly as Optuna's JournalStorage writes it, so a study moves
 * freely between hyperwasm (browser or Node) and Python Optuna / optuna-dashboard, and several processes can work
 * on one study at once.
 *
 *   const storage = new JournalStorage(new MemoryJournalBackend());          // browsers; Node: openJournalStorage(url)
 *   const studyId = await storage.createNewStudy('my-study', ['maximize']);   // TuneError STUDY_DUPLICATED if taken
 *   const { trialId, number } = await storage.createNewTrial(studyId);       // RUNNING, owned by this worker
 *   await storage.setTrialParam(trialId, 'lr', toInternal(dist, 0.01), toOptunaJson(dist));
 *   await storage.setTrialIntermediateValue(trialId, step, value);
 *   await storage.setTrialUserAttr(trialId, 'fold_scores', [0.9, 0.8]);
 *   await storage.setTrialStateValues(trialId, TrialState.COMPLETE, [0.85]);   // false only when losing a WAITING trial
 *   await storage.getAllTrials(studyId, [TrialState.COMPLETE]);               // FrozenTrial[]: internal params + dists
 *   backend.toJournal(); MemoryJournalBackend.fromJournal(text);              // export / import the log text
 *
 * Other reads: getStudyIdFromName, getStudyDirections, getAllStudies, getStudyUserAttrs/SystemAttrs, getTrial,
 * getTrialIdFromNumber; writes: setStudyUserAttr/SystemAttr, setTrialSystemAttr, deleteStudy. Every call first
 * reads the other writers' new records. Values: distributions.ts maps hyperwasm distributions and values to Optuna's
 * (a choice's internal value is its index; array choices are stored as JSON texts, see JSON_CHOICES_ATTR).
 * Study helpers (study-io.ts): loadOrCreateStudy (refuses another direction or space before writing), decodeParams,
 * recordFinishedTrial (one line per finished trial), enqueueTrial / popWaitingTrial / fixedParams (Optuna's
 * enqueue_trial protocol), failStaleTrials (RUNNING trials of dead workers). Backends: MemoryJournalBackend,
 * IndexedDbJournalBackend (browsers); file and Redis in ./node.ts.
 * Errors are TuneError with codes: STUDY_NOT_FOUND, STUDY_DUPLICATED, TRIAL_NOT_FOUND, TRIAL_FINISHED,
 * STUDY_DISTRIBUTION_MISMATCH, STUDY_DIRECTION_MISMATCH, STUDY_SPACE_MISMATCH, STUDY_PARAM_NOT_IN_SPACE,
 * STUDY_BAD_DIRECTION, STUDY_BAD_STEP, JOURNAL_CORRUPT_LINE, JOURNAL_UNKNOWN_OP, JOURNAL_BAD_RECORD, JOURNAL_BAD_DISTRIBUTION,
 * and in Node STORAGE_UNREACHABLE, STORAGE_URL_INVALID, STORAGE_IO, STORAGE_LOCK_LOST.
 */
export { JournalStorage, type JournalStorageOptions, type DirectionName } from './storage';
export type { JournalBackend } from './backend';
export { MemoryJournalBackend } from './backends/memory';
export { IndexedDbJournalBackend } from './backends/indexeddb';
export { TrialState, StudyDirection, TRIAL_STATE_NAMES, isFinished, isoNow, type TrialTemplate } from './journal/ops';
export type { FrozenStudy, FrozenTrial } from './journal/replay';
export {
  parseDistribution,
  distributionToJson,
  toExternal,
  type OptunaDistribution,
} from './journal/optuna-distributions';
export {
  JSON_CHOICES_ATTR,
  needsJsonChoices,
  toOptunaDistribution,
  toOptunaJson,
  toInternal,
  fromInternal,
  fromOptunaDistribution,
  sameOptunaDistribution,
} from './distributions';
export {
  loadOrCreateStudy,
  checkSpace,
  decodeParams,
  recordFinishedTrial,
  enqueueTrial,
  popWaitingTrial,
  fixedParams,
  failStaleTrials,
  parseOptunaDatetime,
  FIXED_PARAMS_ATTR,
  type ParamSpace,
  type FinishedTrial,
} from './study-io';
