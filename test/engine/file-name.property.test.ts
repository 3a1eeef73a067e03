import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filenameFromContentDisposition } from '../../electron/engine/content-disposition';
import { chooseFileName, numberedName, sanitizeFileName } from '../../electron/engine/file-name';
import { fuzzRuns } from '../fuzz/fuzz-runs';

const reserved = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point.
const unsafe = /[\u0000-\u001f\u007f-\u009f<>:"|?*/\\]/;

/** Names people and servers actually produce, plus hostile ones. */
/** Characters that change how a name reads without showing: bidi controls, zero-width and other format characters. */
const formatCharacter = fc.constantFrom(
  ...'\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C\u200B\u200C\u200D\u2060\uFEFF\u00AD',
);

const nameLike = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: fc.oneof(formatCharacter, fc.constantFrom('.', 'a', ' ', '\u0000')), maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom('..', '.', 'CON', 'con.txt', 'LPT1.log', '../../x', 'a/b\\c', ' . ', 'nul', 'COM¹'),
);

describe('sanitizeFileName (properties)', () => {
  it('always yields a name that is safe on Windows, macOS and Linux', () => {
    fc.assert(
      fc.property(nameLike, (raw) => {
        const name = sanitizeFileName(raw);
        if (name === '') return;
        expect(name).not.toMatch(unsafe);
        expect(Buffer.byteLength(name)).toBeLessThanOrEqual(250);
        expect(name).not.toMatch(/^\.+$/);
        expect(name).not.toMatch(/[. ]$/);
        expect(name).not.toMatch(reserved);
        expect(name.startsWith(' ')).toBe(false);
        expect(name.startsWith('.')).toBe(false);
        expect(name).not.toMatch(/\p{Cf}/u);
      }),
      { numRuns: fuzzRuns(2000) },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(nameLike, (raw) => {
        const once = sanitizeFileName(raw);
        expect(sanitizeFileName(once)).toBe(once);
      }),
      { numRuns: fuzzRuns(2000) },
    );
  });

  it('keeps the extension when it has to shorten a long name', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 200, maxLength: 400 }),
        fc.constantFrom('.glb', '.png', '.tar.gz'),
        (base, extension) => {
          const name = sanitizeFileName(`x${base.replace(/[./\\]/g, 'x')}${extension}`);
          expect(name.endsWith(extension)).toBe(true);
        },
      ),
    );
  });

  it('numbers a name within the length limit, keeping the extension', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 99999 }),
        (raw, n) => {
          const name = sanitizeFileName(raw) || 'download';
          const numbered = numberedName(name, n);
          expect(Buffer.byteLength(numbered)).toBeLessThanOrEqual(250);
          expect(numbered).toContain(` (${n})`);
        },
      ),
    );
  });

  it('never returns an empty name from chooseFileName', () => {
    fc.assert(
      fc.property(fc.option(fc.string()), fc.option(nameLike), fc.webUrl(), (disposition, suggested, url) => {
        const name = chooseFileName({
          contentDisposition: disposition ?? undefined,
          suggestedName: suggested ?? undefined,
          url,
        });
        expect(name.length).toBeGreaterThan(0);
      }),
      { numRuns: fuzzRuns(1000) },
    );
  });
});

function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

describe('Content-Disposition parsing (properties)', () => {
  it('reads back any UTF-8 name sent as filename*', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 }), fc.string(), (name, decoy) => {
        const header = `attachment; filename="${decoy.replace(/["\\;]/g, '')}"; filename*=UTF-8''${encodeExtValue(name)}`;
        expect(filenameFromContentDisposition(header)).toBe(name);
      }),
      { numRuns: fuzzRuns(1000) },
    );
  });

  it('reads back any quoted name, escapes included', () => {
    const latin1Printable = fc.string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
      minLength: 1,
      maxLength: 80,
    });
    fc.assert(
      fc.property(latin1Printable, (name) => {
        const quoted = name.replace(/(["\\])/g, '\\$1');
        expect(filenameFromContentDisposition(`attachment; filename="${quoted}"`)).toBe(name);
      }),
      { numRuns: fuzzRuns(1000) },
    );
  });

  it('never throws on arbitrary header text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (header) => {
        const name = filenameFromContentDisposition(header);
        expect(name === undefined || typeof name === 'string').toBe(true);
      }),
      { numRuns: fuzzRuns(3000) },
    );
  });
});

describe('Content-Disposition parsing (examples)', () => {
  it.each([
    [`attachment; filename*=utf-8'en'%E2%82%AC%20rates.pdf`, '€ rates.pdf'],
    [`attachment; filename*=ISO-8859-1''na%EFve.txt`, 'naïve.txt'],
    [`attachment; filename*=UTF-8''bad%ZZ; filename="good.txt"`, 'good.txt'],
    [`attachment; filename*=KOI8-R''x; filename="plain.txt"`, 'plain.txt'],
    ['attachment; filename=token.bin', 'token.bin'],
    ['attachment; FILENAME="upper.bin"', 'upper.bin'],
    ['attachment; filename="semi;colon.txt"', 'semi;colon.txt'],
    ['attachment', undefined],
    ['', undefined],
  ])('%s -> %s', (header, expected) => {
    expect(filenameFromContentDisposition(header)).toBe(expected);
  });
});
