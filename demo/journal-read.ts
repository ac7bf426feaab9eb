/**
 * Reads an Optuna journal (Python Optuna's, or one this page saved) into what the charts draw: loadStudy() gives the
 * finished trials' params (decoded against the given space), values, states, intermediate values and user attributes,
 * and the journal's own records give what a study's history leaves out: each trial's number in the journal and its
 * datetime_start / datetime_complete as ms since the study's first start (so the timeline can be drawn).
 */
import { JournalStorage, MemoryJournalBackend, TuneError, loadStudy, float, int, choice, type Distribution, type SpaceSpec, type StudyTrial, type Value } from '../src/index';

export interface LoadedStudy {
  name: string;
  direction: 'minimize' | 'maximize';
  /** The study's user attributes (the objective panel keeps its expression there). */
  attrs: Record<string, unknown>;
  /** The space the trials were stored with (storedSpace), whatever space they were read against. */
  space: Record<string, Distribution>;
  /** Finished trials in journal order, with their journal numbers and times. */
  trials: StudyTrial[];
  importance(): Record<string, number>;
}

/**
 * Optuna's naive local datetime text ("2026-12-01T21:56:57.123456") as ms on one clock (read as UTC: only differences
 * are used), microseconds kept; NaN for anything else.
 */
export function datetimeMs(text: unknown): number {
  const m = typeof text === 'string' ? /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?$/.exec(text) : null;
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s) + Number(`0.${m[7] ?? '0'}`) * 1000;
}

type Frozen = Awaited<ReturnType<JournalStorage['getAllTrials']>>[number];

/**
 * The space the trials were stored with (Optuna keeps a distribution per param of each trial; the first one seen
 * wins): floats, ints and categoricals as hyperwasm distributions.
 */
export function storedSpace(trials: readonly Pick<Frozen, 'distributions'>[]): Record<string, Distribution> {
  const out: Record<string, Distribution> = {};
  for (const t of trials) {
    for (const [k, d] of Object.entries(t.distributions)) {
      if (k in out) continue;
      if (d.name === 'CategoricalDistribution') out[k] = choice(d.choices as Value[]);
      else if (d.name.startsWith('Int')) out[k] = int(d.low, d.high, d.log ? { log: true } : { step: d.step as number });
      else out[k] = float(d.low, d.high, d.log ? { log: true } : d.step !== null ? { step: d.step } : undefined);
    }
  }
  return out;
}

/**
 * The journal's study (its only one; TuneError STUDY_NOT_FOUND with their names when it holds several or none), read
 * against `space`, or with 'stored' against the space its trials were stored with (storedSpace).
 */
export async function readJournal(text: string, space: SpaceSpec | 'stored'): Promise<LoadedStudy> {
  const storage = new JournalStorage(MemoryJournalBackend.fromJournal(text));
  await storage.sync();
  const studies = await storage.getAllStudies();
  if (studies.length !== 1) {
    throw new TuneError(
      'STUDY_NOT_FOUND',
      `This journal holds ${studies.length} studies${studies.length ? ` (${studies.map((s) => s.studyName).join(', ')})` : ''}; the page reads a journal with one study. ` +
        'Save one study per file (optuna.copy_study can split a journal).',
    );
  }
  const { studyId, studyName } = studies[0];
  const attrs = await storage.getStudyUserAttrs(studyId);
  const frozen = (await storage.getAllTrials(studyId)).filter((t) => t.datetimeComplete !== null);
  const stored = storedSpace(frozen);
  if (space === 'stored' && Object.keys(stored).length === 0) {
    throw new TuneError('JOURNAL_NO_TRIALS', `Study '${studyName}' has no finished trial with parameters: there is nothing to draw.`);
  }
  const study = await loadStudy(text, { space: space === 'stored' ? stored : space });
  const loaded = study.trials;
  // Both lists are the finished trials in journal order; if they ever disagree, keep the study's trials as they are.
  const aligned = frozen.length === loaded.length;
  const t0 = Math.min(...frozen.map((t) => datetimeMs(t.datetimeStart)).filter(Number.isFinite));
  const trials = loaded.map((t, i): StudyTrial => {
    const f = aligned ? frozen[i] : undefined;
    if (!f) return t;
    const startedAt = datetimeMs(f.datetimeStart) - t0;
    const finishedAt = datetimeMs(f.datetimeComplete) - t0;
    return {
      ...t,
      number: f.number,
      startedAt,
      finishedAt,
      durationMs: finishedAt - startedAt,
    };
  });
  return { name: studyName, direction: study.direction, attrs, space: stored, trials, importance: () => study.importance() };
}
