import { useId } from 'react';

interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  className?: string;
}

/** A checkbox with its label to the right, clickable as one. */
export function CheckboxField({ label, checked, onChange, className = 'field' }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className={`${className} field-inline`}>
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
