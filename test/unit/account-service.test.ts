import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Router } from '../../electron/ipc/router';
import { defaultProviders } from '../../electron/providers/registry';
import type { Services } from '../../electron/services';
import type { Account } from '../../shared/accounts';
import type { IpcEvent } from '../../shared/ipc/contract';
import { browsableProviders, providerIds } from '../../shared/platforms';
import { type Echo3dFixture, startFakeEcho3d } from '../support/fake-echo3d';
import type { FaultServer } from '../support/fault-server';
import { openTestApp, type TestApp } from '../support/test-app';

const fixture: Echo3dFixture = {
  key: 'ipc-api-KEY-5150',
  email: 'studio@example.com',
  userKey: 'ipc-user-KEY-2112',
  files: { 'sid-a': { name: 'tree.glb', body: Buffer.alloc(1000, 1) } },
  entries: {
    'entry-tree': { original: 'sid-a', formats: { usdz: 'sid-a' }, conversions: {}, tags: 'nature, low-poly' },
  },
};

let app: TestApp;
let profile: TestApp['profile'];
let services: Services;
let router: Router;
let echo3d: { server: FaultServer; baseUrl: string };
let logger: TestApp['logger'];
let events: IpcEvent[];

beforeEach(async () => {
  app = await openTestApp('');
  ({ profile, services, router, logger, events } = app);
  echo3d = await startFakeEcho3d(fixture);
});
afterEach(async () => {
  for (const account of services.accounts.list()) services.accounts.remove(account.id);
  await echo3d.server.close();
  await app.close();
});

async function createStudio(): Promise<Account> {
  const created = await router.invoke('accounts:create', {
    provider: 'echo3d',
    label: 'Studio',
    baseUrl: echo3d.baseUrl,
    fields: { key: fixture.key, email: fixture.email, userKey: fixture.userKey },
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.value as Account;
}

describe('accounts through IPC', () => {
  it('creates an account and only ever answers { set: true } for its secrets', async () => {
    const account = await createStudio();
    expect(account.fields).toEqual({ key: { set: true }, email: fixture.email, userKey: { set: true } });
    const listed = await router.invoke('accounts:list', undefined);
    const wire = JSON.stringify([listed, events, logger.lines]);
    expect(wire).not.toContain(fixture.key);
    expect(wire).not.toContain(fixture.userKey);
  });

  it('offers Browse in the window for exactly the providers that can list a library', () => {
    expect(browsableProviders).toEqual(providerIds.filter((id) => defaultProviders().byId(id)?.browse !== undefined));
  });

  it('tests the account and browses its collection for a picker', async () => {
    const account = await createStudio();
    expect(await router.invoke('accounts:test', { id: account.id })).toEqual({
      ok: true,
      value: { message: 'Signed in to echo3D as studio@example.com: 1 entry in the collection.' },
    });
    expect(await router.invoke('accounts:browse', { id: account.id })).toEqual({
      ok: true,
      value: [
        {
          ref: 'echo3d:entry/entry-tree',
          name: 'tree.glb',
          type: 'glb',
          formats: ['glb', 'usdz'],
          tags: ['nature', 'low-poly'],
          detail: 'GLB',
          choices: [
            { label: 'Original (GLB)', ref: 'echo3d:entry/entry-tree' },
            { label: 'USDZ', ref: 'echo3d:entry/entry-tree?format=usdz' },
          ],
        },
      ],
    });
  });

  it('downloads an echo3D ref added through IPC with the default account', async () => {
    await createStudio();
    services.downloads.start();
    await router.invoke('downloads:add', { refs: ['echo3d:file/sid-a'] });
    await expect.poll(() => services.downloads.list()[0]?.status, { timeout: 5000 }).toBe('done');
    expect(services.downloads.list()[0]?.path).toBe(`${profile.path}/tree.glb`);
    expect(JSON.stringify(events)).not.toContain(fixture.key);
  });

  it('signs a download picked from a library with that account, not the default one', async () => {
    await router.invoke('accounts:create', {
      provider: 'echo3d',
      label: 'Old default',
      baseUrl: echo3d.baseUrl,
      fields: { key: 'revoked-KEY', email: fixture.email, userKey: 'revoked-user' },
    });
    const studio = await createStudio();
    expect(services.accounts.list().find((account) => account.id === studio.id)?.isDefault).toBe(false);
    services.downloads.start();
    await router.invoke('downloads:add', { refs: ['echo3d:file/sid-a'], accountId: studio.id });
    await expect.poll(() => services.downloads.list()[0]?.status, { timeout: 5000 }).toBe('done');
    expect(services.downloads.list()[0]?.accountId).toBe(studio.id);
    expect(await router.invoke('downloads:add', { refs: ['echo3d:file/sid-a'], accountId: 'gone' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'That account no longer exists. Pick another account and try again.' },
    });
    const other = await router.invoke('accounts:create', {
      provider: 'delos',
      label: 'Docs',
      baseUrl: 'https://delos.example',
      fields: { login: 'me', password: 'pw' },
    });
    const docsId = other.ok ? (other.value as Account).id : '';
    expect(await router.invoke('downloads:add', { refs: ['echo3d:file/sid-a'], accountId: docsId })).toMatchObject({
      ok: false,
      error: { code: 'invalid_ref', message: expect.stringContaining('"Docs" is a delos account') },
    });
  });

  it('renames an account and replaces a secret in the keychain, still answering only { set: true }', async () => {
    const account = await createStudio();
    const updated = await router.invoke('accounts:update', {
      id: account.id,
      change: { label: 'Studio (old key)', fields: { key: 'rotated-KEY-0001' } },
    });
    expect(updated).toMatchObject({ ok: true, value: { label: 'Studio (old key)', fields: { key: { set: true } } } });
    expect(JSON.stringify(updated)).not.toContain('rotated-KEY-0001');
    expect(await router.invoke('accounts:test', { id: account.id })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('refused the credentials') },
    });
  });

  it('switches the default account of a provider', async () => {
    const first = await createStudio();
    const second = await router.invoke('accounts:create', {
      provider: 'echo3d',
      label: 'Client',
      fields: { key: 'other', email: 'c@example.com', userKey: 'other-user' },
    });
    const secondId = second.ok ? (second.value as Account).id : '';
    expect(await router.invoke('accounts:setDefault', { id: secondId })).toMatchObject({
      ok: true,
      value: { isDefault: true },
    });
    expect(services.accounts.list().find((account) => account.id === first.id)?.isDefault).toBe(false);
  });
});
