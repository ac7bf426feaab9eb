/**
 * A Node study worker for the interop tests (bundled by build-worker.ts, run as a child process):
 *   node node-worker.mjs <storage url> <study name> <trials> [grace ms]
 * Joins (or creates) a maximize study, takes WAITING trials first as Optuna's optimize does, then creates trials;
 * each trial suggests x in float(0, 10) and reports value x. Prints "done <number>" after each completed trial.
 */
import { openJournalStorage } from '../../../../src/storage/open';
import { TrialState } from '../../../../src/storage/journal/ops';
import { toOptunaJson } from '../../../../src/storage/distributions';
import { TuneError } from '../../../../src/errors';

const [url, name, trialsText, graceText] = process.argv.slice(2);
const storage = await openJournalStorage(url, { gracePeriodMs: graceText ? Number(graceText) : undefined });
let studyId: number;
try {
  studyId = await storage.createNewStudy(name, ['maximize']);
} catch (e) {
  if (!(e instanceof TuneError) || e.code !== 'STUDY_DUPLICATED') throw e;
  studyId = await storage.getStudyIdFromName(name);
}
const xJson = toOptunaJson({ kind: 'float', low: 0, high: 10, step: null, log: false });
for (let i = 0; i < Number(trialsText); i++) {
  let trial: { trialId: number; number: number } | undefined;
  for (const t of await storage.getAllTrials(studyId, [TrialState.WAITING])) {
    if (await storage.setTrialStateValues(t.trialId, TrialState.RUNNING)) {
      trial = t;
      break;
    }
  }
  trial ??= await storage.createNewTrial(studyId);
  const x = Math.random() * 10;
  await storage.setTrialParam(trial.trialId, 'x', x, xJson);
  await storage.setTrialUserAttr(trial.trialId, 'by', 'node');
  await storage.setTrialStateValues(trial.trialId, TrialState.COMPLETE, [x]);
  process.stdout.write(`done ${trial.number}\n`);
}
await storage.close();
