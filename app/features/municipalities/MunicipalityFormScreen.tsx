import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MUNICIPALITY_KINDS } from '../../../domain/constants';
import type { Municipality } from '../../../domain/schemas/municipality';
import { FormFooter } from '../../components/FormFooter';
import { FieldError } from '../../components/FieldError';
import { FormField } from '../../components/FormField';
import { LanguagePicker } from '../../components/LanguagePicker';
import { TEXT_LANGUAGES } from '../../constants';
import { useLocalStore } from '../../db/LocalStoreProvider';
import { saveDocument } from '../../db/local-store';
import { useDocument } from '../../db/useDocuments';
import { languageName } from '../../i18n/format';
import { leaveTo } from '../../routes';
import { useActor } from '../../stores/session-store';
import {
  MAX_PARTNERS,
  addPartner,
  formToMunicipality,
  municipalityToForm,
  onLatest,
  removePartner,
  type MunicipalityFormError,
  type MunicipalityFormErrors,
  type MunicipalityFormField,
  type MunicipalityFormValues,
} from './municipality-form';
import { municipalityNames, municipalityPlace } from './municipality-place';
import { PartnerPicker } from './PartnerPicker';
import { mayEditMunicipality } from './useMunicipalityActions';
import { validateMunicipality } from './validate-municipality';
import './municipalities.css';
import { formChanged, useUnsavedForm } from '../../hooks/useUnsavedForm';

/** The coordinator's form for their municipality's profile and partner list. */
export function MunicipalityFormScreen({ id }: { id: Municipality['id'] }) {
  const { t } = useTranslation('municipalities');
  const actor = useActor();
  const { document: municipality, loading } = useDocument('municipalities', id);
  // The form starts from the municipality as it was when opened; a synced change meanwhile does not
  // overwrite what the coordinator is typing.
  const [opened, setOpened] = useState<Municipality | null>(null);
  if (municipality && !opened) setOpened(municipality);
  if (opened) {
    if (mayEditMunicipality(actor, opened)) return <MunicipalityForm previous={opened} latest={municipality ?? opened} />;
    return <Leave id={id} message={t('form.notAllowed')} testId="municipality-not-allowed" />;
  }
  if (loading) return <p className="screen loading">{t('loading', { ns: 'common' })}</p>;
  return <Leave id={id} message={t('profile.notFound')} testId="municipality-not-found" />;
}

function Leave({ id, message, testId }: { id: Municipality['id']; message: string; testId: string }) {
  const { t } = useTranslation('municipalities');
  return (
    <section className="screen">
      <p className="empty" data-testid={testId}>
        {message}
      </p>
      <button type="button" className="button" onClick={() => leaveTo({ name: 'municipality', id })}>
        {t('form.cancel')}
      </button>
    </section>
  );
}

