import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { polledNetwork } from '../../electron/engine/network-status';
import { bytes, type Harness, quickRetries, rangeStart, startHarness } from './engine-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** A network the test switches off and on, asked as the app asks Electron's `net.isOnline()`. */
function fakeNetwork() {
  const state = { online: true };
  return { state, network: polledNetwork(() => state.online, 10) };
}

describe('a transfer whose network goes away', () => {
  it('waits for it without spending its retries, says so, and continues from its last byte once it is back', async () => {
    const file = bytes(1_000_000);
    const { state, network } = fakeNetwork();
    // The cable is pulled 200 kB in, and every request made while it is out fails, like a real dead link.
    h.server.route('/model.glb', (_request, index) => {
      if (index === 0) {
        state.online = false;
        return { body: file, etag: '"m"', dropAfter: 200_000 };
      }
      return state.online ? { body: file, etag: '"m"' } : { body: file, etag: '"m"', dropAfter: 0 };
    });
    const offline: boolean[] = [];
    const retry = { ...quickRetries, maxAttempts: 2 };
    const { transfer } = h.start({
      spec: { url: h.server.url('/model.glb') },
      connections: 1,
      retry,
      network,
      onOffline: (waiting) => offline.push(waiting),
    });
    const outcome = transfer.run();
    await vi.waitFor(() => expect(offline).toEqual([true]));
    // Far longer than two quick retries would take: an attempt would have failed the transfer by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.server.requestsFor('/model.glb')).toHaveLength(1);
    state.online = true;
    expect(await outcome).toMatchObject({ status: 'done', size: file.length });
    expect(offline).toEqual([true, false]);
    expect(await h.read('model.glb')).toEqual(file);
    const [, resumed] = h.server.requestsFor('/model.glb');
    expect(rangeStart(resumed?.headers.range)).toBeGreaterThan(0);
  });

  it('counts failures as attempts while the network is up, and gives up as before', async () => {
    const { network } = fakeNetwork();
    h.server.route('/gone.bin', { body: bytes(10_000), dropAfter: 0 });
    const offline: boolean[] = [];
    const outcome = await h
      .start({ spec: { url: h.server.url('/gone.bin') }, network, onOffline: (waiting) => offline.push(waiting) })
      .transfer.run();
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'network' } });
    expect(h.server.requestsFor('/gone.bin')).toHaveLength(quickRetries.maxAttempts);
    expect(offline).toEqual([]);
  });

  it('stops waiting at once when it is paused meanwhile', async () => {
    const { state, network } = fakeNetwork();
    state.online = false;
    const offline: boolean[] = [];
    const { transfer } = h.start({
      spec: { url: 'http://127.0.0.1:9/nothing' },
      network,
      onOffline: (waiting) => offline.push(waiting),
    });
    const outcome = transfer.run();
    await vi.waitFor(() => expect(offline).toEqual([true]));
    await transfer.pause();
    expect(await outcome).toMatchObject({ status: 'paused' });
  });
});
