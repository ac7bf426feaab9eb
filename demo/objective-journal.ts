/**
 * The objective panel's Optuna journal. A run records into a fresh in-memory journal through optimize()'s `study`
 * option (every trial with its params, value, state and intermediate values, as Optuna would); afterwards the study
 * gets the panel's settings as user attributes (expression, variables, steps...) and the Save link offers the text.
 * Loading a journal (this page's or Python Optuna's) reads it against the space its trials were stored with, puts
 * its expression and variables back in the fields when it has them, and redraws every chart from its trials.
 */
import { JournalStorage, MemoryJournalBackend, type StudyRef } from '../src/index';
import { fmtNum } from './space-syntax';
import { fmtValue } from './charts';
import { describeError } from './dom';
import { objEls } from './objective-dom';
import { freshCharts } from './objective-charts';
import { readJournal } from './journal-read';
import { spaceText } from './objective-expr';
import { bestNumber } from './study-rows';

export const OBJECTIVE_STUDY = 'hyperwasm-objective';

export interface ObjectiveStudy {
  ref: StudyRef;
  storage: JournalStorage;
  backend: MemoryJournalBackend;
}

let url: string | null = null;

/** A fresh journal for one run (pass `ref` as optimize()'s `study`). */
export function objectiveStudy(): ObjectiveStudy {
  const backend = new MemoryJournalBackend();
  const storage = new JournalStorage(backend);
  return { ref: { name: OBJECTIVE_STUDY, storage }, storage, backend };
}

export function clearObjectiveJournal(): void {
  if (url) URL.revokeObjectURL(url);
  url = null;
  objEls.exportJournal.removeAttribute('href');
  objEls.exportJournal.setAttribute('aria-disabled', 'true');
}

/**
 * After a run: writes `attrs` as the study's user attributes and points the Save link at the journal text (optimize()
 * dated each trial when it ran).
 */
export async function offerObjectiveJournal(s: ObjectiveStudy, attrs: Record<string, string | number>): Promise<void> {
  const id = await s.storage.getStudyIdFromName(OBJECTIVE_STUDY);
  for (const [k, v] of Object.entries(attrs)) await s.storage.setStudyUserAttr(id, k, v);
  clearObjectiveJournal();
  url = URL.createObjectURL(new Blob([s.backend.toJournal()], { type: 'application/x-ndjson' }));
  objEls.exportJournal.href = url;
  objEls.exportJournal.download = `${OBJECTIVE_STUDY}.journal.log`;
  objEls.exportJournal.removeAttribute('aria-disabled');
}

/** Reads a journal file into the panel: its settings into the fields, its trials into every chart. */
export async function loadObjectiveJournal(file: File): Promise<void> {
  const note = objEls.journalNote;
  try {
    const loaded = await readJournal(await file.text(), 'stored');
    const { attrs } = loaded;
    if (typeof attrs.expression === 'string') objEls.expr.value = attrs.expression;
    const text = spaceText(loaded.space);
    if (text !== null) objEls.space.value = text;
    if (typeof attrs.steps === 'number') objEls.steps.value = String(attrs.steps);
    if (typeof attrs.warmupSteps === 'number') objEls.warmup.value = String(attrs.warmupSteps);
    // A select keeps its value only for an option it has (a journal from elsewhere may say anything).
    for (const [sel, v] of [[objEls.strategy, attrs.strategy], [objEls.pruner, attrs.pruner]] as const) {
      if (typeof v === 'string' && [...sel.options].some((o) => o.value === v)) sel.value = v;
    }
    objEls.direction.value = loaded.direction;
    objEls.error.hidden = true;
    clearObjectiveJournal();
    freshCharts(loaded.space, loaded.direction).finish(loaded.trials, () => loaded.importance());
    const bestAt = bestNumber(loaded.trials, loaded.direction);
    const best = loaded.trials.find((t) => t.number === bestAt);
    const pruned = loaded.trials.filter((t) => t.state === 'pruned').length;
    note.textContent = `${file.name}: study '${loaded.name}', ${loaded.trials.length} trial${loaded.trials.length === 1 ? '' : 's'} (${loaded.direction}), ${pruned} pruned. ` +
      (best ? `Best f = ${fmtNum(best.value)} at trial ${best.number}: ${Object.entries(best.params).map(([k, v]) => `${k} = ${fmtValue(v)}`).join(', ')}. ` : 'No complete trial. ') +
      'The charts above show its trials.';
    note.dataset.state = 'loaded';
    objEls.panel.dataset.state = 'loaded';
  } catch (e) {
    note.textContent = `Could not load ${file.name}: ${describeError(e)}`;
    note.dataset.state = 'error';
  } finally {
    objEls.journalFile.value = '';
  }
}
