import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeSignIn } from '../../electron/providers/cid/store-sign-in';
import type { ProviderAccount } from '../../electron/providers/provider';
import { redactText } from '../../shared/redact';
import { FakeCidStore } from '../support/fake-cid-store';

let store: FakeCidStore;

beforeEach(async () => {
  store = await FakeCidStore.start('artist', 'pw-SECRET-1', 'static-TOKEN-1');
});
afterEach(async () => {
  await store.close();
});

function loginAccount(password = 'pw-SECRET-1'): ProviderAccount & { kept: Map<string, string> } {
  const kept = new Map<string, string>();
  return {
    label: 'Studio',
    baseUrl: null,
    credentials: { authUrl: store.authUrl, login: 'artist', password },
    session: {
      get: (name) => kept.get(name) ?? null,
      set: (name, value) => (value === null ? kept.delete(name) : kept.set(name, value)),
    },
    kept,
  };
}

describe('signing in to the CID store', () => {
  it.each([
    ['token', 'endpoint', false],
    ['jwt', 'apiEndpoint', true],
    ['accessToken', 'api_endpoint', true],
    ['access_token', 'url', false],
  ] as const)(
    'finds the token as %s and the endpoint as %s (under data: %s)',
    async (tokenField, endpointField, nested) => {
      store.authShape = { tokenField, endpointField, nested };
      const account = loginAccount();
      const session = await storeSignIn(account).current();
      expect(session).toEqual({ token: expect.stringMatching(/^jwt-1-/), endpoint: store.endpoint });
      expect(Object.fromEntries(account.kept)).toEqual({ token: session.token, endpoint: store.endpoint });
      // A token Ferry was handed is cut from any text it shows from now on.
      expect(redactText(`the server said ${session.token}`)).not.toContain(session.token);
    },
  );

  it('keeps the session: the next download does not sign in again, a renewal does', async () => {
    const account = loginAccount();
    const signIn = storeSignIn(account);
    const first = await signIn.current();
    expect(await storeSignIn(account).current()).toEqual(first);
    const renewed = await signIn.renew();
    expect(renewed.token).not.toBe(first.token);
    expect(store.requests.filter((request) => request.url === '/auth')).toHaveLength(2);
  });

  it('says the store refused the login, naming the account, not the password', async () => {
    const error = await storeSignIn(loginAccount('wrong-PASSWORD'))
      .current()
      .then(
        () => new Error('signed in'),
        (caught: unknown) => caught as Error,
      );
    expect(error.message).toContain('The CID store refused the credentials of "Studio" (HTTP 401)');
    expect(error.message).not.toContain('wrong-PASSWORD');
  });

  it('says what is missing when the sign-in answers without a token', async () => {
    store.authShape = { tokenField: 'bearer', endpointField: 'endpoint', nested: false };
    const error = await storeSignIn(loginAccount())
      .current()
      .then(
        () => new Error('signed in'),
        (caught: unknown) => caught as Error,
      );
    expect(error.message).toContain('answered without a token (as token, jwt, accessToken or access_token)');
  });

  it('uses a token account as it is, with nothing to renew', async () => {
    const signIn = storeSignIn({
      label: 'Fixed',
      baseUrl: null,
      credentials: { endpoint: store.endpoint, token: 'static-TOKEN-1' },
      session: { get: () => null, set: () => undefined },
    });
    expect(signIn.renewable).toBe(false);
    expect(await signIn.current()).toEqual({ endpoint: store.endpoint, token: 'static-TOKEN-1' });
    expect(store.requests).toHaveLength(0);
  });
});
