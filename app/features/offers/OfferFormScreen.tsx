import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, DELIVERY_OPTIONS, UNITS, type OfferStatus } from '../../../domain/constants';
import type { Offer } from '../../../domain/schemas/offer';
import { FormFooter } from '../../components/FormFooter';
import { FieldError } from '../../components/FieldError';
import { FormField } from '../../components/FormField';
import { REGISTRATION_COUNTRIES, TEXT_LANGUAGES } from '../../constants';
import { newId } from '../../db/ids';
import { validateOffer } from '../../forms/validate';
import { oblastName, sortedOblasts } from '../../geo/oblasts';
import { countryName, languageName, municipalityName } from '../../i18n/format';
import { leaveTo } from '../../routes';
import { useProfile } from '../../stores/session-store';
import { localToday } from './offer-format';
import {
  QUANTITY_OPTIONAL_CATEGORY,
  formToOffer,
  newOfferForm,
  offerStatusChoices,
  offerToForm,
  placeHasOblast,
  toggleDelivery,
  withPlaceChange,
  type OfferFormError,
  type OfferFormErrors,
  type OfferFormField,
  type OfferFormValues,
} from './offer-form';
import { allowedOfferStatuses, canPostOffer, offerActions } from './useOfferActions';
import { useOffer } from './useOffers';
import { useSaveOffer } from './useSaveOffer';
import './offers.css';
import { formChanged, useUnsavedForm } from '../../hooks/useUnsavedForm';

/** Creates an offer (no `offerId`) or edits the offer with that id, as far as the member may. */
export function OfferFormScreen({ offerId }: { offerId?: Offer['id'] }) {
  return offerId === undefined ? <NewOffer /> : <EditOffer id={offerId} />;
}

function NewOffer() {
  const { i18n } = useTranslation();
  const profile = useProfile();
  const [initial] = useState(() => {
    const language = i18n.resolvedLanguage ?? 'uk';
    const municipality = profile?.municipality;
    // A new offer starts where the municipality is: its name, country, oblast and location.
    return newOfferForm({
      language,
      settlement: municipality ? municipalityName(municipality, language) : '',
      country: municipality?.country ?? '',
      pcode: municipality?.adm1 ?? '',
      location: municipality?.location,
    });
  });
  const [id] = useState(newId);
  if (!canPostOffer(profile)) return <NotAllowed />;
  return <OfferForm id={id} initial={initial} />;
}

function EditOffer({ id }: { id: Offer['id'] }) {
  const { t } = useTranslation('offers');
  const profile = useProfile();
  const { offer, loading } = useOffer(id);
  // The form starts from the offer as it was when opened; a synced change meanwhile does not
  // overwrite what the user is typing (the merge combines both when the edit is pushed).
  const [opened, setOpened] = useState<Offer | null>(null);
  if (offer && !opened) setOpened(offer);
  if (opened) return offerActions(profile, opened).update ? <OfferForm id={id} initial={offerToForm(opened)} previous={opened} /> : <NotAllowed />;
  if (loading) return <p className="loading">{t('loading', { ns: 'common' })}</p>;
  return (
    <section className="screen">
      <p className="empty" data-testid="offer-not-found">
        {t('form.notFound')}
      </p>
      <button type="button" className="button" onClick={() => leaveTo({ name: 'offers' })}>
        {t('form.cancel')}
      </button>
    </section>
  );
}

/** Reached by a link the member may not use (another municipality's offer, a moderator posting). */
function NotAllowed() {
  const { t } = useTranslation('offers');
  return (
    <section className="screen">
      <p className="empty" data-testid="offer-not-allowed">
        {t('form.notAllowed')}
      </p>
      <button type="button" className="button" onClick={() => leaveTo({ name: 'offers' })}>
        {t('form.cancel')}
      </button>
    </section>
  );
}

type FormProps = { id: Offer['id']; initial: OfferFormValues; previous?: Offer };

