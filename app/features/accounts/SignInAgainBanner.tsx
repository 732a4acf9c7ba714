import { useTranslation } from 'react-i18next';
import { openRoute } from '../../routes';

/**
 * Shown when the server answered 401 to sync (the session expired or was revoked): the changes
 * stay queued on the phone and go out once the member has signed in again.
 */
export function SignInAgainBanner() {
  const { t } = useTranslation('account');
  return (
    <div className="banner banner-signin" data-testid="signin-required-banner" role="alert">
      <p>{t('banner.signInRequired')}</p>
      <button type="button" className="button primary" data-testid="signin-again" onClick={() => openRoute({ name: 'sign-in' })}>
        {t('banner.signInAgain')}
      </button>
    </div>
  );
}
