import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH, type Profile } from '../../../domain/account-protocol';
import { authApi } from '../../api/auth-api';
import { AccountError } from './AccountError';
import { FormField } from '../../components/FormField';
import { SignOutDialog } from './SignOutDialog';
import { useSignOut } from './useSignOut';
import { checkPasswordForm, passwordErrorsFromServer, type PasswordFormValues } from './account-forms';
import { findOblast, oblastName } from '../../geo/oblasts';
import { useAccountForm } from './useAccountForm';
import { navigate } from 'wouter/use-browser-location';
import { leaveTo, routeHref } from '../../routes';
import { countryName, municipalityName } from '../../i18n/format';
import { useProfile } from '../../stores/session-store';

/** The signed-in member: who they are, their municipality and its verification, the password and sign-out. */
export function AccountScreen() {
  const { t } = useTranslation('account');
  const profile = useProfile();
  const [signingOut, setSigningOut] = useState(false);
  if (!profile) return null;
  return (
    <section className="screen account-screen" aria-labelledby="account-heading">
      <div className="screen-heading">
        <h2 id="account-heading">{t('account.title')}</h2>
      </div>
      <AccountFacts profile={profile} />
      <ChangePasswordForm />
      <section className="panel" aria-labelledby="account-sign-out">
        <h3 id="account-sign-out">{t('account.signOutTitle')}</h3>
        <p className="muted small">{t('account.signOutHint')}</p>
        <button type="button" className="button" data-testid="sign-out-button" onClick={() => setSigningOut(true)}>
          {t('account.signOut')}
        </button>
      </section>
      <button type="button" className="button" onClick={() => leaveTo({ name: 'home' })}>
        {t('nav.back', { ns: 'common' })}
      </button>
      {signingOut && <SignOutOfPhone onCancel={() => setSigningOut(false)} />}
    </section>
  );
}

function AccountFacts({ profile }: { profile: Profile }) {
  const { t, i18n } = useTranslation('account');
  const language = i18n.resolvedLanguage ?? 'en';
  const { member, municipality } = profile;
  const oblast = municipality?.country === 'UA' ? findOblast(municipality.adm1) : undefined;
  const place = !municipality
    ? null
    : oblast
      ? oblastName(oblast, language)
      : `${municipality.adm1}, ${countryName(municipality.country, language)}`;
  const rejection = municipality?.verification.status === 'rejected' ? municipality.verification.reason : profile.rejection?.reason;
  return (
    <section className="panel" aria-labelledby="account-facts" data-testid="account-facts">
      <h3 id="account-facts">{member.displayName}</h3>
      <dl className="facts">
        <dt>{t('account.email')}</dt>
        <dd data-testid="account-email">{profile.email}</dd>
        <dt>{t('account.role')}</dt>
        <dd data-testid="account-role">{t(`role.${member.role}`)}</dd>
        <dt>{t('account.status')}</dt>
        <dd data-testid="account-status" data-status={member.status}>
          {t(`memberStatus.${member.status}`)}
        </dd>
        <dt>{t('account.municipality')}</dt>
        <dd data-testid="account-municipality">
          {municipality ? (
            <>
              {municipalityName(municipality, language)}
              {place && <span className="muted">{`, ${place}`}</span>}
            </>
          ) : (
            t('account.noMunicipality')
          )}
        </dd>
        {municipality && (
          <>
            <dt>{t('account.verification')}</dt>
            <dd data-testid="account-verification" data-status={municipality.verification.status}>
              {t(`verification.${municipality.verification.status}`)}
            </dd>
          </>
        )}
      </dl>
      {rejection && <p className="muted small">{t('account.rejectionReason', { reason: rejection })}</p>}
    </section>
  );
}

const EMPTY_PASSWORDS: PasswordFormValues = { currentPassword: '', newPassword: '' };

function ChangePasswordForm() {
  const { t } = useTranslation('account');
  const { idPrefix, values, problem, done, busy, change, field, onSubmit } = useAccountForm({
    initial: EMPTY_PASSWORDS,
    check: checkPasswordForm,
    send: (values) => authApi.changePassword(values),
    errorsFromServer: passwordErrorsFromServer,
    onSuccess: (_answer, { reset }) => reset(),
    // A reason shown next to its field is not repeated under the form.
    repeatFieldProblems: false,
  });
  const revoked = done?.revokedSessions ?? null;

  return (
    <section className="panel" aria-labelledby={`${idPrefix}-title`}>
      <form className="form" data-testid="change-password-form" onSubmit={onSubmit} noValidate>
        <h3 id={`${idPrefix}-title`}>{t('account.changePassword')}</h3>
        <FormField {...field('currentPassword')} label={t('account.currentPassword')}>
          {(control) => <input {...control} type="password" autoComplete="current-password" value={values.currentPassword} onChange={change('currentPassword')} />}
        </FormField>
        <FormField {...field('newPassword')} label={t('account.newPassword')} hint={t('register.passwordHint', { count: MIN_PASSWORD_LENGTH })}>
          {(control) => (
            <input {...control} type="password" autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} value={values.newPassword} onChange={change('newPassword')} />
          )}
        </FormField>
        <AccountError problem={problem} action="changePassword" data-testid="change-password-error" />
        {revoked !== null && (
          <p className="form-done" role="status" data-testid="change-password-done">
            {revoked > 0 ? `${t('account.passwordChanged')} ${t('account.otherDevicesSignedOut', { count: revoked })}` : t('account.passwordChanged')}
          </p>
        )}
        <button type="submit" className="button primary" data-testid="change-password-submit" disabled={busy}>
          {busy ? t('account.saving') : t('account.savePassword')}
        </button>
      </form>
    </section>
  );
}

/** The sign-out dialog on the phone's database (useSignOut); the app shows sign-in once it is done. */
function SignOutOfPhone({ onCancel }: { onCancel: () => void }) {
  const phone = useSignOut();
  const signOutAndLeave = useCallback(async () => {
    await phone.signOut();
    // Whoever signs in next starts at their home, not at this account's screen.
    navigate(routeHref({ name: 'home' }), { replace: true });
  }, [phone]);
  return (
    <SignOutDialog
      unsynced={phone.unsynced}
      syncFirst={() => phone.syncFirst()}
      saveToFile={() => phone.saveToFile()}
      fileError={phone.fileError}
      signOut={signOutAndLeave}
      onCancel={onCancel}
    />
  );
}
