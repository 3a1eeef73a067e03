import { describe, expect, it } from 'vitest';
import { callChannels, eventChannels } from '../../shared/ipc/channels';
import type { FerryApi } from '../../shared/ipc/contract';
import { requireBuiltApp } from '../support/built-app';
import { createElectronStandIn, loadBundle } from '../support/electron-stand-in';

/** Names a hostile or buggy page might try; none of them may reach the main process. */
const hostileNames = ['fs:readFile', 'shell:openExternal', 'settings:delete', '__proto__', 'constructor', ''];

function loadPreload() {
  const standIn = createElectronStandIn({ paths: { userData: '/unused', downloads: '/unused' } });
  loadBundle(requireBuiltApp().preload, standIn.electron);
  const ferry = standIn.recording.exposedInMainWorld.get('ferry') as FerryApi;
  return { ferry, recording: standIn.recording };
}

type LooseApi = {
  invoke(channel: string, payload?: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
};

describe('the IPC surface of the built preload', () => {
  it('matches the snapshot: a new channel must show up here as a visible change', async () => {
    const { ferry, recording } = loadPreload();
    const api = ferry as unknown as LooseApi;
    for (const channel of [...callChannels, ...hostileNames]) await api.invoke(channel, undefined);
    const subscribable = [...eventChannels, ...hostileNames].filter((event) => {
      try {
        api.on(event, () => undefined);
        return true;
      } catch {
        return false;
      }
    });
    expect({
      globals: [...recording.exposedInMainWorld.keys()],
      methods: Object.keys(ferry).sort(),
      calls: recording.rendererInvocations.map((invocation) => invocation.channel),
      events: subscribable,
    }).toMatchSnapshot();
  });

  it('answers an unknown channel itself, with a typed error', async () => {
    const { ferry, recording } = loadPreload();
    const result = await (ferry as unknown as LooseApi).invoke('fs:readFile', '/etc/passwd');
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(recording.rendererInvocations).toEqual([]);
  });

  it('passes the payload through and gives listeners the payload only, never the IPC event', async () => {
    const { ferry, recording } = loadPreload();
    await ferry.invoke('settings:update', { theme: 'dark' });
    expect(recording.rendererInvocations).toEqual([{ channel: 'settings:update', payload: { theme: 'dark' } }]);

    const received: unknown[][] = [];
    const unsubscribe = ferry.on('settings:changed', (...args) => received.push(args));
    const [forward] = recording.rendererListeners.get('settings:changed') ?? [];
    forward?.({ sender: 'the ipcRenderer itself' }, { theme: 'dark' });
    expect(received).toEqual([[{ theme: 'dark' }]]);

    unsubscribe();
    expect(recording.rendererListeners.get('settings:changed')?.size).toBe(0);
  });
});
