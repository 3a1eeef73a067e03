import { useEffect, useId, useState } from 'react';
import { Field, noteId } from './Field';

interface NumberFieldProps {
  label: string;
  hint?: string;
  value: number;
  min: number;
  max: number;
  /** Returns a person-readable problem with the number, or null when it may be saved. */
  validate(value: number): string | null;
  onCommit(value: number): void;
}

/**
 * A number input that keeps what the person typed, even when it is not valid
 * yet, and saves only values that pass validation.
 */
export function NumberField({ label, hint, value, min, max, validate, onCommit }: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setDraft(String(value));
    setProblem(null);
  }, [value]);

  function change(text: string) {
    setDraft(text);
    const parsed = text.trim() === '' ? Number.NaN : Number(text);
    const issue = Number.isNaN(parsed) ? `Enter a number from ${min} to ${max}.` : validate(parsed);
    setProblem(issue);
    if (!issue && parsed !== value) onCommit(parsed);
  }

  return (
    <Field id={id} label={label} hint={hint} problem={problem}>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        value={draft}
        aria-invalid={problem ? true : undefined}
        aria-describedby={noteId(id)}
        onChange={(event) => change(event.target.value)}
      />
    </Field>
  );
}
