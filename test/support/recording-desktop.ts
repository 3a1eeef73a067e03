import type { Desktop } from '../../electron/desktop';

/** The desktop as tests see it: what Ferry asked to open or show. Electron's shell stands here in the app. */
export function recordingDesktop(): Desktop & {
  opened: string[];
  shown: string[];
  dragged: string[];
  notified: string[];
  /** What the folder picker answers next; null is "canceled". */
  nextFolder: string | null;
} {
  const opened: string[] = [];
  const shown: string[] = [];
  const dragged: string[] = [];
  const notified: string[] = [];
  return {
    opened,
    shown,
    dragged,
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
    startDrag: async (path) => {
      dragged.push(path);
    },
  };
}
