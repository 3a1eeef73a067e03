import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { ferry } from './ferry-cli';

let profile: TempDir;
beforeEach(async () => {
  profile = await makeTempDir('ferry-hostile-');
});
afterEach(() => profile.remove());

describe('ferry refuses arguments it would otherwise misread', () => {
  it.each([
    [['add', 'https://x.test/a.bin', '-o', ''], '-o/--output was given an empty value: give a folder'],
    [['add', 'https://x.test/a.bin', '--output='], '-o/--output was given an empty value: give a folder'],
    [['ls', '--profile', ''], '--profile was given an empty value: give a profile folder'],
    [['add', 'https://x.test/a.bin', '--account', ' '], '--account was given an empty value: give an account label'],
  ])('exits 2 for an empty option value: %j', async (args, message) => {
    const result = await ferry(args, profile.path);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });
});

describe('ferry refuses refs it would otherwise change', () => {
  it.each([
    [['add', 'https://x.test/a\nb.bin'], 'holds a line break inside it'],
    [['add', 'https://ann:s3cret@x.test/a.bin'], 'Ferry does not send passwords inside links'],
  ])('exits 2 and adds nothing for %j', async (args, message) => {
    const result = await ferry(args, profile.path);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain('s3cret');
    expect((await ferry(['ls'], profile.path)).stdout).toBe('');
  });
});

it('refuses a platform ref with a parameter it does not know, naming it', async () => {
  const result = await ferry(['add', 'delos:file/f-1?customr=c-1'], profile.path);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('"customr" is not a parameter of delos:file refs: they take only customer=');
});
