import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeEnvelopeStep } from '../../electron/providers/delos/delos-envelope';
import { makeTempDir, type TempDir } from '../support/temp-dir';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
let folder: TempDir;

beforeEach(async () => {
  folder = await makeTempDir('ferry-delos-envelope-');
});
afterEach(async () => {
  await folder.remove();
});

async function fileWith(name: string, content: string | Buffer): Promise<string> {
  const path = join(folder.path, name);
  await writeFile(path, content);
  return path;
}

const decode = (file: string) => decodeEnvelopeStep(file, new AbortController().signal);

describe('a file Delos sent inside a JSON envelope', () => {
  it('is decoded in place, once, leaving nothing else behind', async () => {
    const file = await fileWith(
      'file_78901.pdf',
      JSON.stringify({ contentType: 'application/pdf', data: pdf.toString('base64') }),
    );
    expect(await decode(file)).toEqual({ path: file });
    expect(await readFile(file)).toEqual(pdf);
    // A second run (after a crash, or a retry) finds the decoded file and leaves it.
    expect(await decode(file)).toBeNull();
    expect(await readFile(file)).toEqual(pdf);
    expect(await readdir(folder.path)).toEqual(['file_78901.pdf']);
  });

  it('reads the optional extensions, and base64 broken into lines or escaped slashes', async () => {
    const data = Buffer.from([0xff, 0xfe, 0xfd, 0x3f, 0x3e])
      .toString('base64')
      .replace(/(.{4})/, '$1\\n');
    const file = await fileWith(
      'x.bin',
      `{"data":"${data.replaceAll('/', '\\/')}","contentType":"image/png","extensions":[]}`,
    );
    expect(await decode(file)).toEqual({ path: file });
    expect(await readFile(file)).toEqual(Buffer.from([0xff, 0xfe, 0xfd, 0x3f, 0x3e]));
  });

  it('leaves every other file as it is, JSON documents that only look alike included', async () => {
    const other = [
      await fileWith('scan.pdf', pdf),
      await fileWith('config.json', '{"name": "not an envelope"}'),
      await fileWith('record.json', JSON.stringify({ contentType: 'text/plain', data: 'aGk=', owner: 'someone' })),
      await fileWith('list.json', '[{"contentType": "text/plain", "data": "aGk="}]'),
    ];
    for (const file of other) {
      const before = await readFile(file);
      expect(await decode(file)).toBeNull();
      expect(await readFile(file)).toEqual(before);
    }
  });

  it('refuses data that is not base64, keeping the file', async () => {
    const file = await fileWith('bad.pdf', JSON.stringify({ contentType: 'application/pdf', data: 'not base64!' }));
    await expect(decode(file)).rejects.toThrow('whose data is not base64');
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ data: 'not base64!' });
  });
});
