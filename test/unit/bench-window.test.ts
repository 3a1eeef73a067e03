import { describe, expect, it } from 'vitest';
import { longestTask } from '../../bench/renderer-metrics';
import { replaceSection } from '../../bench/renderer-report';

function trace(events: object[]): Buffer {
  return Buffer.from(JSON.stringify({ traceEvents: events }));
}

const mainThread = (pid: number) => ({ ph: 'M', name: 'thread_name', pid, tid: 1, args: { name: 'CrRendererMain' } });
const task = (pid: number, dur: number, tdur: number, tid = 1) => ({ ph: 'X', name: 'RunTask', pid, tid, dur, tdur });

describe('longestTask', () => {
  it('reads the longest task of the busiest renderer main thread, with its thread time', () => {
    const result = longestTask(
      trace([
        mainThread(10),
        mainThread(20),
        task(10, 12_000, 9_000),
        task(10, 30_000, 11_000),
        task(10, 20_000, 19_000),
        // A spare renderer with one long task but less work in all.
        task(20, 40_000, 40_000),
        // Another thread of the page's renderer does not count.
        task(10, 90_000, 90_000, 2),
      ]),
    );
    expect(result).toEqual({ wallMs: 30, cpuMs: 11 });
  });

  it('says so when the trace holds no renderer tasks', () => {
    expect(() => longestTask(trace([mainThread(10)]))).toThrow(/no renderer tasks/);
  });
});

describe('replaceSection', () => {
  const section = '## The window: new\n\nnew table\n';

  it('swaps the window section and keeps the ones around it', () => {
    const report = '# Benchmarks\n\n## Library\n\nold\n\n## The window: old\n\nold table\n\n## Later\n\nkept\n';
    expect(replaceSection(report, section)).toBe(
      '# Benchmarks\n\n## Library\n\nold\n\n## The window: new\n\nnew table\n\n## Later\n\nkept\n',
    );
  });

  it('adds the section at the end of a report written before it existed', () => {
    expect(replaceSection('# Benchmarks\n\n## Library\n\nold\n', section)).toBe(
      `# Benchmarks\n\n## Library\n\nold\n\n${section}`,
    );
  });
});
