import type { KeyboardEvent } from 'react';
import { stepClock } from '../../store/queue-fields';

const STEP_MINUTES = 15;

interface ClockInputProps {
  id: string;
  value: string;
  invalid: boolean;
  describedBy: string;
  onChange(value: string): void;
}

/**
 * A time on the 24-hour clock, typed as HH:MM: the browser's time field
 * shows a 12-hour clock in some locales, with AM/PM cut off in a narrow
 * window. Up and Down step a quarter of an hour, Shift with them an hour.
 */
export function ClockInput({ id, value, invalid, describedBy, onChange }: ClockInputProps) {
  function step(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    const minutes = (event.shiftKey ? 60 : STEP_MINUTES) * (event.key === 'ArrowUp' ? 1 : -1);
    onChange(stepClock(value, minutes));
  }

  return (
    <input
      id={id}
      className="clock-input"
      type="text"
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      maxLength={5}
      placeholder="HH:MM"
      value={value}
      aria-invalid={invalid ? true : undefined}
      aria-describedby={describedBy}
      onChange={(event) => onChange(event.target.value.trim())}
      onKeyDown={step}
    />
  );
}
