import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../../domain/account-protocol';
import { MUNICIPALITY_KINDS } from '../../../domain/constants';
import { authApi } from '../../api/auth-api';
import { AccountError } from './AccountError';
import { FieldError } from '../../components/FieldError';
import { FormField } from '../../components/FormField';
import { LanguagePicker } from '../../components/LanguagePicker';
import { RouteLink } from '../../components/RouteLink';
import { REGISTRATION_COUNTRIES } from '../../constants';
import { UKRAINE, checkRegisterForm, emptyRegisterForm, registerErrorsFromServer, toRegisterRequest } from './account-forms';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { OblastSelect } from '../../components/OblastSelect';
import { useAccountForm } from './useAccountForm';
import { leaveTo } from '../../routes';
import { countryName } from '../../i18n/format';
import { useSetProfile } from '../../stores/session-store';

/** Decimal places kept from the phone's position: about 10 m, enough to place a municipality. */
const POSITION_DECIMALS = 4;

/** Registering a municipality and its first member (both wait for a moderator). Needs a connection. */
export function RegisterScreen() {
  const { t, i18n } = useTranslation('account');
  const language = i18n.resolvedLanguage ?? 'en';
  const setProfile = useSetProfile();
  const { idPrefix, formRef, values, problem, busy, set, change, errorOf, field, onSubmit } = useAccountForm({
    initial: () => emptyRegisterForm(language),
    check: checkRegisterForm,
    send: (values) => authApi.register(toRegisterRequest(values)),
    errorsFromServer: (details, values) => registerErrorsFromServer(details, values.country),
    onSuccess: (profile) => {
      setProfile(profile);
      leaveTo({ name: 'home' });
    },
  });
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const ukrainian = values.country === UKRAINE;

  const countries = useMemo(() => {
    const collator = new Intl.Collator(language);
    const [first, ...rest] = REGISTRATION_COUNTRIES;
    return [first, ...rest.sort((a, b) => collator.compare(countryName(a, language), countryName(b, language)))];
  }, [language]);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setLocating('failed');
      return;
    }
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        set('lat', position.coords.latitude.toFixed(POSITION_DECIMALS));
        set('lon', position.coords.longitude.toFixed(POSITION_DECIMALS));
        setLocating('idle');
      },
      () => setLocating('failed'),
      { enableHighAccuracy: false, timeout: 20_000, maximumAge: 10 * 60_000 },
    );
  };

  return (
    <section className="screen account-screen" aria-labelledby={`${idPrefix}-title`}>
      <form ref={formRef} className="form" data-testid="register-form" onSubmit={onSubmit} noValidate>
        <h2 id={`${idPrefix}-title`}>{t('register.title')}</h2>
        <p className="hint">{t('register.intro')}</p>

        <fieldset className="fieldset">
          <legend>{t('register.municipality')}</legend>
          <FormField {...field('nameUk')} label={t('register.nameUk')}>
            {(control) => <input {...control} lang="uk" autoComplete="organization" value={values.nameUk} onChange={change('nameUk')} />}
          </FormField>
          <FormField {...field('nameLatin')} label={t('register.nameLatin')} hint={t('register.nameLatinHint')}>
            {(control) => <input {...control} autoComplete="off" value={values.nameLatin} onChange={change('nameLatin')} />}
          </FormField>
          <FormField {...field('country')} label={t('register.country')}>
            {(control) => (
              <select {...control} autoComplete="country" value={values.country} onChange={change('country')}>
                {countries.map((code) => (
                  <option key={code} value={code}>
                    {countryName(code, language)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          {ukrainian ? (
            <FormField {...field('oblast')} label={t('register.oblast')}>
              {(control) => (
                <OblastSelect control={control} value={values.oblast} onChange={change('oblast')} placeholder={t('register.chooseOblast')} language={language} />
              )}
            </FormField>
          ) : (
            <>
              <FormField {...field('adm1')} label={t('register.adm1')} hint={t('register.adm1Hint')}>
                {(control) => (
                  <input
                    {...control}
                    autoCapitalize="characters"
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={6}
                    placeholder={`${values.country}-`}
                    value={values.adm1}
                    onChange={change('adm1')}
                  />
                )}
              </FormField>
              <fieldset className="fieldset">
                <legend>{t('register.location')}</legend>
                <div className="field-row">
                  <FormField {...field('lat')} label={t('register.latitude')} className="grow">
                    {(control) => <input {...control} type="text" inputMode="decimal" autoComplete="off" value={values.lat} onChange={change('lat')} />}
                  </FormField>
                  <FormField {...field('lon')} label={t('register.longitude')} className="grow">
                    {(control) => <input {...control} type="text" inputMode="decimal" autoComplete="off" value={values.lon} onChange={change('lon')} />}
                  </FormField>
                </div>
                <button type="button" className="button" data-testid="use-position" onClick={locate} disabled={locating === 'busy'}>
                  {locating === 'busy' ? t('register.locating') : t('register.usePosition')}
                </button>
                {locating === 'failed' && (
                  <p className="field-error" role="alert">
                    {t('register.positionFailed')}
                  </p>
                )}
              </fieldset>
            </>
          )}
          <FormField {...field('kind')} label={t('register.kind')}>
            {(control) => (
              <ChoiceSelect
                control={control}
                value={values.kind}
                onChange={change('kind')}
                placeholder={t('register.chooseKind')}
                choices={MUNICIPALITY_KINDS}
                labelOf={(kind) => t(`kind.${kind}`)}
              />
            )}
          </FormField>
          <FormField {...field('population')} label={t('register.population')}>
            {(control) => <input {...control} type="text" inputMode="numeric" autoComplete="off" value={values.population} onChange={change('population')} />}
          </FormField>
          <LanguagePicker
            idPrefix={idPrefix}
            name="municipalityLanguages"
            legend={t('register.municipalityLanguages')}
            value={values.municipalityLanguages}
            onChange={(languages) => set('municipalityLanguages', languages)}
            error={errorOf('municipalityLanguages')}
          />
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t('register.you')}</legend>
          <FormField {...field('displayName')} label={t('register.displayName')} hint={t('register.displayNameHint')}>
            {(control) => <input {...control} autoComplete="name" value={values.displayName} onChange={change('displayName')} />}
          </FormField>
          <LanguagePicker
            idPrefix={idPrefix}
            name="memberLanguages"
            legend={t('register.memberLanguages')}
            value={values.memberLanguages}
            onChange={(languages) => set('memberLanguages', languages)}
            error={errorOf('memberLanguages')}
          />
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t('register.account')}</legend>
          <FormField {...field('email')} label={t('register.email')}>
            {(control) => (
              <input {...control} type="email" inputMode="email" autoComplete="email" autoCapitalize="none" spellCheck={false} value={values.email} onChange={change('email')} />
            )}
          </FormField>
          <FormField {...field('password')} label={t('register.password')} hint={t('register.passwordHint', { count: MIN_PASSWORD_LENGTH })}>
            {(control) => (
              <input {...control} type="password" autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} value={values.password} onChange={change('password')} />
            )}
          </FormField>
        </fieldset>

        <FieldError id={`${idPrefix}-form-error`} name="form" message={errorOf('form')} />
        <AccountError problem={problem} action="register" data-testid="register-error" />
        <button type="submit" className="button primary" data-testid="register-submit" disabled={busy}>
          {busy ? t('register.submitting') : t('register.submit')}
        </button>
      </form>
      <nav className="account-links" aria-label={t('register.haveAccount')}>
        <p className="muted">{t('register.haveAccount')}</p>
        <RouteLink route={{ name: 'sign-in' }} className="button" data-testid="signin-link">
          {t('register.signIn')}
        </RouteLink>
      </nav>
    </section>
  );
}
