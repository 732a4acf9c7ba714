import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REJECTION_REASON_MAX_LENGTH } from '../../api/admin-api';
import { FormField } from '../../components/FormField';

type Props = {
  /** Prefix for element ids, unique on the page. */
  idPrefix: string;
  busy: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
};

/** Asks the moderator why an application is rejected: the applicant reads the reason. */
export function PendingRejectForm({ idPrefix, busy, onConfirm, onCancel }: Props) {
  const { t } = useTranslation('admin');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const field = useRef<HTMLTextAreaElement>(null);

  // The form opens on a tap on "Reject": the reason is what comes next.
  useEffect(() => field.current?.focus(), []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = reason.trim();
    if (trimmed === '') setError(t('reject.required'));
    else if (trimmed.length > REJECTION_REASON_MAX_LENGTH) setError(t('reject.tooLong', { count: REJECTION_REASON_MAX_LENGTH }));
    else onConfirm(trimmed);
  };

  return (
    <form className="reject-form" onSubmit={submit} noValidate>
      <FormField idPrefix={idPrefix} name="reason" label={t('reject.reasonLabel')} error={error}>
        {(control) => (
          <textarea
            {...control}
            ref={field}
            rows={3}
            required
            maxLength={REJECTION_REASON_MAX_LENGTH}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              if (error && event.target.value.trim() !== '') setError(undefined);
            }}
          />
        )}
      </FormField>
      <p className="muted small">{t('reject.charactersLeft', { count: REJECTION_REASON_MAX_LENGTH - reason.length })}</p>
      <div className="form-actions">
        <button type="submit" className="button danger" data-testid="reject-confirm" disabled={busy}>
          {t('reject.confirm')}
        </button>
        <button type="button" className="button" data-testid="reject-cancel" onClick={onCancel}>
          {t('reject.cancel')}
        </button>
      </div>
    </form>
  );
}
