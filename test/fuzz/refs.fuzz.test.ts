import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { launchArguments, parseFerryLink, sortLaunchArguments } from '../../electron/desktop/launch-refs';
import { previewRefs } from '../../electron/downloads/preview-refs';
import { defaultProviders } from '../../electron/providers/registry';
import type { Account } from '../../shared/accounts';
import { refsFromCsv, refsFromLines, splitLinks } from '../../shared/ref-text';
import { fuzzRuns, fuzzTimeout } from './fuzz-runs';

const providers = defaultProviders();
const accounts = {
  list: (): Account[] => [
    { id: 'a1', provider: 'echo3d', label: 'Studio', baseUrl: null, isDefault: true, fields: {} },
    { id: 'a2', provider: 'scenario', label: 'Art', baseUrl: null, isDefault: true, fields: {} },
  ],
};

/** Pieces refs are made of, so random text often lands inside each platform's grammar rather than beside it. */
const refPiece = fc.oneof(
  fc.constantFrom(
    'echo3d:',
    'scenario:',
    'delos:',
    'cid:',
    'ipfs://',
    'https://',
    'http://',
    'ferry://add?ref=',
    'file:',
    'entry/',
    'file/',
    'asset/',
    'batch?assets=',
    '?',
    '&',
    '=',
    '/',
    '%',
    '%2F',
    '..',
    'format=glb',
    'files=all',
    'convert=true',
    'customer=',
    'filename=',
    'user:pass@',
    'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi',
    'QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG',
    '\u202E',
    '\u0000',
    '\n',
    '\t',
    ' ',
    ',',
    '"',
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const refLike = fc.oneof(
  fc.array(refPiece, { maxLength: 10 }).map((pieces) => pieces.join('')),
  fc.string({ unit: 'binary', maxLength: 300 }),
);
/** Pasted, dropped or listed text: refs among words, lines, cells, quotes. */
const textLike = fc
  .array(fc.oneof(refLike, fc.constantFrom('\n', '\r\n', ',', ';', '\t', '"', '#', ' ')), { maxLength: 30 })
  .map((parts) => parts.join(''));

describe('fuzzing refs and the text they come in', () => {
  it(
    'every ref gets a verdict in words or a description, never a crash',
    () => {
      fc.assert(
        fc.property(refLike, (ref) => {
          const problem = providers.refProblem(ref);
          if (problem !== null) {
            expect(typeof problem).toBe('string');
            expect(problem.length).toBeGreaterThan(10);
            return;
          }
          const [preview] = previewRefs(providers, accounts, { refs: [ref] });
          expect(preview?.ok).toBe(true);
        }),
        { numRuns: fuzzRuns(2000) },
      );
    },
    fuzzTimeout(2000, 10_000),
  );

  it(
    'splits pasted, dropped and listed text into refs without losing or inventing text',
    () => {
      fc.assert(
        fc.property(textLike, (text) => {
          for (const ref of splitLinks(text)) {
            expect(ref).not.toMatch(/\s/);
            expect(text).toContain(ref);
          }
          for (const ref of refsFromLines(text)) expect(text).toContain(ref);
          for (const ref of refsFromCsv(text)) expect(ref).toMatch(/^\S+$/);
          // Whatever a paste holds, previewing all of it answers one line per ref.
          const refs = splitLinks(text);
          expect(previewRefs(providers, accounts, { refs })).toHaveLength(refs.length);
        }),
        { numRuns: fuzzRuns(500) },
      );
    },
    fuzzTimeout(500, 10_000),
  );

  it(
    'reads ferry:// links and launch arguments into refs each platform takes, or problems in words',
    () => {
      const link = fc.oneof(
        refLike.map((ref) => `ferry://add?ref=${encodeURIComponent(ref)}`),
        fc.array(refLike, { maxLength: 5 }).map((refs) => `ferry://add?${refs.map((ref) => `ref=${ref}`).join('&')}`),
        refLike.map((text) => `ferry:${text}`),
      );
      fc.assert(
        fc.property(link, fc.array(fc.oneof(link, refLike), { maxLength: 5 }), (one, argv) => {
          const parsed = parseFerryLink(one);
          for (const problem of parsed.problems) expect(problem.length).toBeGreaterThan(10);
          for (const ref of parsed.refs) expect(ref).not.toMatch(/[\s\p{Cc}]/u);
          const launched = sortLaunchArguments(launchArguments(['/opt/Ferry/ferry', ...argv], false), '/home/a');
          for (const problem of launched.problems) expect(typeof problem).toBe('string');
          for (const file of launched.listFiles) expect(file.startsWith('/')).toBe(true);
        }),
        { numRuns: fuzzRuns(1000) },
      );
    },
    fuzzTimeout(1000, 10_000),
  );
});
