import { useId } from 'react';

interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  className?: string;
  /** A line under the label saying what the choice changes. */
  hint?: string;
}

/** A checkbox with its label to the right, clickable as one. */
export function CheckboxField({ label, checked, onChange, className = 'field', hint }: CheckboxFieldProps) {
  const id = useId();
  const control = (
    <div className={`${className} field-inline`}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
  if (!hint) return control;
  return (
    <div className="field">
      {control}
      <p id={`${id}-hint`} className="field-hint checkbox-hint">
        {hint}
      </p>
    </div>
  );
}
