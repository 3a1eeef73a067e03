import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { isCallChannel, isEventChannel } from '../shared/ipc/channels';
import type { FerryApi } from '../shared/ipc/contract';
import { type IpcResult, unknownChannel } from '../shared/ipc/result';

/**
 * Exposes exactly the IPC contract as `window.ferry`: two functions that only
 * accept contract channels. The page never sees ipcRenderer or an event object.
 */
const ferry: FerryApi = {
  invoke(channel: string, payload?: unknown): Promise<IpcResult<never>> {
    if (!isCallChannel(channel)) return Promise.resolve(unknownChannel(channel));
    return ipcRenderer.invoke(channel, payload);
  },
  on(event: string, listener: (payload: unknown) => void) {
    if (!isEventChannel(event)) throw new TypeError(`Ferry has no "${String(event).slice(0, 80)}" event.`);
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
} as FerryApi;

contextBridge.exposeInMainWorld('ferry', ferry);
