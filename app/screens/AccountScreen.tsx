import { useCallback, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH, type Profile } from '../../domain/account-protocol';
import { authApi } from '../api/auth-api';
import { ApiError } from '../api/http';
import { AccountError } from '../components/AccountError';
import { FormField } from '../components/FormField';
import { SignOutDialog } from '../components/SignOutDialog';
import { useSignOut } from '../db/useSignOut';
import { accountProblem, type AccountProblem } from '../forms/account-errors';
import { checkPasswordForm, passwordErrorsFromServer, type PasswordErrors, type PasswordField, type PasswordFormValues } from '../forms/account-forms';
import { findOblast, oblastName } from '../geo/oblasts';
import { useFieldMessage } from '../hooks/useFieldMessage';
import { leaveTo } from '../hooks/useRoute';
import { countryName, municipalityName } from '../i18n/format';
import { useProfile } from '../stores/session-store';

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
      <button type="button" className="button" onClick={() => leaveTo({ name: 'needs' })}>
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
  const idPrefix = useId();
  const message = useFieldMessage();
  const [values, setValues] = useState(EMPTY_PASSWORDS);
  const [errors, setErrors] = useState<PasswordErrors>({});
  const [problem, setProblem] = useState<AccountProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [revoked, setRevoked] = useState<number | null>(null);

  const change = (field: PasswordField) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const found = checkPasswordForm(values);
    setErrors(found);
    setProblem(null);
    setRevoked(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const { revokedSessions } = await authApi.changePassword(values);
      setValues(EMPTY_PASSWORDS);
      setRevoked(revokedSessions);
    } catch (error) {
      const onFields = error instanceof ApiError ? passwordErrorsFromServer(error.details) : {};
      setErrors(onFields);
      // A reason shown next to its field is not repeated under the form.
      setProblem(Object.keys(onFields).length > 0 ? null : accountProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby={`${idPrefix}-title`}>
      <form className="form" data-testid="change-password-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <h3 id={`${idPrefix}-title`}>{t('account.changePassword')}</h3>
        <FormField idPrefix={idPrefix} name="currentPassword" label={t('account.currentPassword')} error={message(errors.currentPassword)}>
          {(control) => (
            <input {...control} type="password" autoComplete="current-password" value={values.currentPassword} onChange={(event) => change('currentPassword')(event.target.value)} />
          )}
        </FormField>
        <FormField
          idPrefix={idPrefix}
          name="newPassword"
          label={t('account.newPassword')}
          error={message(errors.newPassword)}
          hint={t('register.passwordHint', { count: MIN_PASSWORD_LENGTH })}
        >
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              minLength={MIN_PASSWORD_LENGTH}
              value={values.newPassword}
              onChange={(event) => change('newPassword')(event.target.value)}
            />
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
    // Whoever signs in next starts at the list, not at this account's screen.
    window.location.replace('#/');
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
