import type { ReactNode } from 'react';
import { FieldError } from './FieldError';

export type ControlProps = {
  id: string;
  name: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
};

type Props = {
  /** Prefix for element ids, unique on the page. */
  idPrefix: string;
  name: string;
  label: string;
  error: string | undefined;
  /** A short help text under the input, read out with it. */
  hint?: string;
  className?: string;
  /** Renders the input with the props that tie it to its label, its hint and its error. */
  children: (control: ControlProps) => ReactNode;
};

/** A labelled form control with its hint and its error message. */
export function FormField({ idPrefix, name, label, error, hint, className, children }: Props) {
  const id = `${idPrefix}-${name}`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint && (
        <p id={hintId} className="hint small">
          {hint}
        </p>
      )}
      <FieldError id={errorId} name={name} message={error} />
    </div>
  );
}
