import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PostProcessStep } from '../../electron/providers/provider';
import { unpackBatch } from '../../electron/providers/scenario/unpack-batch';
import type { Download } from '../../shared/downloads';
import { writeCraftedZip } from '../support/archive-fixtures';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { download } from './download-fixture';

let temp: TempDir;
let destination: string;
beforeEach(async () => {
  temp = await makeTempDir();
  destination = join(temp.path, 'Assets');
  mkdirSync(destination);
});
afterEach(() => temp.remove());

function batch(id: number, unpack = true): Download {
  return download({
    id,
    accountId: 'acc-1',
    provider: 'scenario',
    ref: 'scenario:batch?assets=a1',
    status: 'unpacking',
    name: `job-${id}.zip`,
    path: join(destination, `job-${id}.zip`),
    directory: destination,
    unpack,
  });
}

/** Writes the batch's ZIP into the destination, as the download leaves it, and runs its post-processing. */
function zipFor(id: number, files: Record<string, string>): { step: PostProcessStep; zip: string } {
  const zip = join(destination, `job-${id}.zip`);
  writeCraftedZip(
    zip,
    Object.entries(files).map(([name, data]) => ({ name, data: Buffer.from(data), deflate: true })),
  );
  const step = unpackBatch(batch(id));
  if (!step) throw new Error('a batch that unpacks has a post-processing step');
  return { step, zip };
}

const signal = new AbortController().signal;

function listing(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort();
}

describe('unpacking a Scenario batch', () => {
  it('lets two batches into one destination end in one folder tree, each ZIP left to discard once recorded', async () => {
    const first = zipFor(1, { 'inf-1/castle-1-1.png': 'castle', 'inf-1/gate-2-2.png': 'gate' });
    expect(await first.step(first.zip, signal)).toEqual({ path: join(destination, 'inf-1'), discardSource: true });
    const second = zipFor(2, { 'inf-1/gate-2-2.png': 'other gate', 'inf-2/moat-3-1.png': 'moat' });
    expect(await second.step(second.zip, signal)).toEqual({ path: destination, discardSource: true });
    expect(listing(destination)).toEqual([
      'inf-1',
      'inf-1/castle-1-1.png',
      'inf-1/gate-2-2 (1).png',
      'inf-1/gate-2-2.png',
      'inf-2',
      'inf-2/moat-3-1.png',
      'job-1.zip',
      'job-2.zip',
    ]);
    expect(readFileSync(join(destination, 'inf-1', 'gate-2-2 (1).png'), 'utf8')).toBe('other gate');
  });

  it('finishes a batch that stopped before its ZIP was removed, adding nothing twice', async () => {
    mkdirSync(join(destination, 'inf-1'));
    writeFileSync(join(destination, 'inf-1', 'castle-1-1.png'), 'castle');
    const { step, zip } = zipFor(1, { 'inf-1/castle-1-1.png': 'castle', 'inf-1/gate-2-2.png': 'gate' });
    await step(zip, signal);
    expect(listing(destination)).toEqual(['inf-1', 'inf-1/castle-1-1.png', 'inf-1/gate-2-2.png', 'job-1.zip']);
  });

  it('keeps the ZIP, and says what to do, when a file stands where the batch has a folder', async () => {
    writeFileSync(join(destination, 'inf-1'), 'a file');
    const { step, zip } = zipFor(1, { 'inf-1/castle-1-1.png': 'castle' });
    await expect(step(zip, signal)).rejects.toThrow(
      `${join(destination, 'inf-1')} is a file, but the archive holds a folder of that name`,
    );
    expect(listing(destination)).toEqual(['inf-1', 'job-1.zip']);
  });

  it('says to fetch the batch again when someone removed its ZIP', async () => {
    const step = unpackBatch(batch(4));
    await expect(step?.(join(destination, 'job-4.zip'), signal)).rejects.toThrow(
      `The batch's ZIP job-4.zip is no longer in ${destination}. Cancel this download and retry it`,
    );
  });

  it('has nothing to do when the person chose to keep the ZIP', () => {
    expect(unpackBatch(batch(1, false))).toBeNull();
  });
});
