import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { type CallChannel, callChannels } from '../../shared/ipc/channels';
import { calls } from '../../shared/ipc/contract';
import { malformedPayloads } from '../support/malformed-payloads';
import { openTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
let serviceSpies: MockInstance[];

/** Every method of every service a handler reaches: a refused payload must reach none of them. */
function spyOnServices(services: TestApp['services']): MockInstance[] {
  const reached = [
    services.logFolder,
    services.addRequests,
    services.reveals,
    services.settings,
    services.folders,
    services.downloads,
    services.library,
    services.accounts,
  ] as unknown as Record<string, unknown>[];
  const spies: MockInstance[] = [vi.spyOn(services, 'linkCli')];
  for (const service of reached) {
    for (const name of methodNames(service)) spies.push(vi.spyOn(service, name as never));
  }
  return spies;
}

function methodNames(object: object): string[] {
  const names = new Set<string>();
  for (let level = object; level && level !== Object.prototype; level = Object.getPrototypeOf(level)) {
    for (const name of Object.getOwnPropertyNames(level)) {
      if (name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(level, name)?.value === 'function') {
        names.add(name);
      }
    }
  }
  return [...names];
}

beforeAll(async () => {
  app = await openTestApp();
  serviceSpies = spyOnServices(app.services);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await app.close();
});

describe('every call channel of the contract, sent malformed payloads through the router', () => {
  const contractChannels = Object.keys(calls) as CallChannel[];
  const cases = contractChannels.flatMap((channel) =>
    malformedPayloads(channel).map(({ label, payload }) => ({ channel, label, payload })),
  );

  it('covers every channel of the contract map with several payloads each', () => {
    expect(new Set(cases.map((probe) => probe.channel))).toEqual(new Set(callChannels));
    for (const channel of contractChannels) {
      expect(cases.filter((probe) => probe.channel === channel).length).toBeGreaterThanOrEqual(6);
    }
  });

  it('would see a service call: a valid payload reaches its service through the same spies', async () => {
    for (const spy of serviceSpies) spy.mockClear();
    await app.router.invoke('settings:get', undefined);
    expect(serviceSpies.some((spy) => spy.mock.calls.length > 0)).toBe(true);
  });

  it.each(cases)('$channel refuses $label as an invalid payload, calling no service', async ({ channel, payload }) => {
    for (const spy of serviceSpies) spy.mockClear();
    const pending = app.router.invoke(channel, payload);
    // The router validates before its first await: a handler that ran would have been called by now.
    const called = serviceSpies.filter((spy) => spy.mock.calls.length > 0).map((spy) => spy.getMockName());
    const result = await pending;
    expect(called).toEqual([]);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: expect.stringContaining(`Ferry refused the "${channel}" request.`) },
    });
    expect(!result.ok && result.error.message.length).toBeLessThan(2000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
