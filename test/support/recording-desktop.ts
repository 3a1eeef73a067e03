import type { Desktop } from '../../electron/desktop';

/** The desktop as tests see it: what Ferry asked to open or show. Electron's shell stands here in the app. */
export function recordingDesktop(): Desktop & {
  opened: string[];
  shown: string[];
  dragged: string[];
  /** What the folder picker answers next; null is "canceled". */
  nextFolder: string | null;
  /** The folder each picker opened in. */
  pickerStartedIn: string[];
} {
  const opened: string[] = [];
  const shown: string[] = [];
  const dragged: string[] = [];
  const pickerStartedIn: string[] = [];
  return {
    opened,
    shown,
    dragged,
    nextFolder: null,
    pickerStartedIn,
    async chooseFolder(_title, startIn) {
      pickerStartedIn.push(startIn);
      return this.nextFolder;
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
