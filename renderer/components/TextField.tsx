import { useEffect, useId, useState } from 'react';
import { Field, noteId } from './Field';

interface TextFieldProps {
  label: string;
  hint: string;
  value: string;
  /** Returns a person-readable problem with the text, or null when it may be saved. */
  validate(value: string): string | null;
  onCommit(value: string): void;
  /** Takes the field's whole width, for values such as a list of addresses. */
  wide?: boolean;
}

/** A text input that keeps what the person typed and saves it when it leaves the field, if it is valid. */
export function TextField({ label, hint, value, validate, onCommit, wide }: TextFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setDraft(value);
    setProblem(null);
  }, [value]);

  function commit() {
    const issue = validate(draft);
    setProblem(issue);
    if (!issue && draft !== value) onCommit(draft);
  }

  return (
    <Field id={id} label={label} hint={hint} problem={problem}>
      <input
        id={id}
        type="text"
        className={wide ? 'wide' : undefined}
        value={draft}
        aria-invalid={problem ? true : undefined}
        aria-describedby={noteId(id)}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
        }}
      />
    </Field>
  );
}
