import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PartHash } from '../../electron/engine/part-hash';

/** A part on "disk" that records every read the hash makes of it. */
function fakePart(size: number) {
  const disk = Buffer.alloc(size);
  const reads: [number, number][] = [];
  const hash = new PartHash(async (buffer, length, position) => {
    const read = disk.copy(buffer, 0, position, Math.min(size, position + length));
    reads.push([position, position + read]);
    return read;
  });
  /** Writes the file's bytes `start` to `end` to disk, then tells the hash, as PartFile does. */
  const write = (file: Buffer, start: number, end: number) => {
    file.copy(disk, start, start, end);
    hash.wrote(start, [file.subarray(start, end)]);
  };
  return { disk, reads, hash, write };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** How many bytes were read back in all. */
const bytesRead = (reads: [number, number][]) => reads.reduce((sum, [start, end]) => sum + end - start, 0);

describe('PartHash', () => {
  it('hashes bytes written in order from memory, reading nothing back', async () => {
    const file = randomBytes(300_000);
    const part = fakePart(file.length);
    for (let at = 0; at < file.length; at += 70_000) part.write(file, at, Math.min(file.length, at + 70_000));
    expect(await part.hash.digest(file.length)).toBe(sha256(file));
    expect(part.reads).toEqual([]);
  });

  it('reads back only the bytes that arrived ahead of the prefix, once each', async () => {
    const file = randomBytes(4 * 1024 * 1024);
    const part = fakePart(file.length);
    const quarter = file.length / 4;
    // Connections two to four write their segments before the first one is done.
    part.write(file, 3 * quarter, 4 * quarter);
    part.write(file, quarter, 2 * quarter);
    part.write(file, 0, quarter / 2);
    part.write(file, 2 * quarter, 3 * quarter);
    part.write(file, quarter / 2, quarter);
    expect(await part.hash.digest(file.length)).toBe(sha256(file));
    expect(bytesRead(part.reads)).toBe(3 * quarter);
    expect(part.reads.every(([start]) => start >= quarter)).toBe(true);
  });

  it('catches up while the download goes on, then takes the writer that follows the prefix from memory', async () => {
    const file = randomBytes(3 * 1024 * 1024);
    const part = fakePart(file.length);
    const mib = 1024 * 1024;
    part.write(file, mib, mib + 100_000);
    part.write(file, 0, mib);
    await new Promise((resolve) => setTimeout(resolve, 10));
    part.write(file, mib + 100_000, file.length);
    expect(await part.hash.digest(file.length)).toBe(sha256(file));
    expect(bytesRead(part.reads)).toBe(100_000);
  });

  it('reads what an earlier run left once, and continues from memory', async () => {
    const file = randomBytes(2_000_000);
    const part = fakePart(file.length);
    file.copy(part.disk, 0, 0, 1_200_000);
    file.copy(part.disk, 1_500_000, 1_500_000, 1_800_000);
    part.hash.alreadyWritten([
      { start: 0, end: 1_200_000 },
      { start: 1_500_000, end: 1_800_000 },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    part.write(file, 1_200_000, 1_500_000);
    await new Promise((resolve) => setTimeout(resolve, 10));
    part.write(file, 1_800_000, 2_000_000);
    expect(await part.hash.digest(file.length)).toBe(sha256(file));
    expect(bytesRead(part.reads)).toBe(1_500_000);
  });

  it('forgets everything on restart, including a read-back still in flight', async () => {
    const old = randomBytes(1_500_000);
    const file = randomBytes(1_000_000);
    const part = fakePart(old.length);
    part.write(old, 500_000, 1_500_000);
    part.write(old, 0, 500_000);
    part.hash.restart();
    part.disk.fill(0);
    part.write(file, 0, file.length);
    expect(await part.hash.digest(file.length)).toBe(sha256(file));
  });

  it('reads the whole part back when bytes were written twice, rather than trust either copy', async () => {
    const file = randomBytes(500_000);
    const part = fakePart(file.length);
    part.write(file, 0, 300_000);
    part.write(file, 200_000, file.length);
    expect(await part.hash.digest(file.length)).toBe(sha256(file));
    expect(bytesRead(part.reads)).toBe(file.length);
  });

  it('fails when the part is shorter than the bytes it is said to hold', async () => {
    const part = fakePart(1000);
    part.hash.alreadyWritten([{ start: 0, end: 1000 }]);
    await expect(part.hash.digest(2000)).rejects.toThrow('the part ended after 1000 bytes');
  });
});
