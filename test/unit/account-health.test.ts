import { describe, expect, it } from 'vitest';
import { type FerryClient, IpcCallError } from '../../renderer/ipc/client';
import { accountHealth, selectRefusedDownload } from '../../renderer/store/account-health';
import { createFerryStore } from '../../renderer/store/ferry-store';
import type { Account } from '../../shared/accounts';
import type { IpcError } from '../../shared/ipc/result';
import { download } from './download-fixture';

const echo3d: Account = {
  id: 'a1',
  provider: 'echo3d',
  label: 'Studio',
  baseUrl: null,
  isDefault: true,
  fields: { key: { set: true }, email: 'ui@example.com', userKey: { set: true } },
};
const delosToken: Account = { ...echo3d, id: 'a2', provider: 'delos', fields: { token: { set: true } } };
const refusal = 'echo3D refused the credentials of "Studio" (HTTP 400). Check its key, then retry.';

/** A store whose `accounts:test` answers as told, so the slice's checks come from real calls. */
function storeTesting(answer: { message: string } | IpcError) {
  const client: FerryClient = {
    async call(channel: string) {
      if (channel !== 'accounts:test') throw new Error(`unexpected ${channel}`);
      if ('code' in answer) throw new IpcCallError(answer);
      return answer;
    },
    on: () => () => undefined,
  } as FerryClient;
  return createFerryStore(client);
}

describe('accountHealth', () => {
  it('is untested without a test or a refused download', () => {
    expect(accountHealth(echo3d, undefined, null)).toEqual({ kind: 'untested' });
  });

  it('says credentials were refused when a test was, naming the secrets to replace and the plain field to check', async () => {
    const store = storeTesting({ code: 'provider', message: refusal, provider: 'echo3d' });
    await store.getState().testAccount('a1');
    expect(accountHealth(echo3d, store.getState().accountChecks.a1, null)).toEqual({
      kind: 'refused',
      title: 'Credentials refused',
      message: refusal,
      fix: 'Replace the API key or User key and check the Email, then Test again.',
      secretField: 'key',
    });
  });

  it('calls a refused static token expired', () => {
    const health = accountHealth(delosToken, { status: 'failed', message: refusal, refused: true }, null);
    expect(health).toMatchObject({ kind: 'refused', title: 'Token expired', secretField: 'token' });
  });

  it('keeps a network failure apart from a refusal', async () => {
    const store = storeTesting({ code: 'network', message: 'Ferry could not reach api.echo3d.com.' });
    await store.getState().testAccount('a1');
    expect(accountHealth(echo3d, store.getState().accountChecks.a1, null)).toEqual({
      kind: 'failed',
      message: 'Ferry could not reach api.echo3d.com.',
    });
  });

  it('shows a refused download until a test passes', async () => {
    expect(accountHealth(echo3d, undefined, refusal)).toMatchObject({ kind: 'refused', message: refusal });
    const store = storeTesting({ message: 'Signed in.' });
    await store.getState().testAccount('a1');
    expect(accountHealth(echo3d, store.getState().accountChecks.a1, refusal)).toEqual({
      kind: 'ok',
      message: 'Signed in.',
    });
  });

  it('is testing while a test runs', () => {
    expect(accountHealth(echo3d, { status: 'testing' }, refusal)).toEqual({ kind: 'testing' });
  });
});

describe('selectRefusedDownload', () => {
  const failed = (id: number, accountId: string, message: string, createdAt = id) =>
    download({ id, accountId, status: 'failed', createdAt, error: { code: 'provider', message } });

  it("gives the newest refusal among the account's failed downloads", () => {
    const store = storeTesting({ message: '' });
    store
      .getState()
      .receiveDownloads([
        failed(1, 'a1', `${refusal} (first)`),
        failed(2, 'a1', `${refusal} (second)`),
        failed(3, 'a1', 'echo3D answered HTTP 500.'),
        failed(4, 'other', `${refusal} (other account)`, 9),
      ]);
    expect(selectRefusedDownload(store.getState(), echo3d)).toBe(`${refusal} (second)`);
  });

  it("counts downloads that name no account against the platform's default account only", () => {
    const store = storeTesting({ message: '' });
    const unnamed = download({ provider: 'echo3d', status: 'failed', error: { code: 'http_4xx', message: refusal } });
    store.getState().receiveDownloads([unnamed]);
    expect(selectRefusedDownload(store.getState(), echo3d)).toBe(refusal);
    expect(selectRefusedDownload(store.getState(), { ...echo3d, isDefault: false })).toBeNull();
  });

  it('is null when no download of the account was refused', () => {
    const store = storeTesting({ message: '' });
    store.getState().receiveDownloads([failed(1, 'a1', 'echo3D answered HTTP 500.'), download({ accountId: 'a1' })]);
    expect(selectRefusedDownload(store.getState(), echo3d)).toBeNull();
  });
});
