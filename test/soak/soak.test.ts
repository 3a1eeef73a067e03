import { describe, expect, it } from 'vitest';
import { soakTable } from '../../soak/report';
import { runSoak } from '../../soak/run-soak';
import { shortShape } from '../../soak/workload';
import { requireBuiltApp } from '../support/built-app';

describe('the short soak', () => {
  it('ends with every download done byte for byte or failed for its planned reason, after SIGKILLs', {
    timeout: 15 * 60_000,
  }, async () => {
    requireBuiltApp();
    const figures = await runSoak(shortShape);
    process.stdout.write(`${soakTable(figures)}\n`);
    expect(figures.problems).toEqual([]);
    expect(figures.kills).toBeGreaterThanOrEqual(shortShape.requiredKills);
    expect(figures.downloads).toBe(shortShape.bands.reduce((sum, band) => sum + band.count, 0));
    // Only the links planned as gone fail, and as what they are.
    expect([...figures.failuresByReason.keys()]).toEqual(['http_4xx']);
    expect(figures.faults.total()).toBeGreaterThan(0);
  });
});
