/**
 * The end of every form: the save error in words (when saving on the phone failed) and the two
 * actions, submit and cancel. The labels come from the form's own namespace.
 */
type Props = {
  /** The translated "could not save" message, or null. */
  saveError: string | null;
  saving: boolean;
  submitLabel: string;
  cancelLabel: string;
  onCancel: () => void;
  submitTestId: string;
};

export function FormFooter({ saveError, saving, submitLabel, cancelLabel, onCancel, submitTestId }: Props) {
  return (
    <>
      {saveError && (
        <p className="field-error" role="alert">
          {saveError}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" data-testid={submitTestId} disabled={saving}>
          {submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </>
  );
}
