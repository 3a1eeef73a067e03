import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCollection } from '../../electron/providers/echo3d/echo3d-collection';
import { echo3dProvider } from '../../electron/providers/echo3d/echo3d-provider';
import type { ProviderAccount } from '../../electron/providers/provider';
import { type AnswerServer, startAnswerServer } from '../support/answer-server';

let server: AnswerServer;
beforeAll(async () => {
  server = await startAnswerServer();
});
afterAll(() => server.close());

const account = (): ProviderAccount => ({
  label: 'Studio',
  baseUrl: server.url,
  credentials: { key: 'k', email: 'artist@example.com', userKey: 'u' },
  session: { get: () => null, set: () => undefined },
});

describe('reading echo3D’s collection answer', () => {
  it('leaves out an entry that is null instead of crashing on it (found by fuzzing)', async () => {
    server.answer = {
      status: 200,
      body: '{"db":{"e1":null,"e2":{"hologram":{"filename":"chair.glb","storageID":"s2"}}}}',
      contentType: 'application/json',
    };
    const entries = await echo3dProvider.browse?.(account());
    expect(entries?.map((entry) => [entry.ref, entry.name])).toEqual([['echo3d:entry/e2', 'chair.glb']]);
  });

  it('drops fields of the wrong type and keeps texture ids and names matched by position', () => {
    const collection = readCollection(
      JSON.stringify({
        db: {
          e1: {
            hologram: { filename: 5, storageID: 's1', textureStorageIDs: ['t1', 7, 't3'], textureFilenames: ['a.png'] },
            additionalData: 'tags',
          },
          e2: { hologram: 'model.glb', textureStorageIDs: 't1' },
        },
      }),
    );
    expect(collection?.get('e1')).toEqual({
      hologram: {
        filename: undefined,
        storageID: 's1',
        textureStorageIDs: ['t1', '', 't3'],
        textureFilenames: ['a.png'],
      },
      additionalData: undefined,
    });
    expect(collection?.get('e2')).toEqual({ hologram: undefined, textureStorageIDs: undefined });
  });

  it('says the answer cannot be read when it is no collection, and an empty one is empty', async () => {
    for (const body of ['[]', '"db"', '{"db":[1]}', '{"db":"x"}', 'not json', `${'['.repeat(100_000)}`]) {
      expect(readCollection(body)).toBeNull();
    }
    expect(readCollection('{"db":null}')?.size).toBe(0);
    server.answer = { status: 200, body: '{"db":[1]}', contentType: 'application/json' };
    await expect(echo3dProvider.browse?.(account())).rejects.toThrow(
      'echo3D sent a collection Ferry could not read. Try again later.',
    );
  });
});
