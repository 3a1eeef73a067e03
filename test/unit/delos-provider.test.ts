import { afterEach, describe, expect, it } from 'vitest';
import { createDelosProvider } from '../../electron/providers/delos/delos-provider';
import type { ProviderAccount, ResolveContext } from '../../electron/providers/provider';
import { type DelosFixture, type FakeDelos, startFakeDelos } from '../support/fake-delos';
import { resolveSpec } from '../support/resolve-spec';
import { until } from '../support/scheduler-harness';

const fixture: DelosFixture = {
  login: 'clerk@example.com',
  password: 'delos-PASS-5150',
  staticToken: 'delos-static-TOKEN-77',
  files: {
    file_78901: { body: Buffer.from('%PDF-1.4 passport'), contentType: 'application/pdf', name: 'passport_scan.pdf' },
    file_78902: {
      body: Buffer.from('jpeg bytes'),
      contentType: 'image/jpeg',
      name: 'driver_license_front.jpg',
      disposition: 'inline',
      customerId: 'cust_12345',
    },
    file_json: { body: Buffer.from('%PDF-1.4 inside json'), contentType: 'application/pdf', envelope: true },
    file_locked: { body: Buffer.from('locked for a while'), contentType: 'text/plain', lockedFor: 2 },
    file_stuck: { body: Buffer.from('never unlocked'), contentType: 'text/plain', lockedFor: Number.POSITIVE_INFINITY },
  },
  missing: ['file_99999'],
};

let delos: FakeDelos;
afterEach(async () => {
  await delos?.server.close();
});

const provider = (lockedTimeoutMs = 60_000) =>
  createDelosProvider({ lockedTimeoutMs: () => lockedTimeoutMs, lockedRetry: { firstDelayMs: 50, maxDelayMs: 100 } });

function account(credentials: Record<string, string>): ProviderAccount & { kept: Map<string, string> } {
  const kept = new Map<string, string>();
  return {
    label: 'Office',
    baseUrl: delos.baseUrl,
    credentials,
    kept,
    session: {
      get: (name) => kept.get(name) ?? null,
      set: (name, value) => (value === null ? kept.delete(name) : kept.set(name, value)),
    },
  };
}

const withLogin = (extra: Record<string, string> = {}) =>
  account({ login: fixture.login, password: fixture.password, ...extra });

function context(of: ProviderAccount, signal = new AbortController().signal) {
  const waits: string[] = [];
  const value: ResolveContext = { account: of, signal, waiting: (reason) => waits.push(reason) };
  return { context: value, waits };
}