function OfferForm({ id, initial, previous }: FormProps) {
  const { t, i18n } = useTranslation('offers');
  const language = i18n.resolvedLanguage ?? 'en';
  const idPrefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const profile = useProfile();
  const saveOffer = useSaveOffer();
  const statuses = useMemo(() => allowedOfferStatuses(profile, previous, offerStatusChoices(previous?.status)), [profile, previous]);
  const oblasts = useMemo(() => sortedOblasts(language), [language]);
  const countries = useMemo(
    () => withCurrent(REGISTRATION_COUNTRIES, initial.country).map((code) => ({ code, name: countryName(code, language) })),
    [initial.country, language],
  );
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<OfferFormErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  useUnsavedForm(formChanged(initial, values));

  // After a refused submit, move focus to the first field that needs fixing.
  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const clearError = (field: OfferFormField) => setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));

  const change = (field: Exclude<OfferFormField, 'deliveryOptions'>) => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => {
    const value = event.target.value;
    setValues((current) => (field === 'country' || field === 'pcode' ? withPlaceChange(current, field, value) : { ...current, [field]: value }));
    clearError(field);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving || !profile) return;
    const result = formToOffer(
      values,
      { id, municipalityId: profile.actor.municipalityId, today: localToday(), previous, allowedStatuses: statuses },
      validateOffer,
    );
    if (!result.ok) {
      setErrors(result.errors);
      setAttempt((count) => count + 1);
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      const saved = await saveOffer(result.offer);
      leaveTo({ name: 'offer', id: saved.id });
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
      setSaving(false);
    }
  };

  const message = (error: OfferFormError | undefined) => (error ? t(`errors.${error.key}`, { count: error.count ?? 0 }) : undefined);
  const field = (name: OfferFormField) => ({ idPrefix, name, error: message(errors[name]) });
  const quantityOptional = values.category === QUANTITY_OPTIONAL_CATEGORY;
  const deliveryError = message(errors.deliveryOptions);
  const cancelTo = previous ? ({ name: 'offer', id: previous.id } as const) : ({ name: 'offers' } as const);

  return (
    <section className="screen form-screen" aria-labelledby={`${idPrefix}-title`}>
      <form ref={formRef} className="form" data-testid="offer-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <h2 id={`${idPrefix}-title`}>{previous ? t('form.editTitle') : t('form.newTitle')}</h2>
        <FieldError id={`${idPrefix}-form-error`} name="form" message={message(errors.form)} />

        <FormField {...field('category')} label={t('form.category')}>
          {(control) => (
            <select {...control} value={values.category} onChange={change('category')} data-testid="offer-field-category">
              <option value="" disabled>
                {t('form.chooseCategory')}
              </option>
              {CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {t(`category.${category}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>

        <FormField {...field('title')} label={t('form.title')}>
          {(control) => (
            <input {...control} value={values.title} onChange={change('title')} maxLength={140} lang={values.language} data-testid="offer-field-title" />
          )}
        </FormField>

        <FormField {...field('description')} label={t('form.description')}>
          {(control) => (
            <textarea
              {...control}
              value={values.description}
              onChange={change('description')}
              rows={4}
              maxLength={4000}
              lang={values.language}
              data-testid="offer-field-description"
            />
          )}
        </FormField>

        <FormField {...field('language')} label={t('form.language')}>
          {(control) => (
            <select {...control} value={values.language} onChange={change('language')} data-testid="offer-field-language">
              {withCurrent(TEXT_LANGUAGES, values.language).map((code) => (
                <option key={code} value={code}>
                  {languageName(code, language)}
                </option>
              ))}
            </select>
          )}
        </FormField>

        <div className="field-row">
          <FormField {...field('quantity')} label={quantityOptional ? t('form.quantityOptional') : t('form.quantity')} className="grow">
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="decimal"
                min="0"
                step="any"
                value={values.quantity}
                onChange={change('quantity')}
                data-testid="offer-field-quantity"
              />
            )}
          </FormField>
          <FormField {...field('unit')} label={t('form.unit')} className="grow">
            {(control) => (
              <select {...control} value={values.unit} onChange={change('unit')} data-testid="offer-field-unit">
                {UNITS.map((unit) => (
                  <option key={unit} value={unit}>
                    {t(`unit.${unit}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>

        <FormField {...field('availableUntil')} label={t('form.availableUntil')} hint={t('form.availableUntilHint')}>
          {(control) => (
            <input {...control} type="date" value={values.availableUntil} onChange={change('availableUntil')} data-testid="offer-field-availableUntil" />
          )}
        </FormField>

        <fieldset
          className="fieldset delivery-fieldset"
          data-testid="offer-field-deliveryOptions"
          aria-describedby={deliveryError ? `${idPrefix}-deliveryOptions-error` : undefined}
        >
          <legend>{t('form.delivery')}</legend>
          <div className="choices">
            {DELIVERY_OPTIONS.map((option) => (
              <label key={option} className="choice">
                <input
                  type="checkbox"
                  name="deliveryOptions"
                  value={option}
                  checked={values.deliveryOptions.includes(option)}
                  aria-invalid={deliveryError ? true : undefined}
                  onChange={(event) => {
                    const on = event.target.checked;
                    setValues((current) => toggleDelivery(current, option, on));
                    clearError('deliveryOptions');
                  }}
                />
                {t(`delivery.${option}`)}
              </label>
            ))}
          </div>
          <FieldError id={`${idPrefix}-deliveryOptions-error`} name="deliveryOptions" message={deliveryError} />
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t('form.place')}</legend>
          <FormField {...field('settlement')} label={t('form.settlement')}>
            {(control) => <input {...control} value={values.settlement} onChange={change('settlement')} maxLength={120} data-testid="offer-field-settlement" />}
          </FormField>
          <FormField {...field('country')} label={t('form.country')}>
            {(control) => (
              <select {...control} value={values.country} onChange={change('country')} data-testid="offer-field-country">
                <option value="" disabled>
                  {t('form.chooseCountry')}
                </option>
                {countries.map(({ code, name }) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          {placeHasOblast(values) && (
            <FormField {...field('pcode')} label={t('form.pcode')}>
              {(control) => (
                <select {...control} value={values.pcode} onChange={change('pcode')} data-testid="offer-field-pcode">
                  <option value="">{t('form.noOblast')}</option>
                  {oblasts.map((oblast) => (
                    <option key={oblast.pcode} value={oblast.pcode}>
                      {oblastName(oblast, language)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          )}
        </fieldset>

        {previous && (
          <FormField {...field('status')} label={t('form.status')}>
            {(control) => (
              <select {...control} value={values.status} onChange={change('status')} data-testid="offer-field-status">
                {withCurrent(statuses, values.status).map((status) => (
                  <option key={status} value={status}>
                    {t(`status.${status as OfferStatus}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}

        <FormFooter
          saveError={saveError ? t('form.saveFailed', { message: saveError }) : null}
          saving={saving}
          submitLabel={t('form.save')}
          cancelLabel={t('form.cancel')}
          onCancel={() => leaveTo(cancelTo)}
          submitTestId="offer-save"
        />
      </form>
    </section>
  );
}

/** The offered codes, plus the current one when a stored offer uses one not in the list. */
function withCurrent<T extends string>(codes: readonly T[], current: string): readonly string[] {
  return current === '' || (codes as readonly string[]).includes(current) ? codes : [current, ...codes];
}
