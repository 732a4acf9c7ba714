import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, UNITS, URGENCIES, type NeedStatus } from '../../../domain/constants';
import type { Need } from '../../../domain/schemas/need';
import { FormFooter } from '../../components/FormFooter';
import { FieldError } from '../../components/FieldError';
import { FormField } from '../../components/FormField';
import { TEXT_LANGUAGES } from '../../constants';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { OblastSelect } from '../../components/OblastSelect';
import { newId } from '../../db/ids';
import { useNeed } from './useNeeds';
import { useSaveNeed } from './useSaveNeed';
import {
  QUANTITY_OPTIONAL_CATEGORY,
  formToNeed,
  needToForm,
  newNeedForm,
  statusChoices,
  type FormError,
  type FormErrors,
  type NeedFormField,
  type NeedFormValues,
} from './need-form';
import { validateNeed } from '../../forms/validate';
import { allowedNeedStatuses, canPostNeed, needActions } from './useNeedActions';
import { leaveTo } from '../../routes';
import { leaveFormFor } from './need-navigation';
import { languageName, municipalityName } from '../../i18n/format';
import { useProfile } from '../../stores/session-store';
import { formChanged, useUnsavedForm } from '../../hooks/useUnsavedForm';
import { useLocalStore } from '../../db/LocalStoreProvider';
import { withDraft, type NeedDraft, type NeedDraftKey } from './need-draft';
import { removeNeedDraft, useNeedDraftWriter, useStoredNeedDraft } from './useNeedDraft';

/** Creates a need (no `needId`) or edits the need with that id, as far as the member may. */
export function NeedFormScreen({ needId }: { needId?: Need['id'] }) {
  return needId === undefined ? <NewNeed /> : <EditNeed id={needId} />;
}

function NewNeed() {
  const { i18n } = useTranslation();
  const profile = useProfile();
  const [initial] = useState(() => {
    const language = i18n.resolvedLanguage ?? 'uk';
    const municipality = profile?.municipality;
    // A new need starts where the municipality is, published at once when the member may publish.
    return newNeedForm({
      language,
      settlement: municipality ? municipalityName(municipality, language) : '',
      pcode: municipality?.country === 'UA' ? municipality.adm1 : '',
      status: allowedNeedStatuses(profile, undefined, statusChoices(undefined))[0] ?? 'draft',
    });
  });
  const [freshId] = useState(newId);
  const { draft, loading } = useStoredNeedDraft('new');
  if (!canPostNeed(profile)) return <NotAllowed />;
  if (loading) return <Loading />;
  // A restored draft keeps the id it started with.
  return <NeedForm id={draft?.id ?? freshId} initial={initial} draftKey="new" draft={draft} />;
}

function Loading() {
  const { t } = useTranslation('needs');
  return <p className="screen">{t('loading', { ns: 'common' })}</p>;
}

function EditNeed({ id }: { id: Need['id'] }) {
  const { t } = useTranslation('needs');
  const profile = useProfile();
  const { need, loading } = useNeed(id);
  const stored = useStoredNeedDraft(id);
  // The form starts from the need as it was when opened; a synced change meanwhile does not
  // overwrite what the user is typing (the merge combines both when the edit is pushed).
  const [opened, setOpened] = useState<Need | null>(null);
  if (need && !opened) setOpened(need);
  if (opened && stored.loading) return <Loading />;
  if (opened) {
    return needActions(profile, opened).update ? <NeedForm id={id} initial={needToForm(opened)} previous={opened} draftKey={id} draft={stored.draft} /> : <NotAllowed />;
  }
  if (loading) return <p className="screen">{t('loading', { ns: 'common' })}</p>;
  return (
    <section className="screen">
      <p className="empty">{t('form.notFound')}</p>
      <button type="button" className="button" onClick={() => leaveTo({ name: 'needs' })}>
        {t('form.cancel')}
      </button>
    </section>
  );
}

/** Reached by a link the member may not use (another municipality's need, a moderator posting). */
function NotAllowed() {
  const { t } = useTranslation('needs');
  return (
    <section className="screen">
      <p className="empty" data-testid="need-not-allowed">
        {t('form.notAllowed')}
      </p>
      <button type="button" className="button" onClick={() => leaveTo({ name: 'needs' })}>
        {t('form.cancel')}
      </button>
    </section>
  );
}

type FormProps = {
  id: Need['id'];
  /** The form as it opened (what "unsaved" is measured against). */
  initial: NeedFormValues;
  previous?: Need;
  draftKey: NeedDraftKey;
  /** What the member typed last time and did not save (the tab was closed, the browser died). */
  draft: NeedDraft | null;
};

