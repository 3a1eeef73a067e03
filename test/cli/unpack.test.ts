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
let zip: Buffer;

beforeEach(async () => {
  server = await FaultServer.start();
  profile = await makeTempDir('ferry-cli-unpack-');
  downloads = join(profile.path, 'downloads');
  const source = join(profile.path, 'source');
  mkdirSync(join(source, 'castle', 'textures'), { recursive: true });
  writeFileSync(join(source, 'castle', 'castle.glb'), 'mesh');
  writeFileSync(join(source, 'castle', 'textures', 'stone.png'), 'stone');
  runTool('zip', ['-qr', join(profile.path, 'castle.zip'), 'castle'], source);
  zip = readFileSync(join(profile.path, 'castle.zip'));
  server.route('/castle.zip', { body: zip });
});
afterEach(async () => {
  await server.close();
  await profile.remove();
});

describe('ferry get --unpack', () => {
  it('unpacks the archive beside itself and says where in the done line', async () => {
    const result = await ferry(['get', '--unpack', server.url('/castle.zip'), '-o', downloads, '--json'], profile.path);
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout).at(-1)).toMatchObject({
      event: 'done',
      path: join(downloads, 'castle.zip'),
      size: zip.length,
      unpackedTo: join(downloads, 'castle'),
    });
    expect(readFileSync(join(downloads, 'castle', 'textures', 'stone.png'), 'utf8')).toBe('stone');
  });

  it('tells a person what it is doing in plain output', async () => {
    const result = await ferry(['get', '--unpack', server.url('/castle.zip'), '-o', downloads], profile.path);
    expect(result.stdout).toContain(`unpacking 1 ${join(downloads, 'castle.zip')}`);
    expect(result.stdout).toContain(`, unpacked to ${join(downloads, 'castle')}`);
  });

  it('follows the unpackArchives setting, and --no-unpack overrides it', async () => {
    writeFileSync(join(profile.path, 'settings.json'), JSON.stringify({ unpackArchives: true }));
    await ferry(['get', server.url('/castle.zip'), '-o', join(downloads, 'a')], profile.path);
    await ferry(['get', '--no-unpack', server.url('/castle.zip'), '-o', join(downloads, 'b')], profile.path);
    expect(readdirSync(join(downloads, 'a')).sort()).toEqual(['castle', 'castle.zip']);
    expect(readdirSync(join(downloads, 'b'))).toEqual(['castle.zip']);
  });

  it('exits 1 for an archive that will not unpack, and retry unpacks again without downloading again', async () => {
    server.route('/broken.zip', { body: zip.subarray(0, zip.length - 40) });
    const failed = await ferry(['get', '--unpack', server.url('/broken.zip'), '-o', downloads, '--json'], profile.path);
    expect(failed.code).toBe(1);
    expect(jsonLines(failed.stdout).at(-1)).toMatchObject({
      event: 'failed',
      error: { code: 'unpack', message: expect.stringContaining('Downloaded, but not unpacked') },
    });
    writeFileSync(join(downloads, 'broken.zip'), zip);
    expect((await ferry(['retry', '1'], profile.path)).stdout).toContain('retry: 1 download');
    const rerun = await ferry(['run', '--json'], profile.path);
    expect(rerun.code).toBe(0);
    expect(jsonLines(rerun.stdout).at(-1)).toMatchObject({ event: 'done', unpackedTo: join(downloads, 'castle') });
    expect(server.requestsFor('/broken.zip')).toHaveLength(1);
  });
});