/** `previous` is the municipality as the form was opened; `latest` as the phone holds it now (saving goes onto it). */
function MunicipalityForm({ previous, latest }: { previous: Municipality; latest: Municipality }) {
  const { t, i18n } = useTranslation('municipalities');
  const language = i18n.resolvedLanguage ?? 'en';
  const idPrefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const store = useLocalStore();
  const [initial] = useState<MunicipalityFormValues>(() => municipalityToForm(previous, language));
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<MunicipalityFormErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  useUnsavedForm(formChanged(initial, values));
  const { primary, secondary } = municipalityNames(previous, language);

  // After a refused submit, move focus to the first field that needs fixing.
  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const set = <F extends MunicipalityFormField>(field: F, value: MunicipalityFormValues[F]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  };
  const change = (field: 'profile' | 'profileLanguage' | 'population' | 'kind') => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    set(field, event.target.value);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    const result = formToMunicipality(values, previous, validateMunicipality);
    if (!result.ok) {
      setErrors(result.errors);
      setAttempt((count) => count + 1);
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      await saveDocument(store, 'municipalities', onLatest(previous, result.municipality, latest));
      leaveTo({ name: 'municipality', id: previous.id });
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
      setSaving(false);
    }
  };

  const message = (error: MunicipalityFormError | undefined) => (error ? t(`errors.${error.key}`, { max: error.count ?? 0 }) : undefined);
  const field = (name: MunicipalityFormField) => ({ idPrefix, name, error: message(errors[name]) });
  const testId = (name: MunicipalityFormField) => `municipality-field-${name}`;

  return (
    <section className="screen form-screen" aria-labelledby={`${idPrefix}-title`}>
      <form ref={formRef} className="form" data-testid="municipality-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <h2 id={`${idPrefix}-title`}>{t('form.title')}</h2>
        <div className="panel municipality-fixed">
          <p className="municipality-name">
            <span lang={primary.lang}>{primary.text}</span>
            {secondary && <span lang={secondary.lang} className="muted">{` · ${secondary.text}`}</span>}
          </p>
          <p className="muted small">{municipalityPlace(previous, language)}</p>
          <p className="small">{t('form.fixed')}</p>
        </div>
        <FieldError id={`${idPrefix}-form-error`} name="form" message={message(errors.form)} />

        <FormField {...field('profile')} label={t('form.profile')} hint={t('form.profileHint')}>
          {(control) => (
            <textarea
              {...control}
              data-testid={testId('profile')}
              value={values.profile}
              onChange={change('profile')}
              rows={6}
              maxLength={4000}
              lang={values.profileLanguage || undefined}
            />
          )}
        </FormField>

        <FormField {...field('profileLanguage')} label={t('form.profileLanguage')}>
          {(control) => (
            <select {...control} data-testid={testId('profileLanguage')} value={values.profileLanguage} onChange={change('profileLanguage')}>
              {withCurrent(TEXT_LANGUAGES, values.profileLanguage).map((code) => (
                <option key={code} value={code}>
                  {languageName(code, language)}
                </option>
              ))}
            </select>
          )}
        </FormField>

        <div data-testid={testId('languages')}>
          <LanguagePicker
            idPrefix={idPrefix}
            name="languages"
            legend={t('form.languages')}
            value={values.languages}
            onChange={(languages) => set('languages', languages)}
            error={message(errors.languages)}
          />
        </div>

        <div className="field-row">
          <FormField {...field('population')} label={t('form.population')} className="grow">
            {(control) => (
              <input
                {...control}
                data-testid={testId('population')}
                type="number"
                inputMode="numeric"
                min="0"
                step="1"
                value={values.population}
                onChange={change('population')}
              />
            )}
          </FormField>
          <FormField {...field('kind')} label={t('form.kind')} className="grow">
            {(control) => (
              <select {...control} data-testid={testId('kind')} value={values.kind} onChange={change('kind')}>
                {MUNICIPALITY_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`kind.${kind}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>

        <fieldset className="fieldset" data-testid={testId('partnerIds')} aria-describedby={`${idPrefix}-partners-hint`}>
          <legend>{t('form.partners')}</legend>
          <p id={`${idPrefix}-partners-hint`} className="hint small">
            {t('form.partnerLimit', { max: MAX_PARTNERS })}
          </p>
          <PartnerPicker
            idPrefix={idPrefix}
            selfId={previous.id}
            partnerIds={values.partnerIds}
            onAdd={(partnerId) => set('partnerIds', addPartner(values.partnerIds, partnerId, previous.id))}
            onRemove={(partnerId) => set('partnerIds', removePartner(values.partnerIds, partnerId))}
          />
          <FieldError id={`${idPrefix}-partnerIds-error`} name="partnerIds" message={message(errors.partnerIds)} />
        </fieldset>

        <FormFooter
          saveError={saveError ? t('form.saveFailed', { message: saveError }) : null}
          saving={saving}
          submitLabel={t('form.save')}
          cancelLabel={t('form.cancel')}
          onCancel={() => leaveTo({ name: 'municipality', id: previous.id })}
          submitTestId="municipality-save"
        />
      </form>
    </section>
  );
}

/** The offered codes, plus the current one when the stored profile uses a language not in the list. */
function withCurrent(codes: readonly string[], current: string): readonly string[] {
  return current === '' || codes.includes(current) ? codes : [current, ...codes];
}
