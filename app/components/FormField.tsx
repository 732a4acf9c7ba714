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
  className?: string;
  /** Renders the input with the props that tie it to its label and its error. */
  children: (control: ControlProps) => ReactNode;
};

/** A labelled form control with its error message. */
export function FormField({ idPrefix, name, label, error, className, children }: Props) {
  const id = `${idPrefix}-${name}`;
  const errorId = `${id}-error`;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? errorId : undefined })}
      <FieldError id={errorId} name={name} message={error} />
    </div>
  );
}
