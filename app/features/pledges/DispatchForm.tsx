import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Actor } from '../../../domain/permissions';
import { FormField } from '../../components/FormField';
import { EventFormFooter } from './EventFormFooter';
import { newId } from '../../db/ids';
import { MAX_NOTE_LENGTH } from './pledge-form';
import { formToDispatch, localDayOf, MAX_CARRIER_LENGTH, MAX_PLATE_LENGTH, newDispatchForm, type DispatchField, type DispatchValues } from './pledge-event-forms';
import type { PledgeView } from './pledge-views';
import { useEventForm } from './useEventForm';
import { validatePledgeEvent } from './validate-pledge-event';

type Props = { view: PledgeView; actor: Actor; onDone: () => void };

/** The sender marks the pledge dispatched: how much, who carries it, the vehicle, when it should arrive. */
export function DispatchForm({ view, actor, onDone }: Props) {
  const { t, i18n } = useTranslation('pledges');
  const language = i18n.resolvedLanguage ?? 'en';
  const idPrefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [id] = useState(newId);
  const [today] = useState(() => localDayOf(Date.now()));
  const { pledge } = view;
  const form = useEventForm<DispatchValues, DispatchField>(
    formRef,
    () => newDispatchForm(pledge, view.dispatchedQuantity),
    (values) => formToDispatch(values, { id, pledge, actor, language, today }, validatePledgeEvent),
    onDone,
  );
  const field = (name: DispatchField) => ({ idPrefix, name, error: form.message(name) });
  return (
    <form ref={formRef} className="form pledge-action-form" data-testid="dispatch-form" onSubmit={form.submit} noValidate aria-labelledby={`${idPrefix}-title`}>
      <h3 id={`${idPrefix}-title`}>{t('dispatch.title')}</h3>
      <FormField {...field('quantity')} label={t('dispatch.quantity', { unit: t(`unit.${pledge.unit}`, { ns: 'needs' }) })}>
        {(control) => (
          <input {...control} type="number" inputMode="decimal" min="0" step="any" data-testid="dispatch-quantity" value={form.values.quantity} onChange={form.change('quantity')} />
        )}
      </FormField>
      <FormField {...field('carrier')} label={t('dispatch.carrier')}>
        {(control) => (
          <input {...control} type="text" maxLength={MAX_CARRIER_LENGTH} autoComplete="organization" data-testid="dispatch-carrier" value={form.values.carrier} onChange={form.change('carrier')} />
        )}
      </FormField>
      <FormField {...field('vehiclePlate')} label={t('dispatch.plate')}>
        {(control) => (
          <input {...control} type="text" maxLength={MAX_PLATE_LENGTH} autoCapitalize="characters" data-testid="dispatch-plate" value={form.values.vehiclePlate} onChange={form.change('vehiclePlate')} />
        )}
      </FormField>
      <FormField {...field('expectedArrivalOn')} label={t('dispatch.arrival')}>
        {(control) => <input {...control} type="date" min={today} data-testid="dispatch-arrival" value={form.values.expectedArrivalOn} onChange={form.change('expectedArrivalOn')} />}
      </FormField>
      <FormField {...field('note')} label={t('dispatch.note')}>
        {(control) => <textarea {...control} rows={3} maxLength={MAX_NOTE_LENGTH} lang={language} data-testid="dispatch-note" value={form.values.note} onChange={form.change('note')} />}
      </FormField>
      <EventFormFooter form={form} submitLabel={t('dispatch.save')} cancelLabel={t('actions.close')} onCancel={onDone} submitTestId="dispatch-save" />
    </form>
  );
}
