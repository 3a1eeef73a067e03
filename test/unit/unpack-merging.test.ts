import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnpackError } from '../../electron/archives/archive-entry';
import { unpackMerging } from '../../electron/archives/unpack';
import { type CraftedZipEntry, writeCraftedZip } from '../support/archive-fixtures';
import { makeTempDir, type TempDir } from '../support/temp-dir';

let temp: TempDir;
let downloads: string;
let zip: string;
const staging = { stagingName: '.ferry-unpack-7' };

beforeEach(async () => {
  temp = await makeTempDir();
  downloads = join(temp.path, 'downloads');
  zip = join(downloads, 'job-1.zip');
  mkdirSync(downloads);
});
afterEach(() => temp.remove());

const text = (value: string) => Buffer.from(value);

/** Every file under the folder, relative and sorted, with its content: the whole tree at a glance. */
function tree(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(folder, path)] = readFileSync(path, 'utf8');
  }
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
}

function zipOf(entries: Record<string, string>): void {
  const crafted: CraftedZipEntry[] = Object.entries(entries).map(([name, data]) => ({ name, data: text(data) }));
  writeCraftedZip(zip, crafted);
}

function place(path: string, content: string): void {
  mkdirSync(join(downloads, path, '..'), { recursive: true });
  writeFileSync(join(downloads, path), content);
}

