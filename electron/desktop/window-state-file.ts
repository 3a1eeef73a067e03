import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import type { Logger } from '../logs/logger';
import { parseWindowState, type WindowState } from './window-state-model';

export const WINDOW_STATE_FILE = 'window-state.json';
const SAVE_DELAY_MS = 500;

/**
 * The window's size and place, kept in the profile. The file is read once,
 * before the first window exists, so synchronously; after that the latest
 * state is kept in memory for a window made anew (macOS). Saves are debounced,
 * since a drag fires dozens of moves a second, and `flush()` writes at once (on close).
 */
export class WindowStateFile {
  private readonly file: string;
  private pending: WindowState | null = null;
  private timer: NodeJS.Timeout | null = null;
  private last: WindowState | null | undefined;

  constructor(
    profileDir: string,
    private readonly logger: Logger,
  ) {
    this.file = join(profileDir, WINDOW_STATE_FILE);
  }

  /** The state saved last, or the file's when nothing was saved yet. */
  latest(): WindowState | null {
    if (this.last === undefined) this.last = this.read();
    return this.last;
  }

  read(): WindowState | null {
    try {
      return parseWindowState(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      // Missing or torn: the window opens at its default size, which is all that is lost.
      return null;
    }
  }

  save(state: WindowState): void {
    this.last = state;
    this.pending = state;
    this.timer ??= setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const state = this.pending;
    this.pending = null;
    if (!state) return;
    await writeFileAtomic(this.file, `${JSON.stringify(state)}\n`).catch((error: unknown) =>
      this.logger.warn('Ferry could not remember the window’s size and place:', error),
    );
  }
}
