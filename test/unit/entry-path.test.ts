import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnpackError } from '../../electron/archives/archive-entry';
import { safeEntrySegments } from '../../electron/archives/entry-path';
import { fuzzRuns } from '../fuzz/fuzz-runs';

describe('safeEntrySegments', () => {
  it.each([
    ['a:b.txt', ['a_b.txt']],
    ['folder/a:b.txt', ['folder', 'a_b.txt']],
    ['notes:stream', ['notes_stream']],
    ['C:relative.txt', ['C_relative.txt']],
    ['what?<now>|"*".txt', ['what__now_____.txt']],
    ['tab\there.txt', ['tabhere.txt']],
  ])('makes %j safe instead of refusing it', (path, expected) => {
    expect(safeEntrySegments(path)).toEqual(expected);
  });

  it.each([
    ['.bashrc', ['_.bashrc']],
    ['.ssh/authorized_keys', ['_.ssh', 'authorized_keys']],
    ['home/..hidden/.profile', ['home', '_..hidden', '_.profile']],
  ])('prefixes every leading-dot segment of %j', (path, expected) => {
    expect(safeEntrySegments(path)).toEqual(expected);
  });

  it.each([
    ['photo\u202Egnp.exe', ['photognp.exe']],
    ['a\u200B/\u2066b\u2069.txt', ['a', 'b.txt']],
    ['\u202E/x.txt', ['_', 'x.txt']],
  ])('strips format characters from %j, naming an emptied segment _', (path, expected) => {
    expect(safeEntrySegments(path)).toEqual(expected);
  });

  it.each([
    '../escaped.txt',
    'a/../../escaped.txt',
    'a\\..\\..\\escaped.txt',
    '/tmp/escaped.txt',
    '\\\\server\\share\\escaped.txt',
    'C:\\Windows\\escaped.txt',
    'c:/Windows/escaped.txt',
    'C:',
  ])('still refuses %j, which would write outside the folder', (path) => {
    expect(() => safeEntrySegments(path)).toThrow(UnpackError);
    expect(() => safeEntrySegments(path)).toThrow(/outside its folder/);
  });

  it('either refuses a path or gives segments that each stay inside the folder', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom('..', '.', '', 'C:', 'a:b', '\\', '/', '.x', '\u202E', '\u200B', '\u2066'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), fc.constantFrom('/', '\\'), (pieces, separator) => {
        let segments: string[];
        try {
          segments = safeEntrySegments(pieces.join(separator));
        } catch (error) {
          expect(error).toBeInstanceOf(UnpackError);
          return;
        }
        for (const segment of segments) {
          expect(segment).not.toBe('');
          // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point.
          expect(segment).not.toMatch(/[\u0000-\u001f<>:"|?*/\\]|\p{Cf}/u);
          expect(segment.startsWith('.')).toBe(false);
        }
      }),
      { numRuns: fuzzRuns(2000) },
    );
  });
});
