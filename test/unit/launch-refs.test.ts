import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  launchArguments,
  MAX_LAUNCH_REFS,
  MAX_LIST_FILES,
  parseFerryLink,
  sortLaunchArguments,
} from '../../electron/desktop/launch-refs';
import { MAX_LINK_CHARS, refRefusal } from '../../electron/desktop/ref-refusal';
import { splitLinks } from '../../shared/ref-text';
import { fuzzRuns } from '../fuzz/fuzz-runs';

const CID = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';
const link = (...refs: string[]) => `ferry://add?${refs.map((ref) => `ref=${encodeURIComponent(ref)}`).join('&')}`;

describe('ferry:// links', () => {
  it('takes the refs of ferry://add, in order, in any spelling of the action', () => {
    const refs = ['https://cdn.example.com/a.glb', 'echo3d:entry/e1?format=glb', CID];
    expect(parseFerryLink(link(...refs))).toEqual({ refs, listFiles: [], problems: [] });
    expect(parseFerryLink('ferry://ADD/?ref=scenario%3Aasset%2Fa1').refs).toEqual(['scenario:asset/a1']);
    expect(parseFerryLink('ferry:add?ref=delos:file/f1').refs).toEqual(['delos:file/f1']);
  });

  it('refuses javascript:, file: and data: refs, and keeps the good ones beside them', () => {
    const parsed = parseFerryLink(
      link('javascript:alert(1)', 'https://cdn.example.com/a.glb', 'file:///etc/passwd', 'data:text/html,x'),
    );
    expect(parsed.refs).toEqual(['https://cdn.example.com/a.glb']);
    expect(parsed.problems).toEqual([
      expect.stringContaining('Ferry never opens javascript: links'),
      expect.stringContaining('Ferry never opens file: links'),
      expect.stringContaining('Ferry never opens data: links'),
    ]);
  });

  it('refuses a ref with a line break, which would smuggle a second line into the Add dialog', () => {
    const parsed = parseFerryLink(link('https://a.example/x\njavascript:alert(1)'));
    expect(parsed.refs).toEqual([]);
    expect(parsed.problems[0]).toContain('no spaces or control characters');
  });

  it('refuses unknown actions, broken links, huge links and links with too many refs, saying why', () => {
    expect(parseFerryLink('ferry://delete?ref=https://a.example/x').problems[0]).toMatch(
      /does not know the ferry:\/\/ link action "delete": it takes only ferry:\/\/add/,
    );
    expect(parseFerryLink('ferry://add?ref=%E0%A4%A').problems).toHaveLength(1);
    expect(parseFerryLink('ferry://add').problems[0]).toContain('names nothing to add');
    expect(parseFerryLink(`ferry://add?ref=https://a.example/${'x'.repeat(MAX_LINK_CHARS)}`).problems[0]).toContain(
      'Ferry takes links up to 64 KiB',
    );
    const many = parseFerryLink(link(...Array.from({ length: MAX_LAUNCH_REFS + 1 }, (_, i) => `echo3d:file/${i}`)));
    expect(many.refs).toEqual([]);
    expect(many.problems[0]).toContain('1,001 refs was refused: one link may carry at most 1,000');
  });
});

describe('launch arguments', () => {
  it('drops the executable, and the app path when run by `electron .`', () => {
    expect(launchArguments(['/opt/Ferry/ferry', 'https://a.example/x'], false)).toEqual(['https://a.example/x']);
    expect(launchArguments(['/usr/bin/electron', '.', 'https://a.example/x'], true)).toEqual(['https://a.example/x']);
  });

  it("sorts refs, ferry:// links and list files, skipping Electron's and Chromium's own switches", () => {
    const sorted = sortLaunchArguments(
      [
        '--allow-file-access-from-files',
        '--original-process-start-time=13370000',
        'https://cdn.example.com/a.glb',
        link('echo3d:file/s1'),
        'refs.txt',
        './more/list.CSV',
        'C:\\Users\\ana\\refs.txt',
      ],
      '/home/ana',
    );
    expect(sorted.refs).toEqual(['https://cdn.example.com/a.glb', 'echo3d:file/s1']);
    expect(sorted.listFiles).toEqual([
      '/home/ana/refs.txt',
      '/home/ana/more/list.CSV',
      expect.stringContaining('refs.txt'),
    ]);
    expect(sorted.problems).toEqual([]);
  });

  it('refuses paths that are not lists, file: links and unknown words, and caps the lists', () => {
    const sorted = sortLaunchArguments(['/etc/passwd', 'file:///home/ana/refs.txt', 'hello'], '/home/ana');
    expect(sorted.refs).toEqual([]);
    expect(sorted.problems).toEqual([
      expect.stringContaining('reads refs only from .txt and .csv lists'),
      expect.stringContaining('never opens file: links'),
      expect.stringContaining('"hello" was refused'),
    ]);
    const lists = sortLaunchArguments(
      Array.from({ length: MAX_LIST_FILES + 2 }, (_, i) => `/lists/${i}.txt`),
      '/',
    );
    expect(lists.listFiles).toHaveLength(MAX_LIST_FILES);
    expect(lists.problems).toHaveLength(2);
  });

  it('keeps at most 1,000 refs from one launch and says how many it left out', () => {
    const sorted = sortLaunchArguments(
      Array.from({ length: MAX_LAUNCH_REFS + 5 }, (_, i) => `https://a.example/${i}`),
      '/',
    );
    expect(sorted.refs).toHaveLength(MAX_LAUNCH_REFS);
    expect(sorted.problems[0]).toContain('at most 1,000 refs at once');
  });
});

/** Text an attacker controls: schemes Ferry must never pass on, mixed with real ref forms and noise. */
const hostileRef = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc
    .constantFrom('javascript:', 'JavaScript:', 'file:', 'data:', 'vbscript:', 'https:', 'ftp:', 'cid:', 'ferry:')
    .chain((scheme) => fc.string({ maxLength: 200 }).map((rest) => `${scheme}${rest}`)),
  fc.webUrl(),
);
const dangerous = /^\s*(javascript|file|data|vbscript):/i;

describe('hostile input (fast-check)', () => {
  it('never throws, never yields more than the limits, never a javascript:, file: or data: ref', () => {
    fc.assert(
      fc.property(fc.array(hostileRef, { maxLength: 40 }), fc.string({ maxLength: 100 }), (refs, action) => {
        const url = `ferry://${encodeURIComponent(action) || 'add'}?${refs.map((ref) => `ref=${encodeURIComponent(ref)}`).join('&')}`;
        for (const parsed of [parseFerryLink(url), parseFerryLink(link(...refs)), sortLaunchArguments(refs, '/tmp')]) {
          expect(parsed.refs.length).toBeLessThanOrEqual(MAX_LAUNCH_REFS);
          expect(parsed.listFiles.length).toBeLessThanOrEqual(MAX_LIST_FILES);
          for (const ref of parsed.refs) {
            expect(ref).not.toMatch(dangerous);
            expect(ref.length).toBeLessThanOrEqual(MAX_LINK_CHARS);
            // One ref stays one line of the Add dialog's text.
            expect(splitLinks(ref)).toEqual([ref]);
            expect(refRefusal(ref)).toBeNull();
          }
        }
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('never throws on any string at all as a link', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000, unit: 'binary' }), (text) => {
        const parsed = parseFerryLink(`ferry:${text}`);
        expect(parsed.refs.every((ref) => !dangerous.test(ref))).toBe(true);
        expect(parsed.refs.length + parsed.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
