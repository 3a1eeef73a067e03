import { describe, expect, it } from 'vitest';
import {
  concurrencyProblem,
  queueNameProblem,
  queueStateLabel,
  scheduleProblem,
  speedLimitProblem,
  stepClock,
} from '../../renderer/store/queue-fields';

describe('queue field checks', () => {
  it('wants a name that is not blank, not too long and not taken (in any case)', () => {
    expect(queueNameProblem('  ', [])).toBe('Give the queue a name.');
    expect(queueNameProblem('x'.repeat(81), [])).toMatch(/under 81 characters/);
    expect(queueNameProblem(' night ', ['Default', 'Night'])).toBe(
      'There is already a queue called "night". Pick another name.',
    );
    expect(queueNameProblem('Renders', ['Default'])).toBeNull();
  });

  it('wants whole numbers within bounds for files at once and the speed limit', () => {
    expect(concurrencyProblem(Number.NaN)).toMatch(/whole number from 0/);
    expect(concurrencyProblem(1.5)).toMatch(/whole number/);
    expect(concurrencyProblem(17)).toMatch(/to 16/);
    expect(concurrencyProblem(0)).toBeNull();
    expect(speedLimitProblem(-1)).toMatch(/0 for no limit/);
    expect(speedLimitProblem(512)).toBeNull();
  });

  it('refuses a daily window that is empty or not a 24-hour time, and allows one across midnight', () => {
    expect(scheduleProblem({ start: '08:00', stop: '08:00' })).toMatch(/same time/);
    expect(scheduleProblem({ start: '', stop: '08:00' })).toMatch(/Enter a start time/);
    expect(scheduleProblem({ start: '08:00', stop: '24:00' })).toMatch(/Enter a stop time/);
    expect(scheduleProblem({ start: '22:00', stop: '06:00' })).toBeNull();
    expect(scheduleProblem({ start: '10:00 PM', stop: '06:00' })).toMatch(/24-hour clock/);
  });

  it('steps a time round the clock, as the arrow keys do', () => {
    expect(stepClock('22:00', 15)).toBe('22:15');
    expect(stepClock('23:50', 15)).toBe('00:05');
    expect(stepClock('00:10', -15)).toBe('23:55');
    expect(stepClock('06:00', 60)).toBe('07:00');
    expect(stepClock('half past', 15)).toBe('00:15');
  });

  it('says whether a queue is paused or when it runs', () => {
    expect(queueStateLabel({ paused: true, schedule: null })).toBe('Paused');
    expect(queueStateLabel({ paused: false, schedule: null })).toBe('Runs any time');
    expect(queueStateLabel({ paused: false, schedule: { start: '22:00', stop: '06:00' } })).toBe('Runs 22:00–06:00');
  });
});
