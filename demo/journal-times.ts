/**
 * Real times in a saved journal. A trial given to study.add() has no timing, so its CREATE_TRIAL line is dated the
 * moment it was written, and a journal built after a search would say every trial took no time (optimize(), tune()
 * and study.toJournal() date their own trials when they ran). restampTrials rewrites just those two strings, in log
 * order, with when each trial really started and finished; every other byte of the journal stays as written (the
 * format is Optuna's: "datetime_start": "2026-12-01T21:56:57.123456", local and naive).
 */

/** Optuna's datetime.isoformat(timespec="microseconds") of epoch ms `ms` (local time, no zone), microseconds kept. */
export function optunaDatetime(ms: number): string {
  const whole = Math.floor(ms);
  const d = new Date(whole);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const micros = Math.min(999_999, d.getMilliseconds() * 1000 + Math.round((ms - whole) * 1000));
  return `${p(d.getFullYear(), 4)}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(micros, 6)}`;
}

const FINISHED_TRIAL = /^\{"op_code": 4, .*"datetime_complete": "/;

/**
 * `text` with the k-th finished trial's line (CREATE_TRIAL with datetime_complete, in log order) stamped with
 * times[k] (ms after `originMs`, epoch ms). A trial without finite times, or past the end of `times`, keeps its line.
 */
export function restampTrials(text: string, times: readonly { startedAt: number; finishedAt: number }[], originMs: number): string {
  let k = 0;
  return text
    .split('\n')
    .map((line) => {
      if (!FINISHED_TRIAL.test(line)) return line;
      const t = times[k++];
      if (!t || !Number.isFinite(t.startedAt) || !Number.isFinite(t.finishedAt)) return line;
      return line
        .replace(/"datetime_start": "[^"]*"/, `"datetime_start": "${optunaDatetime(originMs + t.startedAt)}"`)
        .replace(/"datetime_complete": "[^"]*"/, `"datetime_complete": "${optunaDatetime(originMs + t.finishedAt)}"`);
    })
    .join('\n');
}
