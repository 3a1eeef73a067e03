import { useEffect, useId, useState } from 'react';
import type { Queue } from '../../../shared/queues';
import { scheduleProblem } from '../../store/queue-fields';
import { CheckboxField } from '../CheckboxField';
import { ClockInput } from './ClockInput';

type Schedule = Queue['schedule'];

/** A window suggested when the box is first ticked: overnight, when the line is quiet. */
const NIGHT = { start: '22:00', stop: '06:00' };

/** The queue's daily window: off (any time), or start and stop times saved once they make a window. */
export function ScheduleField({ schedule, onCommit }: { schedule: Schedule; onCommit(schedule: Schedule): void }) {
  const id = useId();
  const [draft, setDraft] = useState(schedule ?? NIGHT);
  const [problem, setProblem] = useState<string | null>(null);
  // The box follows the click at once, not when the main process answers.
  const [on, setOn] = useState(schedule !== null);

  useEffect(() => {
    if (schedule) setDraft(schedule);
    setOn(schedule !== null);
    setProblem(null);
  }, [schedule]);

  function change(next: NonNullable<Schedule>) {
    setDraft(next);
    const issue = scheduleProblem(next);
    setProblem(issue);
    if (!issue && (next.start !== schedule?.start || next.stop !== schedule?.stop)) onCommit(next);
  }

  return (
    <fieldset className="queue-schedule">
      <legend>Daily window</legend>
      <CheckboxField
        label="Start downloads only between these times"
        checked={on}
        onChange={(checked) => {
          setOn(checked);
          if (checked) change(draft);
          else onCommit(null);
        }}
      />
      {on && (
        <div className="queue-times">
          <label htmlFor={`${id}-start`}>From</label>
          <ClockInput
            id={`${id}-start`}
            value={draft.start}
            invalid={problem !== null}
            describedBy={`${id}-clock ${id}-note`}
            onChange={(start) => change({ ...draft, start })}
          />
          <label htmlFor={`${id}-stop`}>to</label>
          <ClockInput
            id={`${id}-stop`}
            value={draft.stop}
            invalid={problem !== null}
            describedBy={`${id}-clock ${id}-note`}
            onChange={(stop) => change({ ...draft, stop })}
          />
          <span id={`${id}-clock`} className="field-hint">
            24-hour clock; ↑ and ↓ step 15 minutes
          </span>
        </div>
      )}
      <p id={`${id}-note`} className={problem ? 'field-problem' : 'field-hint'}>
        {problem ??
          (schedule ? 'A window may cross midnight: 22:00 to 06:00 runs through the night.' : 'Runs any time.')}
      </p>
    </fieldset>
  );
}
