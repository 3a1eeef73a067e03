import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filenameFromContentDisposition } from '../../electron/engine/content-disposition';
import { sanitizeFileName } from '../../electron/engine/file-name';
import { fuzzRuns, fuzzTimeout } from './fuzz-runs';

/** Pieces of headers as servers write them, right and wrong, so random ones often parse part of the way. */
const headerPiece = fc.oneof(
  fc.constantFrom(
    'attachment',
    'inline',
    ';',
    ' ',
    '=',
    '"',
    '\\',
    "'",
    'filename',
    'filename*',
    'FILENAME*',
    "UTF-8''",
    "utf-8'en'",
    "iso-8859-1''",
    "koi8-r''",
    '%',
    '%C3%A9',
    '%E2%80%AE',
    '%00',
    '%2F..%2F',
    '../',
    'Ã©',
    '\u202E',
  ),
  fc.string({ unit: 'binary', maxLength: 16 }),
);
const header = fc.oneof(
  fc.array(headerPiece, { maxLength: 16 }).map((pieces) => pieces.join('')),
  fc.string({ unit: 'binary', maxLength: 400 }),
);

describe('fuzzing Content-Disposition', () => {
  it(
    'reads any header to a name or to none, never a crash, and the name is made safe before use',
    () => {
      fc.assert(
        fc.property(header, (value) => {
          const name = filenameFromContentDisposition(value);
          if (name === undefined) return;
          expect(typeof name).toBe('string');
          expect(name.length).toBeGreaterThan(0);
          expect(name.length).toBeLessThanOrEqual(value.length);
          const safe = sanitizeFileName(name);
          expect(safe).not.toMatch(/[/\\]/);
          expect(['.', '..']).not.toContain(safe);
        }),
        { numRuns: fuzzRuns(3000) },
      );
    },
    fuzzTimeout(3000, 10_000),
  );

  it(
    'gives back any name a server encodes properly, in either parameter',
    () => {
      const name = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 });
      fc.assert(
        fc.property(name, (sent) => {
          const encoded = encodeURIComponent(sent).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
          expect(filenameFromContentDisposition(`attachment; filename*=UTF-8''${encoded}`)).toBe(sent);
          const quoted = sent.replace(/[\\"]/g, '\\$&');
          if (!/[^\u0020-\u007e]/.test(sent)) {
            expect(filenameFromContentDisposition(`attachment; filename="${quoted}"`)).toBe(sent);
          }
        }),
        { numRuns: fuzzRuns(1000) },
      );
    },
    fuzzTimeout(1000, 10_000),
  );
});
