import type { ReactNode } from 'react';

/** A labelled control with a note under it: the hint, or what is wrong with the value. */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  problem: string | null;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      <p id={noteId(props.id)} className={props.problem ? 'field-problem' : 'field-hint'}>
        {props.problem ?? props.hint}
      </p>
    </div>
  );
}

export function noteId(id: string): string {
  return `${id}-note`;
}
