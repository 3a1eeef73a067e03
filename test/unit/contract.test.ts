import { describe, expect, it } from 'vitest';
import { callChannels, eventChannels, isCallChannel, isEventChannel } from '../../shared/ipc/channels';
import { calls, events } from '../../shared/ipc/contract';

describe('the IPC contract', () => {
  it('has a schema for exactly the channel names the preload allows', () => {
    expect(Object.keys(calls).sort()).toEqual([...callChannels].sort());
    expect(Object.keys(events).sort()).toEqual([...eventChannels].sort());
  });

  it('keeps call and event names apart, since both travel as Electron channels', () => {
    const shared = callChannels.filter((name) => (eventChannels as readonly string[]).includes(name));
    expect(shared).toEqual([]);
  });

  it('does not treat inherited object keys as channels', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(isCallChannel(name)).toBe(false);
      expect(isEventChannel(name)).toBe(false);
    }
  });
});
