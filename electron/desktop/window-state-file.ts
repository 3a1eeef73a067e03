import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import type { Logger } from '../logs/logger';
import { parseWindowState, type WindowState } from './window-state-model';

export const WINDOW_STATE_FILE = 'window-state.json';
const SAVE_DELAY_MS = 500;

/**
 * The window's size and place, kept in the profile. Reading happens once,
 * before the window exists, so it is synchronous; saves are debounced, since a
 * drag fires dozens of moves a second, and `flush()` writes at once (on close).
 */
export class WindowStateFile {
  private readonly file: string;
  private pending: WindowState | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    profileDir: string,
    private readonly logger: Logger,
  ) {
    this.file = join(profileDir, WINDOW_STATE_FILE);
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
