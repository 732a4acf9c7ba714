import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Actor } from '../../../domain/permissions';
import { FormField } from '../../components/FormField';
import { EventFormFooter } from './EventFormFooter';
import { newId } from '../../db/ids';
import { MAX_NOTE_LENGTH } from './pledge-form';
import { formToCancellation, localDayOf, type CancelField, type CancelValues } from './pledge-event-forms';
import type { PledgeView } from './pledge-views';
import { useEventForm } from './useEventForm';
import { validatePledgeEvent } from './validate-pledge-event';

type Props = { view: PledgeView; actor: Actor; onDone: () => void };

/** Either side cancels the pledge, saying why (the other city reads the reason in the history). */
export function CancelForm({ view, actor, onDone }: Props) {
  const { t, i18n } = useTranslation('pledges');
  const language = i18n.resolvedLanguage ?? 'en';
  const idPrefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [id] = useState(newId);
  const [today] = useState(() => localDayOf(Date.now()));
  const form = useEventForm<CancelValues, CancelField>(
    formRef,
    () => ({ reason: '' }),
    (values) => formToCancellation(values, { id, pledge: view.pledge, actor, language, today }, validatePledgeEvent),
    onDone,
  );
  return (
    <form ref={formRef} className="form pledge-action-form" data-testid="cancel-form" onSubmit={form.submit} noValidate aria-labelledby={`${idPrefix}-title`}>
      <h3 id={`${idPrefix}-title`}>{t('cancel.title')}</h3>
      <FormField idPrefix={idPrefix} name="reason" label={t('cancel.reason')} hint={t('cancel.hint')} error={form.message('reason')}>
        {(control) => <textarea {...control} rows={3} maxLength={MAX_NOTE_LENGTH} lang={language} required data-testid="cancel-reason" value={form.values.reason} onChange={form.change('reason')} />}
      </FormField>
      <EventFormFooter form={form} submitLabel={t('cancel.save')} cancelLabel={t('cancel.keep')} onCancel={onDone} submitTestId="cancel-save" />
    </form>
  );
}
