import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../domain/account-protocol';
import { authApi } from '../api/auth-api';
import { ApiError } from '../api/http';
import { AccountError } from '../components/AccountError';
import { FieldError } from '../components/FieldError';
import { FormField } from '../components/FormField';
import { LanguagePicker } from '../components/LanguagePicker';
import { RouteLink } from '../components/RouteLink';
import { accountProblem, problemCode, type AccountProblem } from '../forms/account-errors';
import {
  checkJoinForm,
  emptyJoinForm,
  joinErrorsFromServer,
  toJoinRequest,
  type JoinErrors,
  type JoinField,
  type JoinFormValues,
} from '../forms/account-forms';
import { useFieldMessage } from '../hooks/useFieldMessage';
import { leaveTo } from '../hooks/useRoute';
import { useSetProfile } from '../stores/session-store';

type TextField = Exclude<JoinField, 'languages'>;

/**
 * Joining a municipality with the invitation code its coordinator gave: a new account and a
 * membership a moderator admits. `code` comes from a shared link (`#/join/<code>`).
 */
export function JoinScreen({ code = '' }: { code?: string }) {
  const { t, i18n } = useTranslation('account');
  const idPrefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const setProfile = useSetProfile();
  const message = useFieldMessage();
  const [values, setValues] = useState<JoinFormValues>(() => emptyJoinForm(i18n.resolvedLanguage ?? 'en', code));
  const [errors, setErrors] = useState<JoinErrors>({});
  const [problem, setProblem] = useState<AccountProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const invalidInvitation = problem !== null && problemCode(problem) === 'invalid-invitation';

  useEffect(() => {
    if (attempt === 0) return;
    const form = formRef.current;
    // An unknown code is the code's fault, even though the server does not name a field.
    const target = invalidInvitation ? form?.querySelector<HTMLElement>('[name="code"]') : form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    target?.focus();
  }, [attempt, invalidInvitation]);

  const set = <F extends JoinField>(field: F, value: JoinFormValues[F]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  };
  const change = (field: TextField) => (event: ChangeEvent<HTMLInputElement>) => set(field, event.target.value);
  const field = (name: JoinField) => ({ idPrefix, name, error: message(errors[name]) });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const found = checkJoinForm(values);
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) {
      setAttempt((count) => count + 1);
      return;
    }
    setBusy(true);
    try {
      setProfile(await authApi.acceptInvitation(toJoinRequest(values)));
      leaveTo({ name: 'needs' });
    } catch (error) {
      setProblem(accountProblem(error));
      if (error instanceof ApiError) setErrors(joinErrorsFromServer(error.details));
      setAttempt((count) => count + 1);
      setBusy(false);
    }
  };

  return (
    <section className="screen account-screen" aria-labelledby={`${idPrefix}-title`}>
      <form ref={formRef} className="form" data-testid="join-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <h2 id={`${idPrefix}-title`}>{t('join.title')}</h2>
        <p className="hint">{t('join.intro')}</p>
        <FormField {...field('code')} label={t('join.code')}>
          {(control) => (
            <input
              {...control}
              autoComplete="one-time-code"
              autoCapitalize="characters"
              spellCheck={false}
              value={values.code}
              onChange={change('code')}
              aria-invalid={control['aria-invalid'] ?? (invalidInvitation || undefined)}
            />
          )}
        </FormField>
        <FormField {...field('displayName')} label={t('join.displayName')}>
          {(control) => <input {...control} autoComplete="name" value={values.displayName} onChange={change('displayName')} />}
        </FormField>
        <LanguagePicker
          idPrefix={idPrefix}
          name="languages"
          legend={t('join.languages')}
          value={values.languages}
          onChange={(languages) => set('languages', languages)}
          error={message(errors.languages)}
        />
        <FormField {...field('email')} label={t('join.email')}>
          {(control) => (
            <input {...control} type="email" inputMode="email" autoComplete="email" autoCapitalize="none" spellCheck={false} value={values.email} onChange={change('email')} />
          )}
        </FormField>
        <FormField {...field('password')} label={t('join.password')} hint={t('register.passwordHint', { count: MIN_PASSWORD_LENGTH })}>
          {(control) => (
            <input {...control} type="password" autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} value={values.password} onChange={change('password')} />
          )}
        </FormField>
        <FieldError id={`${idPrefix}-form-error`} name="form" message={message(errors.form)} />
        <AccountError problem={problem} action="join" data-testid={invalidInvitation ? 'invalid-invitation' : 'join-error'} />
        <button type="submit" className="button primary" data-testid="join-submit" disabled={busy}>
          {busy ? t('join.submitting') : t('join.submit')}
        </button>
      </form>
      <nav className="account-links" aria-label={t('join.haveAccount')}>
        <p className="muted">{t('join.haveAccount')}</p>
        <RouteLink route={{ name: 'sign-in' }} className="button" data-testid="signin-link">
          {t('join.signIn')}
        </RouteLink>
      </nav>
    </section>
  );
}
