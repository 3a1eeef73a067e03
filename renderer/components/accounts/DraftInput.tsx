import type { Ref } from 'react';
import { Field, noteId } from '../Field';

interface DraftInputProps {
  id: string;
  label: string;
  hint?: string;
  problem?: string;
  value: string;
  secret?: boolean;
  placeholder?: string;
  inputRef?: Ref<HTMLInputElement>;
  onChange(value: string): void;
}

/** One input of an account form: secrets are password inputs, its note the hint or what is missing. */
export function DraftInput(props: DraftInputProps) {
  return (
    <Field id={props.id} label={props.label} hint={props.hint} problem={props.problem ?? null}>
      <input
        id={props.id}
        ref={props.inputRef}
        type={props.secret ? 'password' : 'text'}
        autoComplete="off"
        spellCheck={false}
        placeholder={props.placeholder}
        aria-invalid={props.problem ? true : undefined}
        aria-describedby={noteId(props.id)}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </Field>
  );
}
