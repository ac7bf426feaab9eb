/**
 * Where and when a pool task ran: timing facts for timelines (result.trials[i].spans), never an input of a search.
 * Times are performance.now() values on the thread that owns the pool; the search turns them into ms since it started.
 */
export interface TaskRun {
  /** The pool slot (0 .. pool.size - 1) of the worker that ran the task (a respawned worker keeps its slot). */
  worker: number;
  startedAt: number;
  finishedAt: number;
}

/**
 * Divides one worker call's span among the tasks it ran one after another (a batch, a warm-started chain), in
 * proportion to each task's in-worker time when every one is known and their sum is positive, else evenly. The
 * worker runs a batch's tasks in order, so the split is an estimate of each task's own interval, exact in its sum.
 */
export function splitRun(run: TaskRun, work: readonly number[] | null, n: number): TaskRun[] {
  if (n <= 1) return [run];
  const total = work && work.length === n ? work.reduce((a, b) => a + b, 0) : 0;
  const weights = total > 0 ? work! : null;
  const span = run.finishedAt - run.startedAt;
  const out: TaskRun[] = [];
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const start = run.startedAt + (span * acc) / (weights ? total : n);
    acc += weights ? weights[i] : 1;
    const end = i === n - 1 ? run.finishedAt : run.startedAt + (span * acc) / (weights ? total : n);
    out.push({ worker: run.worker, startedAt: start, finishedAt: end });
  }
  return out;
}
