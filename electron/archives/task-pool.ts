/**
 * Runs async tasks a few at a time. `run` waits only when the pool is full;
 * the first failure is kept and thrown from the next `run` or from `drain`,
 * so no rejection goes unhandled.
 */
export class TaskPool {
  private readonly running = new Set<Promise<void>>();
  private failure: { error: unknown } | null = null;

  constructor(private readonly limit: number) {}

  /** Starts the task once there is room; resolves then, with the task's own settling (never rejected). */
  async run(task: () => Promise<void>): Promise<{ settled: Promise<void> }> {
    this.throwIfFailed();
    // Several callers may wait for one free slot; each checks again when it wakes.
    while (this.running.size >= this.limit) {
      await Promise.race(this.running);
      this.throwIfFailed();
    }
    const settled: Promise<void> = task()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.running.delete(settled));
    this.running.add(settled);
    return { settled };
  }

  async drain(): Promise<void> {
    await Promise.all(this.running);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