describe('Delos sign-in', () => {
  it('logs in once for concurrent downloads, keeps the tokens in the session and sends the access token bare', async () => {
    delos = await startFakeDelos(fixture);
    const office = withLogin();
    const specs = await Promise.all(
      ['file_78901', 'file_78901', 'file_json', 'file_78901', 'file_json'].map((id) =>
        resolveSpec(provider(), `delos:file/${id}`, context(office).context),
      ),
    );
    expect(delos.logins()).toBe(1);
    const token = office.kept.get('accessToken');
    expect(token).toMatch(/^acc-/);
    expect(office.kept.get('refreshToken')).toMatch(/^ref-/);
    expect(Number(office.kept.get('accessExpiresAt'))).toBeGreaterThan(Date.now() + 3_000_000);
    expect(specs[0]).toEqual({
      url: `${delos.baseUrl}/v2/storage/file/file_78901`,
      headers: { accept: '*/*', authorization: token },
      suggestedName: 'file_78901',
    });
    // The file inside a JSON envelope is named for the type it holds, not .json.
    expect(specs[2]?.suggestedName).toBe('file_json.pdf');
    expect(delos.server.requestsFor('/v2/storage/file/file_78901')[0]?.headers.authorization).toBe(token);
  });

  it('renews a token about to lapse with the refresh token, keeping each new refresh token', async () => {
    delos = await startFakeDelos({ ...fixture, accessTtl: 20 });
    const office = withLogin();
    for (let i = 0; i < 3; i += 1) await resolveSpec(provider(), 'delos:file/file_78901', context(office).context);
    expect(delos.logins()).toBe(1);
    expect(delos.refreshedWith).toHaveLength(2);
    // The second refresh used the token the first one handed out: the first was voided.
    expect(delos.issued).toContain(delos.refreshedWith[1]);
    expect(delos.refreshedWith[0]).not.toBe(delos.refreshedWith[1]);
    expect(office.kept.get('refreshToken')).toBe(delos.issued.at(-1));
    for (const path of delos.refreshedWith.map((token) => `/v2/auth/refresh/${token}`)) {
      expect(delos.server.requestsFor(path)[0]?.headers.authorization).toBeUndefined();
    }
  });

  it('logs in again when the refresh is refused', async () => {
    delos = await startFakeDelos({ ...fixture, accessTtl: 20 });
    const office = withLogin();
    delos.faults.refuseRefresh = true;
    await resolveSpec(provider(), 'delos:file/file_78901', context(office).context);
    await resolveSpec(provider(), 'delos:file/file_78901', context(office).context);
    expect(delos.refreshedWith).toHaveLength(1);
    expect(delos.logins()).toBe(2);
  });

  it('renews a token Delos refuses before its time, once, then resolves', async () => {
    delos = await startFakeDelos(fixture);
    const office = withLogin();
    await resolveSpec(provider(), 'delos:file/file_78901', context(office).context);
    const first = office.kept.get('accessToken');
    delos.expireAccessTokens();
    const spec = await resolveSpec(provider(), 'delos:file/file_78901', context(office).context);
    expect(spec.headers?.authorization).not.toBe(first);
    expect(delos.refreshedWith).toHaveLength(1);
  });

  it('says the account’s credentials were refused: a wrong password, or a static token Delos rejects', async () => {
    delos = await startFakeDelos(fixture);
    const wrong = account({ login: fixture.login, password: 'not-the-password' });
    await expect(resolveSpec(provider(), 'delos:file/file_78901', context(wrong).context)).rejects.toThrow(
      'Delos refused the credentials of "Office" ("Invalid login or password"). Check its login and password, or its token, then retry.',
    );
    const stale = account({ token: 'delos-old-TOKEN-00' });
    await expect(resolveSpec(provider(), 'delos:file/file_78901', context(stale).context)).rejects.toThrow(
      'Delos refused the credentials of "Office" ("Unauthorized")',
    );
    const good = account({ token: fixture.staticToken as string });
    const spec = await resolveSpec(provider(), 'delos:file/file_78901', context(good).context);
    expect(spec.headers?.authorization).toBe(fixture.staticToken);
    expect(delos.logins()).toBe(1);
  });
});

