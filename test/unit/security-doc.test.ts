import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
/** Lines under this heading wait for tests other work adds; they are moved into the tables at merge. */
const PENDING_HEADING = '## Pending (filled at merge)';

interface TestReference {
  file: string;
  name: string;
}

/** `path` › "name" pairs in one table row; `\|` and `\"` inside a name stand for | and ". */
function referencesIn(row: string): TestReference[] {
  return [...row.matchAll(/`([^`]+\.(?:test|spec)\.ts)` › "((?:[^"\\]|\\.)*)"/g)].map((match) => ({
    file: match[1] ?? '',
    name: (match[2] ?? '').replace(/\\([|"\\])/g, '$1'),
  }));
}

/** The table rows of the threat model, header and separator rows left out. */
function tableRows(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .filter((line) => !/^\|\s*-/.test(line) && !line.startsWith('| Attack |'));
}

/** What is wrong with the document: rows without a test, tests that do not exist, TODOs left in the tables. */
function problemsOf(markdown: string, readTest: (file: string) => string | null): string[] {
  const [tables = '', pending] = markdown.split(PENDING_HEADING);
  const problems: string[] = [];
  if (pending === undefined) problems.push(`no "${PENDING_HEADING}" heading`);
  if (tables.includes('TODO')) problems.push('a TODO above the pending list: name a passing test or move the line');
  for (const row of tableRows(tables)) {
    const references = referencesIn(row);
    if (references.length === 0) problems.push(`names no test: ${row}`);
    for (const { file, name } of references) {
      const source = readTest(file);
      if (source === null) problems.push(`${file} does not exist (${name})`);
      else if (!source.includes(name)) problems.push(`${file} has no test named "${name}"`);
    }
  }
  return problems;
}

const readRepoTest = (file: string) => {
  const path = resolve(root, file);
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
};

describe('docs/security.md', () => {
  it('catches a row without a test, a missing file, a renamed test and a TODO in the tables', () => {
    const doc = [
      '| Attack | What stops it | Test |',
      '| --- | --- | --- |',
      '| a | b | none |',
      '| a | b | `test/unit/gone.test.ts` › "x" |',
      '| a | b | `test/unit/router.test.ts` › "a name nobody gave a test" |',
      '| a | b | TODO(test) |',
      PENDING_HEADING,
    ].join('\n');
    expect(problemsOf(doc, readRepoTest)).toEqual([
      'a TODO above the pending list: name a passing test or move the line',
      'names no test: | a | b | none |',
      'test/unit/gone.test.ts does not exist (x)',
      'test/unit/router.test.ts has no test named "a name nobody gave a test"',
      'names no test: | a | b | TODO(test) |',
    ]);
  });

  it('reads escaped pipes and quotes in a test name', () => {
    expect(referencesIn('| a | `t.test.ts` › "ls \\| head, \\"quoted\\"" |')).toEqual([
      { file: 't.test.ts', name: 'ls | head, "quoted"' },
    ]);
  });

  it('names, on every line of its tables, tests that exist', () => {
    const markdown = readFileSync(resolve(root, 'docs/security.md'), 'utf8');
    expect(tableRows(markdown.split(PENDING_HEADING)[0] ?? '').length).toBeGreaterThan(40);
    expect(problemsOf(markdown, readRepoTest)).toEqual([]);
  });
});
