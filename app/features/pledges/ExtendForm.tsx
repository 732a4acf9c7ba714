import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Actor } from '../../../domain/permissions';
import { FormField } from '../../components/FormField';
import { EventFormFooter } from './EventFormFooter';
import { newId } from '../../db/ids';
import { formatDateTime } from '../../i18n/format';
import { addDays } from './pledge-form';
import { formToExtension, localDayOf, newExtendForm, type ExtendField, type ExtendValues } from './pledge-event-forms';
import type { PledgeView } from './pledge-views';
import { useEventForm } from './useEventForm';
import { validatePledgeEvent } from './validate-pledge-event';

type Props = { view: PledgeView; actor: Actor; onDone: () => void };

/** The sender moves the dispatch deadline later, once, before it passes. */
export function ExtendForm({ view, actor, onDone }: Props) {
  const { t, i18n } = useTranslation('pledges');
  const language = i18n.resolvedLanguage ?? 'en';
  const idPrefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [id] = useState(newId);
  const [today] = useState(() => localDayOf(Date.now()));
  const currentExpiresAt = view.state.expiresAt;
  const form = useEventForm<ExtendValues, ExtendField>(
    formRef,
    () => newExtendForm(currentExpiresAt),
    (values) => formToExtension(values, { id, pledge: view.pledge, actor, language, today, currentExpiresAt }, validatePledgeEvent),
    onDone,
  );
  return (
    <form ref={formRef} className="form pledge-action-form" data-testid="extend-form" onSubmit={form.submit} noValidate aria-labelledby={`${idPrefix}-title`}>
      <h3 id={`${idPrefix}-title`}>{t('extend.title')}</h3>
      <p>{t('extend.current', { date: formatDateTime(currentExpiresAt, language) })}</p>
      <FormField idPrefix={idPrefix} name="date" label={t('extend.date')} hint={t('extend.hint')} error={form.message('date')}>
        {(control) => (
          <input {...control} type="date" min={addDays(localDayOf(currentExpiresAt), 1)} required data-testid="extend-date" value={form.values.date} onChange={form.change('date')} />
        )}
      </FormField>
      <EventFormFooter form={form} submitLabel={t('extend.save')} cancelLabel={t('actions.close')} onCancel={onDone} submitTestId="extend-save" />
    </form>
  );
}