describe('Delos files', () => {
  it('fails at once, in Delos’s words, for a missing file and a denied one', async () => {
    delos = await startFakeDelos(fixture);
    const office = withLogin();
    const missing = context(office);
    await expect(resolveSpec(provider(), 'delos:file/file_99999', missing.context)).rejects.toThrow(
      'Delos has no file file_99999: "File not found: file_99999". Check the file id (its account\'s library lists them: Browse in Accounts, or ferry accounts browse Office',
    );
    await expect(resolveSpec(provider(), 'delos:file/file_78902', context(office).context)).rejects.toThrow(
      'Delos denied "Office" access to file file_78902: "Access denied to file: file_78902"',
    );
    expect(missing.waits).toEqual([]);
    expect(delos.server.requestsFor('/v2/storage/file/file_99999')).toHaveLength(1);
  });

  it('asks for the ref’s customer, else the account’s', async () => {
    delos = await startFakeDelos(fixture);
    const spec = await resolveSpec(
      provider(),
      'delos:file/file_78902?customer=cust_12345',
      context(withLogin()).context,
    );
    expect(spec.url).toBe(`${delos.baseUrl}/v2/storage/file/file_78902?customerId=cust_12345`);
    const own = await resolveSpec(
      provider(),
      'delos:file/file_78902',
      context(withLogin({ customerId: 'cust_12345' })).context,
    );
    expect(own.url).toBe(spec.url);
  });

  it('waits while a file is locked, saying so, and gives up after the setting’s time', async () => {
    delos = await startFakeDelos(fixture);
    const office = withLogin();
    const locked = context(office);
    const spec = await resolveSpec(provider(), 'delos:file/file_locked', locked.context);
    expect(spec.url).toContain('/file_locked');
    expect(locked.waits).toEqual(['locked', 'locked']);
    const started = Date.now();
    await expect(resolveSpec(provider(300), 'delos:file/file_stuck', context(office).context)).rejects.toThrow(
      'Delos kept file file_stuck locked ("File is locked and cannot be downloaded") for the 0 seconds Ferry waits.',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    await expect(resolveSpec(provider(0), 'delos:file/file_stuck', context(office).context)).rejects.toThrow(
      'Ferry is set not to wait for locked files',
    );
  });

  it('stops waiting for a locked file at once when the download is paused', async () => {
    delos = await startFakeDelos(fixture);
    const pause = new AbortController();
    const waiting = resolveSpec(provider(), 'delos:file/file_stuck', context(withLogin(), pause.signal).context);
    setTimeout(() => pause.abort(), 200);
    const started = Date.now();
    await expect(waiting).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('Delos asking Ferry to slow down (429)', () => {
  it('signs in once the Retry-After of a 429 has passed', async () => {
    delos = await startFakeDelos(fixture);
    delos.faults.rateLimit = { endpoint: 'login', count: 1, retryAfterSeconds: 1 };
    const spec = await resolveSpec(provider(), 'delos:file/file_78901', context(withLogin()).context);
    expect(spec.headers?.authorization).toMatch(/^acc-/);
    const [limited, signedIn] = delos.server.requestsFor('/v2/auth/login');
    expect((signedIn?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('waits out a 429 on the file before the engine starts, holding every call of the account meanwhile', async () => {
    delos = await startFakeDelos(fixture);
    delos.faults.rateLimit = { endpoint: 'file', count: 1, retryAfterSeconds: 1 };
    const office = withLogin();
    const { context: resolving, waits } = context(office);
    const spec = resolveSpec(provider(), 'delos:file/file_78901', resolving);
    await until(() => waits.length > 0);
    await Promise.all([spec, provider().browse?.(office)]);
    const [limited, probed] = delos.server.requestsFor('/v2/storage/file/file_78901');
    const [listed] = delos.server.requestsFor('/v2/storage/file');
    expect((probed?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect((listed?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(waits).toEqual([expect.stringMatching(/^Delos asked Ferry to slow down until /)]);
  });
});

describe('Delos listing', () => {
  const many = (count: number) =>
    Object.fromEntries(
      Array.from({ length: count }, (_, i) => [
        `doc_${String(i).padStart(3, '0')}`,
        { body: Buffer.alloc(2048), contentType: 'application/pdf', name: `scan ${i}.pdf` },
      ]),
    );

  for (const listShape of ['data', 'items', 'array'] as const) {
    it(`lists every page of a listing under ${listShape}, one ref a file`, async () => {
      delos = await startFakeDelos({ ...fixture, files: many(230), listShape });
      const entries = (await provider().browse?.(withLogin())) ?? [];
      expect(entries).toHaveLength(230);
      expect(entries[229]).toEqual({
        ref: 'delos:file/doc_229',
        name: 'scan 229.pdf',
        type: 'pdf',
        formats: [],
        tags: [],
        detail: 'PDF · 2 KiB',
        choices: [{ label: 'Download', ref: 'delos:file/doc_229' }],
      });
      const pages = delos.server.requestsFor('/v2/storage/file').map((request) => new URL(request.url, 'http://x'));
      expect(pages.map((url) => url.searchParams.get('meta.page'))).toEqual(['1', '2', '3']);
    });
  }

  it('names the customer of a file in its ref when it is not the account’s', async () => {
    delos = await startFakeDelos(fixture);
    const entries = (await provider().browse?.(withLogin())) ?? [];
    expect(entries.find((entry) => entry.name === 'driver_license_front.jpg')?.ref).toBe(
      'delos:file/file_78902?customer=cust_12345',
    );
    const own = (await provider().browse?.(withLogin({ customerId: 'cust_12345' }))) ?? [];
    expect(own.map((entry) => entry.ref)).toContain('delos:file/file_78902');
    const query = new URL(delos.server.requestsFor('/v2/storage/file').at(-1)?.url ?? '', 'http://x').searchParams;
    expect(query.get('customerId')).toBe('cust_12345');
  });

  it('tests an account by signing in and listing a page', async () => {
    delos = await startFakeDelos(fixture);
    expect(await provider().test?.(withLogin())).toBe('Signed in to Delos as clerk@example.com: 5 files in storage.');
    expect(await provider().test?.(account({ token: fixture.staticToken as string, customerId: 'cust_12345' }))).toBe(
      'Delos accepted the token for customer cust_12345: 5 files in storage.',
    );
    await expect(provider().test?.(account({ token: 'delos-old-TOKEN-00' }))).rejects.toThrow(
      'Delos refused the credentials of "Office"',
    );
  });
});
