import type { Desktop } from '../../electron/desktop';

/** The desktop as tests see it: what Ferry asked to open or show. Electron's shell stands here in the app. */
export function recordingDesktop(): Desktop & { opened: string[]; shown: string[] } {
  const opened: string[] = [];
  const shown: string[] = [];
  return {
    opened,
    shown,
    openPath: async (path) => {
      opened.push(path);
      return '';
    },
    showItemInFolder: (path) => {
      shown.push(path);
    },
  };
}
