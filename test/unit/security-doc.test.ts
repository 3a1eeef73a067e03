import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

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

/** What is wrong with the document: rows without a test, tests that do not exist or are skipped, TODOs. */
function problemsOf(markdown: string, readTest: (file: string) => string | null): string[] {
  const problems: string[] = [];
  if (markdown.includes('TODO')) problems.push('a TODO: name a passing test instead');
  for (const row of tableRows(markdown)) {
    const references = referencesIn(row);
    if (references.length === 0) problems.push(`names no test: ${row}`);
    for (const { file, name } of references) {
      const source = readTest(file);
      if (source === null) problems.push(`${file} does not exist (${name})`);
      else if (!source.includes(name)) problems.push(`${file} has no test named "${name}"`);
      else if (skipped(source, name)) problems.push(`${file} skips "${name}"`);
    }
  }
  return problems;
}

/** A test written as `it.skip('name'` or `it.todo('name'` never runs, so it shows nothing. */
function skipped(source: string, name: string): boolean {
  const quoted = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\.(?:skip|todo)\\(\\s*['"\`]${quoted}`).test(source);
}

const readRepoTest = (file: string) => {
  const path = resolve(root, file);
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
};

describe('docs/security.md', () => {
  it('catches a row without a test, a missing file, a renamed test, a skipped test and a TODO', () => {
    const doc = [
      '| Attack | What stops it | Test |',
      '| --- | --- | --- |',
      '| a | b | none |',
      '| a | b | `test/unit/gone.test.ts` › "x" |',
      '| a | b | `test/unit/router.test.ts` › "a name nobody gave a test" |',
      '| a | b | `test/unit/planted.test.ts` › "waits for later" |',
      '| a | b | TODO(test) |',
    ].join('\n');
    const readTest = (file: string) =>
      file === 'test/unit/planted.test.ts' ? "it.skip('waits for later', () => {});" : readRepoTest(file);
    expect(problemsOf(doc, readTest)).toEqual([
      'a TODO: name a passing test instead',
      'names no test: | a | b | none |',
      'test/unit/gone.test.ts does not exist (x)',
      'test/unit/router.test.ts has no test named "a name nobody gave a test"',
      'test/unit/planted.test.ts skips "waits for later"',
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
    expect(tableRows(markdown).length).toBeGreaterThan(40);
    expect(problemsOf(markdown, readRepoTest)).toEqual([]);
  });
});
