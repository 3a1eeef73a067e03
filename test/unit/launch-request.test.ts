import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addRequestFromArguments, addRequestFromLink } from '../../electron/desktop/launch-request';
import { MAX_LIST_FILE_BYTES, readRefList } from '../../electron/desktop/ref-list-file';
import { addRequestInbox } from '../../electron/desktop/window-inbox';
import type { AddRequest } from '../../shared/add-request';
import { makeTempDir, type TempDir } from '../support/temp-dir';

let dir: TempDir;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await dir.remove();
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir.path, name);
  await writeFile(path, content);
  return path;
}

describe('lists of refs named on the command line', () => {
  it('reads a .txt like `ferry -i` (comments and blank lines skipped) and a .csv by its ref-like cells', async () => {
    const txt = await file('refs.txt', '# assets\nhttps://a.example/1.glb\n\n  echo3d:file/s1  \n');
    const csv = await file('refs.csv', 'name,link\nCastle,"https://a.example/castle.glb"\nTree;cid:bafkqaaa\n');
    expect(await readRefList(txt)).toEqual({ refs: ['https://a.example/1.glb', 'echo3d:file/s1'] });
    expect(await readRefList(csv)).toEqual({ refs: ['https://a.example/castle.glb', 'cid:bafkqaaa'] });
  });

  it('follows a link that points beside itself', async () => {
    await file('2024.txt', 'https://a.example/1.glb\n');
    await symlink(join(dir.path, '2024.txt'), join(dir.path, 'latest.txt'));
    expect(await readRefList(join(dir.path, 'latest.txt'))).toEqual({ refs: ['https://a.example/1.glb'] });
  });

  it('refuses a missing file, a folder, a file over 1 MiB, another kind of file and a link to elsewhere', async () => {
    await mkdir(join(dir.path, 'folder.txt'));
    await mkdir(join(dir.path, 'elsewhere'));
    await file('elsewhere/secret.txt', 'https://a.example/secret\n');
    await symlink(join(dir.path, 'elsewhere', 'secret.txt'), join(dir.path, 'innocent.txt'));
    await file('notes.md', 'https://a.example/1\n');
    await symlink(join(dir.path, 'notes.md'), join(dir.path, 'notes.txt'));
    const huge = await file('huge.txt', Buffer.alloc(MAX_LIST_FILE_BYTES + 1, 0x61));
    const problem = async (name: string) => ((await readRefList(join(dir.path, name))) as { problem: string }).problem;
    expect(await problem('missing.txt')).toBe(
      'missing.txt was not read: it does not exist. Check the path and try again.',
    );
    expect(await problem('folder.txt')).toContain('it is not a regular file');
    expect(await problem('innocent.txt')).toContain('it is a link to a file in another folder');
    expect(await problem('notes.txt')).toContain('reads refs only from .txt and .csv lists');
    expect(((await readRefList(huge)) as { problem: string }).problem).toContain('it is over 1 MiB');
  });

  it('does not wait on a named pipe posing as a list', async () => {
    const pipe = join(dir.path, 'pipe.txt');
    execFileSync('mkfifo', [pipe]);
    expect(await readRefList(pipe)).toEqual({ problem: 'pipe.txt was not read: it is not a regular file.' });
  });
});

describe('add requests from launches and links', () => {
  it('pre-fills the dialog with refs from arguments, links and lists, and says what was refused', async () => {
    await file('refs.txt', 'https://a.example/2.glb\njavascript:alert(1)\n');
    const request = await addRequestFromArguments(
      ['--enable-features=x', 'https://a.example/1.glb', 'refs.txt', 'ferry://add?ref=echo3d%3Afile%2Fs1'],
      dir.path,
    );
    expect(request).toEqual({
      text: 'https://a.example/1.glb\necho3d:file/s1\nhttps://a.example/2.glb',
      problem: expect.stringMatching(
        /^1 line of refs\.txt left out: "javascript:alert\(1\)" was refused: Ferry never opens javascript: links/,
      ),
    });
  });

  it('asks for nothing on a plain start, and refuses a link with a reason', async () => {
    expect(await addRequestFromArguments(['--no-sandbox'], dir.path)).toBeNull();
    expect(addRequestFromLink('ferry://open?ref=https://a.example/1')).toEqual({
      text: '',
      problem: expect.stringContaining('it takes only ferry://add?ref=… links'),
    });
  });

  it('names three refusals and counts the rest', async () => {
    const request = await addRequestFromArguments(['a', 'b', 'c', 'd', 'e'], dir.path);
    expect(request?.problem).toMatch(/"c" was refused.* 2 more were refused too\.$/);
  });
});

describe('the inbox between launches and the window', () => {
  it('keeps requests until the window listens, then sends each as it comes', () => {
    const sent: AddRequest[] = [];
    const inbox = addRequestInbox();
    inbox.connect((request) => sent.push(request));
    inbox.deliver({ text: 'https://a.example/1', problem: null });
    expect(sent).toEqual([]);
    expect(inbox.take()).toEqual([{ text: 'https://a.example/1', problem: null }]);
    expect(inbox.take()).toEqual([]);
    inbox.deliver({ text: 'https://a.example/2', problem: null });
    expect(sent).toEqual([{ text: 'https://a.example/2', problem: null }]);
    inbox.windowGone();
    inbox.deliver({ text: 'https://a.example/3', problem: null });
    expect(sent).toHaveLength(1);
    expect(inbox.take()).toEqual([{ text: 'https://a.example/3', problem: null }]);
  });

  it('keeps only the newest twenty while the window loads', () => {
    const inbox = addRequestInbox();
    for (let i = 0; i < 25; i++) inbox.deliver({ text: `https://a.example/${i}`, problem: null });
    const kept = inbox.take();
    expect(kept).toHaveLength(20);
    expect(kept[0]?.text).toBe('https://a.example/5');
  });
});
