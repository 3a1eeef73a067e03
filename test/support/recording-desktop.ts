import type { Desktop } from '../../electron/desktop';

/** The desktop as tests see it: what Ferry asked to open or show. Electron's shell stands here in the app. */
export function recordingDesktop(): Desktop & {
  opened: string[];
  shown: string[];
  notified: string[];
  /** What the folder picker answers next; null is "canceled". */
  nextFolder: string | null;
} {
  const opened: string[] = [];
  const shown: string[] = [];
  const notified: string[] = [];
  return {
    opened,
    shown,
    notified,
    nextFolder: null,
    async chooseFolder() {
      return this.nextFolder;
    },
    notify: (title, body) => {
      notified.push(`${title}: ${body}`);
    },
    openPath: async (path) => {
      opened.push(path);
      return '';
    },
    showItemInFolder: (path) => {
      shown.push(path);
    },
  };
}
