import { useId } from 'react';
import { Field, noteId } from '../Field';

interface SelectFieldProps<T extends string> {
  label: string;
  hint: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
}

/** A labelled select with a hint under it; a choice saves at once. */
export function SelectField<T extends string>({ label, hint, value, options, onChange }: SelectFieldProps<T>) {
  const id = useId();
  return (
    <Field id={id} label={label} hint={hint} problem={null}>
      <select
        id={id}
        value={value}
        aria-describedby={noteId(id)}
        onChange={(event) => onChange(event.target.value as T)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
