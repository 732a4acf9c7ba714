/** The error under a form field; its id is what the field's aria-describedby points to. */
export function FieldError({ id, name, message }: { id: string; name: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error" data-testid={`field-error-${name}`}>
      {message}
    </p>
  );
}
