import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../electron/engine/engine-error';
import { createCidProvider } from '../../electron/providers/cid/cid-provider';
import { createDelosProvider } from '../../electron/providers/delos/delos-provider';
import { echo3dProvider } from '../../electron/providers/echo3d/echo3d-provider';
import type { Provider, ProviderAccount, ResolveContext } from '../../electron/providers/provider';
import { createScenarioProvider } from '../../electron/providers/scenario/scenario-provider';
import { FerryError } from '../../shared/errors';
import { type Answer, type AnswerServer, startAnswerServer } from '../support/answer-server';
import { expectClearError, fuzzRuns, fuzzTimeout, outcomeOf, settleWithin } from './fuzz-runs';

let server: AnswerServer;
beforeAll(async () => {
  server = await startAnswerServer();
});
afterAll(() => server.close());

/** Field names the platforms' answers use, so random objects often hit what the parsers look for, with wrong types. */
const fieldName = fc.constantFrom(
  ...['db', 'hologram', 'filename', 'storageID', 'additionalData', 'tags', 'textures', 'materialStorageID'],
  ...[
    'asset',
    'assets',
    'url',
    'downloadUrl',
    'job',
    'jobId',
    'status',
    'jobStatus',
    'metadata',
    'nextPaginationToken',
  ],
  ...['files', 'items', 'data', 'file', 'fileId', 'fileName', 'name', 'mimeType', 'contentType', 'size', 'id', '_id'],
  ...['access_token', 'accessToken', 'refresh_token', 'refreshToken', 'expires_in', 'accessTtl', 'refreshTtl'],
  ...['token', 'endpoint', 'apiEndpoint', 'error', 'message', 'Message', 'content', 'kind', 'type', '__proto__'],
);
const leaf = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('', 'success', 'failure', 'pending', 'http://127.0.0.1:1/x', 'javascript:alert(1)', '../../etc'),
);
const shaped = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fieldName, fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 6 }),
})).value;

/** Answers a broken or hostile platform gives: shaped JSON with wrong types, any JSON, not JSON, huge, deeply nested. */
const body = fc.oneof(
  { weight: 4, arbitrary: shaped.map((value) => JSON.stringify(value)) },
  { weight: 2, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom('', 'null', '[]', '"db"', '{"db":null}', '{"db":{"e1":null}}', '<html>') },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1000, max: 200_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  },
);
const answer = fc.record({
  status: fc.constantFrom(200, 200, 200, 200, 201, 204, 400, 401, 403, 404, 409, 410, 423),
  body,
  contentType: fc.constantFrom('application/json', 'text/plain', 'application/octet-stream'),
});

function account(credentials: Record<string, string>): ProviderAccount {
  const kept = new Map<string, string>();
  return {
    label: 'Fuzzed',
    baseUrl: server.url,
    credentials,
    session: {
      get: (name) => kept.get(name) ?? null,
      set: (name, value) => (value === null ? kept.delete(name) : kept.set(name, value)),
    },
  };
}

const noWait = { firstDelayMs: 1, maxDelayMs: 5 };
/** Every call a platform's answers reach: an account test, a library listing, a ref's resolution and expansion. */
interface FuzzedPlatform {
  name: string;
  provider: Provider;
  account: () => ProviderAccount;
  refs: string[];
  /** Answers that get a call past its sign-in, so the fuzzed answers after them reach the parsers behind it. */
  signIn?: () => Answer;
}

const json = (value: unknown): Answer => ({
  status: 200,
  body: JSON.stringify(value),
  contentType: 'application/json',
});

const platforms: FuzzedPlatform[] = [
  {
    name: 'echo3D',
    provider: echo3dProvider,
    account: () => account({ key: 'k', email: 'a@example.com', userKey: 'u' }),
    refs: ['echo3d:entry/e1?files=all'],
  },
  {
    name: 'Scenario',
    provider: createScenarioProvider({ deadlineMs: () => 50, ...noWait }),
    account: () => account({ apiKey: 'k', apiSecret: 's' }),
    refs: ['scenario:asset/a1', 'scenario:asset/a1?format=jpeg', 'scenario:batch?assets=a1,a2'],
  },
  {
    name: 'Delos (login)',
    provider: createDelosProvider({ lockedTimeoutMs: () => 20, lockedRetry: noWait }),
    account: () => account({ login: 'l', password: 'p' }),
    refs: ['delos:file/f1'],
    signIn: () => json({ accessToken: 'a', refreshToken: 'r', accessTtl: 3600, refreshTtl: 86_400 }),
  },
  {
    name: 'Delos (token)',
    provider: createDelosProvider({ lockedTimeoutMs: () => 20, lockedRetry: noWait }),
    account: () => account({ token: 't' }),
    refs: ['delos:file/f1'],
  },
  {
    name: 'the CID store (sign-in)',
    provider: createCidProvider({
      gateways: () => ({ urls: [], forced: false }),
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    }),
    account: () => account({ authUrl: `${server.url}/auth`, login: 'l', password: 'p' }),
    refs: ['cid:bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi'],
    signIn: () => json({ token: 't', endpoint: server.url }),
  },
];

/** Each call either works or fails with one of Ferry's errors; a hang or a crash fails the property. */
async function judge(work: () => Promise<unknown> | undefined, what: string): Promise<void> {
  const outcome = await outcomeOf(settleWithin(Promise.resolve().then(work), 10_000, what));
  if ('error' in outcome) expectClearError(outcome.error, [FerryError, EngineError]);
}

describe('fuzzing every platform’s answers', () => {
  for (const platform of platforms) {
    it(
      `${platform.name}: a malformed, huge or wrongly typed answer ends in a clear error, never a crash or a hang`,
      async () => {
        const { provider } = platform;
        await fc.assert(
          fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 3 }), fc.boolean(), async (given, signedIn) => {
            const serve = () => server.serve(signedIn && platform.signIn ? [platform.signIn(), ...given] : given);
            const signer = platform.account();
            const context: ResolveContext = {
              account: signer,
              signal: new AbortController().signal,
              waiting: () => {},
            };
            const calls: [string, () => Promise<unknown> | undefined][] = [
              ['test', () => provider.test?.(signer)],
              ['browse', () => provider.browse?.(signer)],
              ...platform.refs.flatMap((ref): [string, () => Promise<unknown> | undefined][] => [
                [`expand ${ref}`, () => provider.expand?.(ref, () => signer)],
                [`resolve ${ref}`, () => provider.resolve(ref, context)],
              ]),
            ];
            for (const [what, call] of calls) {
              serve();
              await judge(call, what);
            }
          }),
          { numRuns: fuzzRuns(60) },
        );
      },
      fuzzTimeout(60, 30_000),
    );
  }

  it('an answer past the size any listing needs is refused, not read whole', async () => {
    server.answer = {
      status: 200,
      body: `{"db":{${'"e":{},'.repeat(2_000_000)}"f":{}}}`,
      contentType: 'application/json',
    };
    const heapBefore = process.memoryUsage().heapUsed;
    for (const platform of platforms) {
      const signer = platform.account();
      await judge(() => platform.provider.browse?.(signer) ?? platform.provider.test?.(signer), platform.name);
    }
    global.gc?.();
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(128 * 1024 * 1024);
  }, 60_000);
});
