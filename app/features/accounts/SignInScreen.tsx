import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth-api';
import { AccountError } from './AccountError';
import { FormField } from '../../components/FormField';
import { RouteLink } from '../../components/RouteLink';
import { accountProblem, type AccountProblem } from './account-errors';
import { leaveTo } from '../../routes';
import { useConnectionStore } from '../../stores/connection-store';
import { useProfile, useSetProfile } from '../../stores/session-store';

type Field = 'email' | 'password';

/**
 * Signing in: the first screen without a profile, with the ways to register or join. With a
 * profile it is "sign in again" after the server ended the session (the email filled in); the
 * changes waiting on the phone are sent once it succeeds.
 */
export function SignInScreen() {
  const { t } = useTranslation('account');
  const idPrefix = useId();
  const profile = useProfile();
  const again = profile !== null;
  const setProfile = useSetProfile();
  const [email, setEmail] = useState(profile?.email ?? '');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<Partial<Record<Field, boolean>>>({});
  const [problem, setProblem] = useState<AccountProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const empty = { email: email.trim() === '', password: password === '' };
    setMissing(empty);
    if (empty.email || empty.password) return;
    setBusy(true);
    setProblem(null);
    try {
      const signedIn = await authApi.login({ email: email.trim(), password });
      setProfile(signedIn);
      useConnectionStore.getState().setSignInRequired(false);
      leaveTo({ name: 'home' });
    } catch (error) {
      setProblem(accountProblem(error));
      setBusy(false);
    }
  };

  const required = (field: Field) => (missing[field] ? t('fieldErrors.required') : undefined);

  return (
    <section className="screen account-screen" aria-labelledby={`${idPrefix}-title`}>
      <form className="form" data-testid="signin-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <h2 id={`${idPrefix}-title`}>{again ? t('signIn.againTitle') : t('signIn.title')}</h2>
        <p className="hint">{again ? t('signIn.againIntro') : t('signIn.intro')}</p>
        <FormField idPrefix={idPrefix} name="email" label={t('signIn.email')} error={required('email')}>
          {(control) => (
            <input
              {...control}
              type="email"
              inputMode="email"
              autoComplete="email"
              autoCapitalize="none"
              spellCheck={false}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </FormField>
        <FormField idPrefix={idPrefix} name="password" label={t('signIn.password')} error={required('password')}>
          {(control) => (
            <input {...control} type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} />
          )}
        </FormField>
        <AccountError problem={problem} action="signIn" data-testid="signin-error" />
        <div className="form-actions">
          <button type="submit" className="button primary" data-testid="signin-submit" disabled={busy}>
            {busy ? t('signIn.submitting') : t('signIn.submit')}
          </button>
          {again && (
            <button type="button" className="button" onClick={() => leaveTo({ name: 'home' })}>
              {t('signIn.notNow')}
            </button>
          )}
        </div>
      </form>
      {!again && (
        <nav className="account-links" aria-label={t('signIn.newHere')}>
          <p className="muted">{t('signIn.newHere')}</p>
          <RouteLink route={{ name: 'register' }} className="button" data-testid="register-link">
            {t('signIn.register')}
          </RouteLink>
          <RouteLink route={{ name: 'join' }} className="button" data-testid="join-link">
            {t('signIn.join')}
          </RouteLink>
        </nav>
      )}
    </section>
  );
}
