import { afterEach, describe, expect, it } from 'vitest';
import { echo3dProvider } from '../../electron/providers/echo3d/echo3d-provider';
import type { ProviderAccount } from '../../electron/providers/provider';
import { type Echo3dFixture, startFakeEcho3d } from '../support/fake-echo3d';
import type { FaultServer } from '../support/fault-server';
import { resolveSpec } from '../support/resolve-spec';

const fixture: Echo3dFixture = {
  key: 'echo-key-123456',
  email: 'artist@example.com',
  userKey: 'echo-user-123456',
  files: {
    'sid-model': { name: 'castle.fbx', body: Buffer.from('model') },
    'sid-wall': { name: 'wall_diffuse.png', body: Buffer.from('wall') },
    'sid-mtl': { name: 'castle.mtl', body: Buffer.from('mtl') },
  },
  entries: {
    'entry-1': { original: 'sid-model', textures: ['sid-wall'], material: 'sid-mtl', formats: {}, conversions: {} },
  },
};

let echo3d: { server: FaultServer; baseUrl: string } | undefined;
afterEach(async () => {
  await echo3d?.server.close();
});

async function accountFor(extrasBesideHologram: boolean): Promise<ProviderAccount> {
  echo3d = await startFakeEcho3d({ ...fixture, extrasBesideHologram });
  return {
    label: 'Studio',
    baseUrl: echo3d.baseUrl,
    credentials: { key: fixture.key, email: fixture.email, userKey: fixture.userKey },
    // echo3D signs every request with the account's own keys: no session tokens.
    session: { get: () => null, set: () => undefined },
  };
}

describe('an echo3D entry with its textures and material', () => {
  for (const [layout, beside] of [
    ['inside hologram, as echo3D answers', false],
    ['beside hologram, as older answers did', true],
  ] as const) {
    it(`finds them ${layout}, for files=all and for the picker`, async () => {
      const account = await accountFor(beside);
      const refs = await echo3dProvider.expand?.('echo3d:entry/entry-1?files=all', () => account);
      expect(refs).toEqual([
        { ref: 'echo3d:file/sid-model?name=castle.fbx', folder: 'castle' },
        { ref: 'echo3d:file/sid-wall?name=wall_diffuse.png', folder: 'castle' },
        { ref: 'echo3d:file/sid-mtl?name=castle.mtl', folder: 'castle' },
      ]);
      const [entry] = (await echo3dProvider.browse?.(account)) ?? [];
      expect(entry?.detail).toBe('FBX · 1 texture');
      expect(entry?.choices.map((choice) => choice.label)).toContain('With textures');
    });
  }
});

describe('an echo3D conversion', () => {
  it('waits for its first byte saying which format echo3D makes', async () => {
    const account = await accountFor(false);
    const context = { account, signal: new AbortController().signal, waiting: () => undefined };
    const converting = await resolveSpec(echo3dProvider, 'echo3d:entry/entry-1?format=glb&convert=true', context);
    expect(converting).toMatchObject({ waitingFor: 'converting to GLB', firstByteTimeoutMs: expect.any(Number) });
    const stored = await resolveSpec(echo3dProvider, 'echo3d:entry/entry-1?format=glb', context);
    expect(stored.waitingFor).toBeUndefined();
  });
});
