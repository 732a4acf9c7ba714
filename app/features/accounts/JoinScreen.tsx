import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../../domain/account-protocol';
import { authApi } from '../../api/auth-api';
import { AccountError } from './AccountError';
import { FieldError } from '../../components/FieldError';
import { FormField } from '../../components/FormField';
import { LanguagePicker } from '../../components/LanguagePicker';
import { RouteLink } from '../../components/RouteLink';
import { problemCode } from './account-errors';
import { checkJoinForm, emptyJoinForm, joinErrorsFromServer, toJoinRequest } from './account-forms';
import { useAccountForm } from './useAccountForm';
import { leaveTo } from '../../routes';
import { useSetProfile } from '../../stores/session-store';

/**
 * Joining a municipality with the invitation code its coordinator gave: a new account and a
 * membership a moderator admits. `code` comes from a shared link (`#/join/<code>`).
 */
export function JoinScreen({ code = '' }: { code?: string }) {
  const { t, i18n } = useTranslation('account');
  const setProfile = useSetProfile();
  const { idPrefix, formRef, values, problem, busy, set, change, errorOf, field, onSubmit } = useAccountForm({
    initial: () => emptyJoinForm(i18n.resolvedLanguage ?? 'en', code),
    check: checkJoinForm,
    send: (values) => authApi.acceptInvitation(toJoinRequest(values)),
    errorsFromServer: joinErrorsFromServer,
    onSuccess: (profile) => {
      setProfile(profile);
      leaveTo({ name: 'home' });
    },
  });
  const invalidInvitation = problem !== null && problemCode(problem) === 'invalid-invitation';

  return (
    <section className="screen account-screen" aria-labelledby={`${idPrefix}-title`}>
      <form ref={formRef} className="form" data-testid="join-form" onSubmit={onSubmit} noValidate>
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
              // An unknown code is the code's fault, even though the server does not name a field;
              // being the first field, it is also where the focus goes.
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
          error={errorOf('languages')}
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
        <FieldError id={`${idPrefix}-form-error`} name="form" message={errorOf('form')} />
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