describe('unpacking an archive into its folder, merging', () => {
  it('lays the contents out in the folder as the archive does, keeping the archive', async () => {
    zipOf({ 'assets/castle.png': 'castle', 'assets/keep/gate.png': 'gate', 'notes.txt': 'notes' });
    const result = await unpackMerging(zip, staging);
    expect(result).toMatchObject({ path: downloads, format: 'zip', files: 3, skipped: 0 });
    expect(tree(downloads)).toEqual({
      'assets/castle.png': 'castle',
      'assets/keep/gate.png': 'gate',
      'job-1.zip': expect.any(String),
      'notes.txt': 'notes',
    });
    expect(readdirSync(downloads).sort()).toEqual(['assets', 'job-1.zip', 'notes.txt']);
  });

  it('answers with the lone top-level folder', async () => {
    zipOf({ 'assets/castle.png': 'castle' });
    const result = await unpackMerging(zip, staging);
    expect(result?.path).toBe(join(downloads, 'assets'));
    expect(tree(join(downloads, 'assets'))).toEqual({ 'castle.png': 'castle' });
  });

  it('adds to folders that already exist, at any depth, leaving what was there alone', async () => {
    place('assets/old.png', 'old');
    place('assets/inf-1/first.png', 'first');
    const before = statSync(join(downloads, 'assets')).ino;
    zipOf({ 'assets/new.png': 'new', 'assets/inf-1/second.png': 'second', 'assets/inf-2/third.png': 'third' });
    const result = await unpackMerging(zip, staging);
    expect(result?.path).toBe(join(downloads, 'assets'));
    expect(statSync(join(downloads, 'assets')).ino).toBe(before);
    expect(tree(join(downloads, 'assets'))).toEqual({
      'inf-1/first.png': 'first',
      'inf-1/second.png': 'second',
      'inf-2/third.png': 'third',
      'new.png': 'new',
      'old.png': 'old',
    });
  });

  it('keeps a file already there with the same bytes, rather than adding a copy', async () => {
    place('assets/castle.png', 'castle');
    const old = new Date('2020-01-02T03:04:05Z');
    utimesSync(join(downloads, 'assets', 'castle.png'), old, old);
    zipOf({ 'assets/castle.png': 'castle', 'assets/gate.png': 'gate' });
    await unpackMerging(zip, staging);
    expect(readdirSync(join(downloads, 'assets')).sort()).toEqual(['castle.png', 'gate.png']);
    expect(statSync(join(downloads, 'assets', 'castle.png')).mtime).toEqual(old);
  });

  it('gives a different file of the same name a numbered name, never overwriting', async () => {
    place('assets/castle.png', 'mine');
    place('assets/gate.png', 'gat');
    zipOf({ 'assets/castle.png': 'theirs', 'assets/gate.png': 'gax' });
    await unpackMerging(zip, staging);
    expect(tree(join(downloads, 'assets'))).toEqual({
      'castle (1).png': 'theirs',
      'castle.png': 'mine',
      'gate (1).png': 'gax',
      'gate.png': 'gat',
    });
  });

  it('answers with the lone file where it ended up, numbered or not', async () => {
    place('castle.png', 'mine');
    zipOf({ 'castle.png': 'theirs' });
    expect((await unpackMerging(zip, staging))?.path).toBe(join(downloads, 'castle (1).png'));
    expect((await unpackMerging(zip, staging))?.path).toBe(join(downloads, 'castle (1).png'));
  });

  it('adds nothing twice when run again, numbered files included', async () => {
    place('assets/castle.png', 'mine');
    zipOf({ 'assets/castle.png': 'theirs', 'assets/deep/gate.png': 'gate', 'top.txt': 'top' });
    await unpackMerging(zip, staging);
    const once = tree(downloads);
    await unpackMerging(zip, staging);
    expect(tree(downloads)).toEqual(once);
    expect(once['assets/castle (1).png']).toBe('theirs');
  });

  it('finishes the job of a run that crashed halfway, without duplicates', async () => {
    zipOf({ 'assets/a.png': 'a', 'assets/b.png': 'b', 'assets/c/d.png': 'd', 'top.txt': 'top' });
    await unpackMerging(zip, staging);
    const whole = tree(downloads);
    // As a crash leaves it: some files moved, the others still in a staging folder.
    rmSync(join(downloads, 'assets', 'b.png'));
    rmSync(join(downloads, 'assets', 'c'), { recursive: true });
    rmSync(join(downloads, 'top.txt'));
    place(`${staging.stagingName}/assets/b.png`, 'b');
    await unpackMerging(zip, staging);
    expect(tree(downloads)).toEqual(whole);
    expect(readdirSync(downloads).sort()).toEqual(['assets', 'job-1.zip', 'top.txt']);
  });

  it('refuses a folder where the destination has a file of that name, moving nothing and keeping the archive', async () => {
    place('assets', 'a file');
    zipOf({ 'notes.txt': 'notes', 'assets/castle.png': 'castle' });
    const refused = unpackMerging(zip, staging);
    await expect(refused).rejects.toThrow(UnpackError);
    await expect(refused).rejects.toThrow(
      `${join(downloads, 'assets')} is a file, but the archive holds a folder of that name, so the archive cannot be unpacked there. Rename or move it, then retry; the archive is kept.`,
    );
    expect(readdirSync(downloads).sort()).toEqual(['assets', 'job-1.zip']);
  });

  it('refuses a file where the destination has a folder of that name, however deep', async () => {
    place('assets/castle.png/inside.txt', 'inside');
    zipOf({ 'assets/gate.png': 'gate', 'assets/castle.png': 'castle' });
    await expect(unpackMerging(zip, staging)).rejects.toThrow(
      `${join(downloads, 'assets', 'castle.png')} is a folder, but the archive holds a file of that name`,
    );
    expect(tree(downloads)).toEqual({ 'assets/castle.png/inside.txt': 'inside', 'job-1.zip': expect.any(String) });
  });

  it('refuses an archive holding the name of its own staging folder', async () => {
    const undotted = { stagingName: 'ferry-unpack-7' };
    zipOf({ [`${undotted.stagingName}/x.txt`]: 'x', 'y.txt': 'y' });
    await expect(unpackMerging(zip, undotted)).rejects.toThrow(/the name of the folder Ferry unpacks in/);
    expect(readdirSync(downloads)).toEqual(['job-1.zip']);
  });

  it("cannot meet Ferry's own dotted staging folder, since a leading dot in an entry gets a _", async () => {
    zipOf({ [`${staging.stagingName}/x.txt`]: 'x', 'y.txt': 'y' });
    await unpackMerging(zip, staging);
    expect(tree(downloads)).toEqual({
      [`_${staging.stagingName}/x.txt`]: 'x',
      'job-1.zip': expect.any(String),
      'y.txt': 'y',
    });
  });
});
