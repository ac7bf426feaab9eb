/**
 * A study as Optuna journal text, for browsers (no files there): `await study.toJournal()` writes its finished trials
 * as a journal Python Optuna and optuna-dashboard open (`optuna.load_study(storage=JournalStorage(
 * JournalFileStorage(path)), study_name=...)`), and `await loadStudy(text, options)` reads one back, its trials the
 * new study's history.
 */
import { TuneError } from '../errors';
import { JournalStorage } from '../storage/storage';
import { MemoryJournalBackend } from '../storage/backends/memory';
import { createStudy, type Study } from './study';
import { StudyRecorder, trialDates } from './persist';
import type { Direction, StudyOptions, StudyTrial } from './types';
import type { CompiledSpace } from '../space/index';

/** Journal text of `trials` (finished ones) as study `name`. */
/** `nowMs`: the study's clock now (StudyTrial.finishedAt counts on it), so each trial's dates are when it ran. */
export async function trialsToJournal(
  name: string, direction: Direction, space: CompiledSpace, trials: readonly StudyTrial[], nowMs = NaN,
): Promise<string> {
  const backend = new MemoryJournalBackend();
  const storage = new JournalStorage(backend);
  const recorder = await StudyRecorder.open({ name, storage }, direction, space, () => Promise.reject(new Error('unused')));
  for (const t of trials) {
    if (t.state === 'running') continue;
    await recorder.record({
      params: t.params, state: t.state, value: t.value, intermediate: t.intermediate, userAttrs: t.userAttrs,
      ...trialDates(t.durationMs, nowMs - t.finishedAt),
    });
  }
  return backend.toJournal();
}

/**
 * A study whose history is the finished trials of study `name` (default: the journal's only study) in journal `text`.
 * The direction defaults to the stored one; a different one is STUDY_DIRECTION_MISMATCH.
 */
export async function loadStudy(text: string, options: StudyOptions & { name?: string }): Promise<Study> {
  if (typeof text !== 'string') throw new TuneError('INVALID_JOURNAL', 'loadStudy(text, options): text must be the journal file\'s text.');
  const storage = new JournalStorage(MemoryJournalBackend.fromJournal(text));
  await storage.sync();
  const studies = await storage.getAllStudies();
  const { name: wanted, ...rest } = options;
  const found = wanted === undefined ? (studies.length === 1 ? studies[0] : undefined) : studies.find((s) => s.studyName === wanted);
  if (!found) {
    throw new TuneError(
      'STUDY_NOT_FOUND',
      wanted === undefined
        ? `The journal holds ${studies.length} studies (${studies.map((s) => s.studyName).join(', ')}); pass options.name to pick one.`
        : `The journal has no study '${wanted}' (it has: ${studies.map((s) => s.studyName).join(', ') || 'none'}).`,
    );
  }
  const directions = await storage.getStudyDirections(found.studyId);
  const direction: Direction = rest.direction ?? (directions[0] === 2 ? 'maximize' : 'minimize');
  const study = createStudy({ ...rest, direction });
  const recorder = await StudyRecorder.open({ name: found.studyName, storage }, direction, study.space, () => Promise.reject(new Error('unused')));
  for (const h of await recorder.newFinished()) study.add(h);
  return study;
}