function NeedForm({ id, initial, previous, draftKey, draft }: FormProps) {
  const { t, i18n } = useTranslation('needs');
  const language = i18n.resolvedLanguage ?? 'en';
  const idPrefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const profile = useProfile();
  const saveNeed = useSaveNeed();
  // Statuses the rules let this member save: a pending member of a verified municipality keeps drafts.
  const legalStatuses = statusChoices(previous?.status);
  const statuses = useMemo(() => allowedNeedStatuses(profile, previous, statusChoices(previous?.status)), [profile, previous]);
  const withheld = statuses.length < legalStatuses.length;
  const store = useLocalStore();
  const [values, setValues] = useState(() => withDraft(initial, draft));
  const [restoredShown, setRestoredShown] = useState(draft !== null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  useUnsavedForm(formChanged(initial, values));
  const draftState = useNeedDraftWriter(draftKey, id, initial, values, !saving);

  // After a refused submit, move focus to the first field that needs fixing.
  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const change = (field: NeedFormField) => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => {
    const value = event.target.value;
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving || !profile) return;
    const result = formToNeed(values, { id, municipalityId: profile.actor.municipalityId, previous, allowedStatuses: statuses }, validateNeed);
    if (!result.ok) {
      setErrors(result.errors);
      setAttempt((count) => count + 1);
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      await saveNeed(result.need);
      // Saved: the draft is no longer the member's only copy (a draft left by a crash here is dropped when found, see need-draft.ts).
      await removeNeedDraft(store, draftKey).catch((error: unknown) => store.backgroundErrors.next(error));
      leaveFormFor({ name: 'need', id });
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
      setSaving(false);
    }
  };

  const message = (error: FormError | undefined) => (error ? t(`errors.${error.key}`, { count: error.count ?? 0 }) : undefined);
  const field = (name: NeedFormField) => ({ idPrefix, name, error: message(errors[name]) });
  const quantityOptional = values.category === QUANTITY_OPTIONAL_CATEGORY;

  return (
    // The heading's id must not be `${idPrefix}-title`: that is the title field's, whose label it would steal.
    <section className="screen form-screen" aria-labelledby={`${idPrefix}-heading`}>
      <form ref={formRef} className="form" data-testid="need-form" data-draft={draftState} onSubmit={(event) => void onSubmit(event)} noValidate>
        <h2 id={`${idPrefix}-heading`}>{previous ? t('form.editTitle') : t('form.newTitle')}</h2>
        {restoredShown && (
          <div className="banner" role="status" data-testid="need-draft-restored">
            <p>{t('form.draftRestored')}</p>
            <button
              type="button"
              className="button"
              data-testid="need-draft-discard"
              onClick={() => {
                setValues(initial);
                setRestoredShown(false);
              }}
            >
              {t('form.discardDraft')}
            </button>
          </div>
        )}
        <FieldError id={`${idPrefix}-form-error`} name="form" message={message(errors.form)} />

        <FormField {...field('category')} label={t('form.category')}>
          {(control) => (
            <ChoiceSelect
              control={control}
              value={values.category}
              onChange={change('category')}
              placeholder={t('form.chooseCategory')}
              choices={CATEGORIES}
              labelOf={(category) => t(`category.${category}`)}
            />
          )}
        </FormField>

        <FormField {...field('title')} label={t('form.title')}>
          {(control) => <input {...control} value={values.title} onChange={change('title')} maxLength={140} lang={values.language} />}
        </FormField>

        <FormField {...field('description')} label={t('form.description')}>
          {(control) => (
            <textarea {...control} value={values.description} onChange={change('description')} rows={4} maxLength={4000} lang={values.language} />
          )}
        </FormField>

        <FormField {...field('language')} label={t('form.language')}>
          {(control) => (
            <select {...control} value={values.language} onChange={change('language')}>
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
              <input {...control} type="number" inputMode="decimal" min="0" step="any" value={values.quantity} onChange={change('quantity')} />
            )}
          </FormField>
          <FormField {...field('unit')} label={t('form.unit')} className="grow">
            {(control) => (
              <select {...control} value={values.unit} onChange={change('unit')}>
                {UNITS.map((unit) => (
                  <option key={unit} value={unit}>
                    {t(`unit.${unit}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>

        <div className="field-row">
          <FormField {...field('urgency')} label={t('form.urgency')} className="grow">
            {(control) => (
              <select {...control} value={values.urgency} onChange={change('urgency')}>
                {URGENCIES.map((urgency) => (
                  <option key={urgency} value={urgency}>
                    {t(`urgency.${urgency}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField {...field('neededBy')} label={t('form.neededBy')} className="grow">
            {(control) => <input {...control} type="date" value={values.neededBy} onChange={change('neededBy')} />}
          </FormField>
        </div>

        <fieldset className="fieldset">
          <legend>{t('form.place')}</legend>
          <FormField {...field('settlement')} label={t('form.settlement')}>
            {(control) => <input {...control} value={values.settlement} onChange={change('settlement')} maxLength={120} />}
          </FormField>
          <FormField {...field('pcode')} label={t('form.pcode')}>
            {(control) => (
              <OblastSelect control={control} value={values.pcode} onChange={change('pcode')} placeholder={t('form.chooseOblast')} language={language} />
            )}
          </FormField>
        </fieldset>

        <FormField {...field('status')} label={t('form.status')} hint={withheld ? t('form.draftOnly') : undefined}>
          {(control) => (
            <select {...control} value={values.status} onChange={change('status')}>
              {statuses.map((status: NeedStatus) => (
                <option key={status} value={status}>
                  {t(`status.${status}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>

        <FormFooter
          saveError={saveError ? t('form.saveFailed', { message: saveError }) : null}
          saving={saving}
          submitLabel={t('form.save')}
          cancelLabel={t('form.cancel')}
          onCancel={() => {
            removeNeedDraft(store, draftKey).catch((error: unknown) => store.backgroundErrors.next(error));
            leaveTo(previous ? { name: 'need', id } : { name: 'needs' });
          }}
          submitTestId="need-save"
        />
      </form>
    </section>
  );
}

/** The offered codes, plus the current one when a synced need uses a language not in the list. */
function withCurrent(codes: readonly string[], current: string): readonly string[] {
  return current === '' || codes.includes(current) ? codes : [current, ...codes];
}
