import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { FormFooter } from '../../components/FormFooter';
import { useTranslation } from 'react-i18next';
import type { Need } from '../../../domain/schemas/need';
import type { Offer } from '../../../domain/schemas/offer';
import { FormField } from '../../components/FormField';
import { newId } from '../../db/ids';
import { useLocalStore } from '../../db/LocalStoreProvider';
import { saveDocument } from '../../db/local-store';
import { useDocument } from '../../db/useDocuments';
import { formatEuros, formatNumber } from '../../i18n/format';
import { leaveTo } from '../../routes';
import { useProfile } from '../../stores/session-store';
import { leaveFormFor, localDay, useNeed } from '../needs';
import { canPledge } from './pledge-rules';
import { defaultPledgeQuantity, formToPledge, MAX_NOTE_LENGTH, newPledgeForm, type PledgeFormErrors, type PledgeFormField, type PledgeFormValues } from './pledge-form';
import { usePledgesOfNeed } from './usePledgesOfNeed';
import './pledges.css';
import { formChanged, useUnsavedForm } from '../../hooks/useUnsavedForm';

type Props = { needId: Need['id']; offerId?: Offer['id'] };

/**
 * Pledging against a need (`/needs/:id/pledge?offer=…`): a verified partner municipality promises
 * a quantity in the need's unit and a dispatch day. The pledge is written on the phone first and
 * synced later; the need's page shows it in its totals at once.
 */
export function PledgeFormScreen({ needId, offerId }: Props) {
  const { t } = useTranslation('pledges');
  const profile = useProfile();
  const { need, loading } = useNeed(needId);
  const { document: municipality, loading: municipalityLoading } = useDocument('municipalities', need?.municipalityId ?? null);
  const { document: offer, loading: offerLoading } = useDocument('offers', offerId ?? null);
  const { pledges, loading: pledgesLoading } = usePledgesOfNeed(needId);

  if (loading || municipalityLoading || offerLoading || pledgesLoading) return <p className="screen loading">{t('loading', { ns: 'common' })}</p>;
  if (!need) return <Refusal text={t('form.needNotFound')} needId={needId} testId="pledge-need-not-found" />;
  // An offer of someone else (or one not on the phone) is not drawn on: the pledge is made without it.
  const drawnOn = offer && canPledge(profile, need, municipality, offer) ? offer : undefined;
  if (!profile || !canPledge(profile, need, municipality)) return <Refusal text={t('form.notAllowed')} needId={needId} testId="pledge-not-allowed" />;
  const pledged = pledges
    .filter(({ pledge, state }) => pledge.unit === need.unit && state.status !== 'cancelled' && state.status !== 'expired')
    .reduce((sum, { pledge }) => sum + pledge.quantity, 0);
  return <PledgeForm need={need} offer={drawnOn} fromMunicipalityId={profile.actor.municipalityId} pledged={pledged} />;
}

function Refusal({ text, needId, testId }: { text: string; needId: Need['id']; testId: string }) {
  const { t } = useTranslation('pledges');
  return (
    <section className="screen">
      <p className="empty" data-testid={testId}>
        {text}
      </p>
      <button type="button" className="button" onClick={() => leaveTo({ name: 'need', id: needId })}>
        {t('form.back')}
      </button>
    </section>
  );
}

type FormProps = { need: Need; offer: Offer | undefined; fromMunicipalityId: string; pledged: number };

function PledgeForm({ need, offer, fromMunicipalityId, pledged }: FormProps) {
  const { t, i18n } = useTranslation('pledges');
  const language = i18n.resolvedLanguage ?? 'en';
  const store = useLocalStore();
  const idPrefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [id] = useState(newId);
  const [today] = useState(() => localDay(new Date()));
  const [initial] = useState<PledgeFormValues>(() => newPledgeForm(defaultPledgeQuantity(need, pledged, offer), today));
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<PledgeFormErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  useUnsavedForm(formChanged(initial, values));

  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const change = (field: PledgeFormField) => (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const value = event.target.value;
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    const result = formToPledge(values, { id, need, offer, fromMunicipalityId, language, today });
    if (!result.ok) {
      setErrors(result.errors);
      setAttempt((count) => count + 1);
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      await saveDocument(store, 'pledges', result.pledge);
      leaveFormFor({ name: 'need', id: need.id });
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
      setSaving(false);
    }
  };

  const amount = (value: number) =>
    t(`quantity.${need.unit}`, { ns: 'needs', count: value, value: need.unit === 'eur' ? formatEuros(value, language) : formatNumber(value, language) });
  const message = (field: PledgeFormField) => {
    const error = errors[field];
    if (!error) return undefined;
    switch (error.key) {
      case 'tooSmall':
        return t('errors.tooSmall', { min: formatNumber(error.min, language) });
      case 'tooLong':
        return t('errors.tooLong', { count: error.count });
      default:
        return t(`errors.${error.key}`);
    }
  };
  const field = (name: PledgeFormField) => ({ idPrefix, name, error: message(name) });

  return (
    <section className="screen form-screen" aria-labelledby={`${idPrefix}-heading`}>
      <form ref={formRef} className="form" data-testid="pledge-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <h2 id={`${idPrefix}-heading`}>{t('form.title')}</h2>
        <div className="pledge-summary">
          <h3 lang={need.language}>{need.title}</h3>
          {need.quantity !== undefined && <p>{t('form.needed', { needed: amount(need.quantity), pledged: amount(pledged) })}</p>}
          {offer && (
            <p data-testid="pledge-offer">
              {t('form.fromOffer')} <span lang={offer.language}>{offer.title}</span>
            </p>
          )}
        </div>

        <FormField {...field('quantity')} label={t('form.quantity', { unit: t(`unit.${need.unit}`, { ns: 'needs' }) })}>
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="decimal"
              min="0"
              step="any"
              data-testid="pledge-quantity"
              value={values.quantity}
              onChange={change('quantity')}
            />
          )}
        </FormField>

        <FormField {...field('expectedDispatchOn')} label={t('form.dispatchDate')} hint={t('form.dispatchHint')}>
          {(control) => (
            <input {...control} type="date" min={today} data-testid="pledge-dispatch-date" value={values.expectedDispatchOn} onChange={change('expectedDispatchOn')} />
          )}
        </FormField>

        <FormField {...field('note')} label={t('form.note')}>
          {(control) => (
            <textarea {...control} rows={3} maxLength={MAX_NOTE_LENGTH} lang={language} data-testid="pledge-note" value={values.note} onChange={change('note')} />
          )}
        </FormField>

        <FormFooter
          saveError={saveError ? t('form.saveFailed', { message: saveError }) : null}
          saving={saving}
          submitLabel={t('form.submit')}
          cancelLabel={t('form.cancel')}
          onCancel={() => leaveFormFor({ name: 'need', id: need.id })}
          submitTestId="pledge-submit"
        />
      </form>
    </section>
  );
}
