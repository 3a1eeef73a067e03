/**
 * Calls a listener of progress or checkpoints. They are advisory to the
 * caller, so a listener's bug must not break the download or the process
 * hosting it.
 */
export function notifySafely(callback: () => unknown): void {
  try {
    const result = callback();
    // A listener that works asynchronously must not leave a rejection unhandled either.
    if (result instanceof Promise) result.catch(() => undefined);
  } catch {
    // Deliberately ignored, see above.
  }
}
