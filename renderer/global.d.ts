import type { FerryApi } from '../shared/ipc/contract';

declare global {
  interface Window {
    /** Exposed by electron/preload.ts; the renderer's only way out. */
    readonly ferry: FerryApi;
  }
}
