import { useTranslation } from 'react-i18next';
import { FormFooter } from '../../components/FormFooter';
import type { EventForm } from './useEventForm';

type Props = {
  form: Pick<EventForm<Record<string, string>, never>, 'message' | 'saveError' | 'saving'>;
  submitLabel: string;
  cancelLabel: string;
  onCancel: () => void;
  submitTestId: string;
};

/** The end of every pledge-event form: the form-wide error (if any), then save and cancel. */
export function EventFormFooter({ form, submitLabel, cancelLabel, onCancel, submitTestId }: Props) {
  const { t } = useTranslation('pledges');
  const formError = form.message('form');
  return (
    <>
      {formError && (
        <p className="field-error" role="alert">
          {formError}
        </p>
      )}
      <FormFooter
        saveError={form.saveError ? t('saveFailed', { message: form.saveError }) : null}
        saving={form.saving}
        submitLabel={submitLabel}
        cancelLabel={cancelLabel}
        onCancel={onCancel}
        submitTestId={submitTestId}
      />
    </>
  );
}
