import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRefList } from '../../electron/desktop/ref-list-file';
import { decodeEnvelopeStep } from '../../electron/providers/delos/delos-envelope';
import { makeTempDir, type TempDir } from '../support/temp-dir';
import { expectClearError, fuzzRuns, fuzzTimeout, outcomeOf } from './fuzz-runs';

let temp: TempDir;
let runs = 0;
beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(() => temp.remove());

/** Text that starts as a Delos envelope does, then goes wrong: wrong types, extra keys, bad base64, cut off. */
const envelopeLike = fc.oneof(
  fc
    .record({
      contentType: fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null)),
      data: fc.oneof(fc.base64String({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 50 }), fc.integer()),
      extra: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 })),
    })
    .map(({ contentType, data, extra }) => JSON.stringify({ contentType, data, ...extra })),
  fc
    .nat()
    .chain((cut) =>
      fc.constant(JSON.stringify({ contentType: 'application/pdf', data: 'JVBERi0xLjQK' }).slice(0, cut % 60)),
    ),
  fc.string({ unit: 'binary', maxLength: 200 }).map((tail) => `{"contentType":${tail}`),
);

describe('fuzzing files that come from outside', () => {
  it(
    'decodes a Delos envelope, leaves other files as they are, or refuses it in words',
    async () => {
      await fc.assert(
        fc.asyncProperty(envelopeLike, async (text) => {
          const file = join(temp.path, `file-${runs++}.pdf`);
          writeFileSync(file, text);
          const outcome = await outcomeOf(decodeEnvelopeStep(file, new AbortController().signal));
          if ('error' in outcome) expectClearError(outcome.error, [Error]);
          else if (outcome.value === null) expect(readFileSync(file, 'utf8')).toBe(text);
          else expect(outcome.value.path).toBe(file);
        }),
        { numRuns: fuzzRuns(300) },
      );
    },
    fuzzTimeout(300, 10_000),
  );

  it(
    'reads refs out of any .txt or .csv list named at launch or dropped',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uint8Array({ maxLength: 2000 }),
          fc.constantFrom('txt', 'csv'),
          async (bytes, extension) => {
            const file = join(temp.path, `list-${runs++}.${extension}`);
            writeFileSync(file, bytes);
            const list = await readRefList(file);
            if ('problem' in list) expect(list.problem.length).toBeGreaterThan(10);
            else for (const ref of list.refs) expect(ref).toBe(ref.trim());
          },
        ),
        { numRuns: fuzzRuns(300) },
      );
    },
    fuzzTimeout(300, 10_000),
  );
});
