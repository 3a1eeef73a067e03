import { describe, expect, it } from 'vitest';
import { parseRate } from '../../electron/cli/parse-rate';

describe('parseRate', () => {
  it.each([
    ['300000', 300_000],
    ['500K', 512_000],
    ['500k', 512_000],
    ['2M', 2 * 1024 ** 2],
    ['1.5MB', 1.5 * 1024 ** 2],
    ['2MiB/s', 2 * 1024 ** 2],
    ['1G', 1024 ** 3],
  ])('%s is %d bytes per second', (text, bytes) => {
    expect(parseRate(text)).toBe(bytes);
  });

  it.each(['', 'fast', '-1M', '2X', 'M2'])('refuses %s', (text) => {
    expect(parseRate(text)).toBeUndefined();
  });
});
