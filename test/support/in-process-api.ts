import type { Router } from '../../electron/ipc/router';
import type { FerryApi } from '../../shared/ipc/contract';

/**
 * `window.ferry` bound straight to a router in the same process: the third
 * transport beside Electron's IPC and the Playwright page binding.
 */
export function inProcessApi(router: Router): FerryApi {
  return {
    invoke: (channel: string, payload?: unknown) => router.invoke(channel, payload),
    on: (event: string, listener: (payload: unknown) => void) =>
      router.onEvent((emitted) => {
        if (emitted.event === event) listener(emitted.payload);
      }),
  } as FerryApi;
}
