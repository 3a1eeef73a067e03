interface Task {
  intervalMs: number;
  due: number;
  run(): void;
}

const tasks = new Set<Task>();
let timer: NodeJS.Timeout | null = null;
let periodMs = Number.POSITIVE_INFINITY;

/**
 * Runs `run` about every `intervalMs` until the returned function is called.
 * Every transfer reports progress and checkpoints on a period; one timer
 * serves them all, at the shortest period asked for, so a thousand downloads
 * do not mean two thousand timers waking the process.
 */
export function every(intervalMs: number, run: () => void): () => void {
  const task: Task = { intervalMs, due: Date.now() + intervalMs, run };
  tasks.add(task);
  if (intervalMs < periodMs) restart(intervalMs);
  return () => {
    tasks.delete(task);
    if (tasks.size === 0) stop();
  };
}

function restart(ms: number): void {
  if (timer) clearInterval(timer);
  periodMs = ms;
  timer = setInterval(tick, ms);
}

function stop(): void {
  if (timer) clearInterval(timer);
  timer = null;
  periodMs = Number.POSITIVE_INFINITY;
}

function tick(): void {
  const now = Date.now();
  for (const task of [...tasks]) {
    // Within half a tick counts as due: a timer a millisecond early must not delay a task a whole period.
    if (task.due - now >= periodMs / 2 || !tasks.has(task)) continue;
    task.due = now + task.intervalMs;
    task.run();
  }
}
