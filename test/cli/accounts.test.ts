import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { folderText } from '../support/folder-text';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { ferry, jsonLines } from './ferry-cli';

const KEY = 'echo3d-api-key-SECRET-111';
const USER_KEY = 'echo3d-user-key-SECRET-222';

let profile: TempDir;
beforeEach(async () => {
  profile = await makeTempDir('ferry-accounts-');
});
afterEach(async () => {
  await ferry(['accounts', 'rm', 'Studio'], profile.path);
  await profile.remove();
});

/** Every file in the profile, database and its WAL included, as one string to search for leaks. */
describe('ferry accounts', () => {
  it('adds an account whose secrets go to the keychain only, and prints them as set', async () => {
    const added = await ferry(
      [
        'accounts',
        'add',
        'echo3d',
        '--label',
        'Studio',
        '--base-url',
        'http://127.0.0.1:9',
        `key=${KEY}`,
        'email=artist@example.com',
        `userKey=${USER_KEY}`,
      ],
      profile.path,
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(
      'added Studio (echo3d, default) base-url=http://127.0.0.1:9 key=set email=artist@example.com userKey=set',
    );

    const listed = await ferry(['accounts', 'ls', '--json'], profile.path);
    expect(jsonLines(listed.stdout)).toEqual([
      expect.objectContaining({
        label: 'Studio',
        fields: { key: { set: true }, email: 'artist@example.com', userKey: { set: true } },
      }),
    ]);
    const everything = added.stdout + added.stderr + listed.stdout + listed.stderr + (await folderText(profile.path));
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain(USER_KEY);
  });

  it('removes an account by label', async () => {
    await ferry(['accounts', 'add', 'scenario', '--label', 'Studio', 'apiKey=id', `apiSecret=${KEY}`], profile.path);
    expect((await ferry(['accounts', 'rm', 'Studio'], profile.path)).stdout).toBe('removed Studio\n');
    expect((await ferry(['accounts', 'ls'], profile.path)).stdout).toBe('');
  });

  it('says what to install when no keychain is reachable, and saves nothing', async () => {
    const noBus = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/ferry-no-bus' };
    const added = await ferry(
      ['accounts', 'add', 'scenario', '--label', 'Studio', 'apiKey=id', `apiSecret=${KEY}`],
      profile.path,
      noBus,
    );
    expect(added.code).toBe(2);
    expect(added.stderr).toContain('could not reach the system keychain');
    expect(added.stderr).toContain('apt-get install gnome-keyring');
    expect(added.stderr).not.toContain(KEY);
    expect((await ferry(['accounts', 'ls'], profile.path)).stdout).toBe('');
    expect(await folderText(profile.path)).not.toContain(KEY);
  });

  it.each([
    [['accounts', 'add', 'myspace', '--label', 'x'], 'say which platform'],
    [['accounts', 'add', 'echo3d', 'key=a', 'email=b', 'userKey=c'], 'Give the account a label.'],
    [['accounts', 'add', 'echo3d', '--label', 'x', 'key'], 'fields are given as name=value'],
    [['accounts', 'add', 'echo3d', '--label', 'x', 'key=a'], 'echo3D accounts need email.'],
    [['accounts', 'rm', 'nobody'], 'there is no account labelled "nobody"'],
    [['accounts', 'fly'], 'accounts takes add, ls, rm, test or browse'],
  ])('exits 2 with a message for %j', async (args, message) => {
    const result = await ferry(args, profile.path);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
