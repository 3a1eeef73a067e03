/**
 * What Ferry asks of the desktop: open a file, show it in its folder, drag it out, pick a folder. main.ts
 * hands in Electron's shell; the CLI and tests hand in their own.
 */
export interface Desktop {
  /** Resolves to an error message, or '' on success (Electron's contract). */
  openPath(path: string): Promise<string>;
  showItemInFolder(path: string): void;
  /** Starts a native drag of the file or folder from Ferry's window, to drop it into another app. */
  startDrag(path: string): Promise<void>;
  /** A folder picker; null when the person canceled it. */
  chooseFolder(title: string, startIn: string): Promise<string | null>;
}
