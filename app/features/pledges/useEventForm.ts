/**
 * The state of a pledge-event form: its values, the errors of the last attempt (focus moves to the
 * first invalid field), and saving the event it builds on the phone. Saving is local: it works
 * offline and the event syncs later.
 */
import { useCallback, useEffect, useState, type ChangeEvent, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalStore } from '../../db/LocalStoreProvider';
import { formatCalendarDate, formatNumber } from '../../i18n/format';
import type { EventFormError, FormErrors, FormResult } from './pledge-event-forms';
import { savePledgeEvent } from './save-pledge-event';
import type { PledgeEvent } from '../../../domain/schemas/pledge-event';
import { formChanged, useUnsavedForm } from '../../hooks/useUnsavedForm';

export type EventForm<Values extends Record<string, string>, Field extends keyof Values & string> = {
  values: Values;
  errors: FormErrors<Field>;
  saving: boolean;
  saveError: string | null;
  change: (field: Field) => (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
  submit: (event: FormEvent<HTMLFormElement>) => void;
  /** The translated error of a field (or of the whole form: `'form'`), if any. */
  message: (field: Field | 'form') => string | undefined;
};

/** `formRef` is the form element's ref (focus goes to its first invalid field after a refused attempt). */
export function useEventForm<Values extends Record<string, string>, Field extends keyof Values & string>(
  formRef: RefObject<HTMLFormElement | null>,
  initial: () => Values,
  build: (values: Values) => FormResult<Field>,
  onSaved: () => void,
  /** Runs once the event is saved (e.g. saving the photos it names, which must follow their owner). */
  afterSave?: (event: PledgeEvent) => Promise<unknown>,
): EventForm<Values, Field> {
  const store = useLocalStore();
  const describe = useEventErrorText();
  const [opened] = useState<Values>(initial);
  const [values, setValues] = useState<Values>(opened);
  const [errors, setErrors] = useState<FormErrors<Field>>({});
  const [attempt, setAttempt] = useState(0);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  useUnsavedForm(formChanged(opened, values));

  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt, formRef]);

  const change = useCallback(
    (field: Field) => (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      const value = event.target.value;
      setValues((current) => ({ ...current, [field]: value }));
      setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
    },
    [],
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    const result = build(values);
    if (!result.ok) {
      setErrors(result.errors);
      setAttempt((count) => count + 1);
      return;
    }
    setSaving(true);
    setSaveError(null);
    const saved = result.event;
    savePledgeEvent(store, saved)
      .then((written) => afterSave?.(written))
      .then(onSaved, (error: unknown) => {
      setSaveError(error instanceof Error ? error.message : String(error));
      setSaving(false);
    });
  };

  const message = (field: Field | 'form') => {
    const error = errors[field];
    return error ? describe(error) : undefined;
  };
  return { values, errors, saving, saveError, change, submit, message };
}

/** An event form's error in words. */
export function useEventErrorText(): (error: EventFormError) => string {
  const { t, i18n } = useTranslation('pledges');
  const language = i18n.resolvedLanguage ?? 'en';
  return (error) => {
    switch (error.key) {
      case 'tooSmall':
        return t('errors.tooSmall', { min: formatNumber(error.min, language) });
      case 'tooLong':
        return t('errors.tooLong', { count: error.count });
      case 'tooShort':
        return t('errors.tooShort', { count: error.count });
      case 'notLater':
        return t('errors.notLater', { date: formatCalendarDate(error.date, language) });
      default:
        return t(`errors.${error.key}`);
    }
  };
}
