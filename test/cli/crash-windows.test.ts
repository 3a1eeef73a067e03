import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTool } from '../support/archive-fixtures';
import { FaultServer } from '../support/fault-server';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { ferry, jsonLines } from './ferry-cli';

let server: FaultServer;
let profile: TempDir;
let downloads: string;

beforeEach(async () => {
  server = await FaultServer.start();
  profile = await makeTempDir('ferry-cli-crash-');
  downloads = join(profile.path, 'downloads');
});
afterEach(async () => {
  await server.close();
  await profile.remove();
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** `ferry run` killed at the failpoint: no exit code, the signal instead. */
async function runKilledAt(failpoint: string): Promise<void> {
  const killed = await ferry(['run'], profile.path, { FERRY_FAILPOINT: failpoint });
  expect(killed.code, `ferry run should have been killed at ${failpoint}: ${killed.stderr}`).toBeNull();
}

async function listed(): Promise<Record<string, unknown>[]> {
  return jsonLines((await ferry(['ls', '--json'], profile.path)).stdout);
}

describe('ferry run killed while finishing a download, then run again', () => {
  for (const failpoint of ['after-last-byte', 'after-fsync', 'after-rename']) {
    it(`ends done with the whole file and nothing beside it (killed ${failpoint})`, async () => {
      const body = Buffer.alloc(1_500_000);
      for (let i = 0; i < body.length; i++) body[i] = (i * 7919) % 251;
      server.route('/model.bin', { body, etag: '"m"' });
      await ferry(['add', server.url('/model.bin'), '-o', downloads], profile.path);
      await runKilledAt(failpoint);

      const rerun = await ferry(['run', '--json'], profile.path);
      expect(rerun.code).toBe(0);
      const path = join(downloads, 'model.bin');
      expect(jsonLines(rerun.stdout).at(-1)).toMatchObject({ event: 'done', path, sha256: sha256(body) });
      expect(readdirSync(downloads)).toEqual(['model.bin']);
      expect(readFileSync(path).equals(body)).toBe(true);
      expect(await listed()).toEqual([expect.objectContaining({ status: 'done', path, sha256: sha256(body) })]);
    }, 30_000);
  }
});

describe('ferry run killed while unpacking, then run again', () => {
  let zip: Buffer;
  beforeEach(() => {
    const source = join(profile.path, 'source');
    mkdirSync(join(source, 'castle', 'textures'), { recursive: true });
    writeFileSync(join(source, 'castle', 'castle.glb'), 'mesh');
    writeFileSync(join(source, 'castle', 'textures', 'stone.png'), 'stone');
    runTool('zip', ['-qr', join(profile.path, 'castle.zip'), 'castle'], source);
    zip = readFileSync(join(profile.path, 'castle.zip'));
    server.route('/castle.zip', { body: zip });
  });

  for (const failpoint of ['during-unpack', 'folder-claimed', 'after-unpack']) {
    it(`unpacks once, into one folder, without downloading again (killed ${failpoint})`, async () => {
      await ferry(['add', '--unpack', server.url('/castle.zip'), '-o', downloads], profile.path);
      await runKilledAt(failpoint);

      const rerun = await ferry(['run', '--json'], profile.path);
      expect(rerun.code).toBe(0);
      const castle = join(downloads, 'castle');
      expect(jsonLines(rerun.stdout).at(-1)).toMatchObject({ event: 'done', unpackedTo: castle });
      expect(readdirSync(downloads).sort()).toEqual(['castle', 'castle.zip']);
      expect(readFileSync(join(castle, 'textures', 'stone.png'), 'utf8')).toBe('stone');
      expect(readFileSync(join(castle, 'castle.glb'), 'utf8')).toBe('mesh');
      expect(readFileSync(join(downloads, 'castle.zip')).equals(zip)).toBe(true);
      expect(server.requestsFor('/castle.zip')).toHaveLength(1);
      expect(await listed()).toEqual([expect.objectContaining({ status: 'done', unpackedTo: castle })]);
    }, 30_000);
  }
});
