/**
 * A reader that stops early (`ferry ls --json | head`) closes the pipe under Ferry. As `git log | head` does,
 * Ferry then ends quietly: nobody is left to read what it would print, and a stack trace would only alarm.
 * A download cut short this way stays in the library and resumes with the next `ferry run` or the app.
 */
export function endQuietlyWhenOutputCloses(
  streams: NodeJS.WritableStream[] = [process.stdout, process.stderr],
  exit: (code: number) => void = process.exit,
): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      exit(0);
    });
  }
}
