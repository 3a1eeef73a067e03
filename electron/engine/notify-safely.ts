/**
 * Calls a listener of progress or checkpoints. They are advisory to the
 * caller, so a listener's bug must not break the download or the process
 * hosting it.
 */
export function notifySafely(callback: () => void): void {
  try {
    callback();
  } catch {
    // Deliberately ignored, see above.
  }
}
