import { useTranslation } from 'react-i18next';
import { leaveTo } from '../hooks/useRoute';
import { Icon } from './Icon';
import { LanguageSelect } from './LanguageSelect';
import { RouteLink } from './RouteLink';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { UpdatePrompt } from './UpdatePrompt';

type Props = {
  /** The signed-in member's municipality (a moderator's own name), null when nobody is signed in. */
  municipalityName: string | null;
  /** Offer a way back to the list (every screen but the list itself). */
  showBack: boolean;
  showSettings: boolean;
  /** The sync state means something only once someone is signed in (there is no sync before). */
  showSync: boolean;
};

/** Shown on every screen: the app, the municipality, the language switch, the sync state and app updates. */
export function AppHeader({ municipalityName, showBack, showSettings, showSync }: Props) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <div className="header-row">
        {showBack && (
          <button type="button" className="icon-button" aria-label={t('nav.back')} onClick={() => leaveTo({ name: 'needs' })}>
            <Icon name="back" />
          </button>
        )}
        <h1 className="brand">
          <span className="brand-name">{t('appName')}</span>
          {municipalityName && <span className="brand-municipality">{municipalityName}</span>}
        </h1>
        <LanguageSelect />
        {showSettings && (
          <RouteLink route={{ name: 'settings' }} className="icon-button" aria-label={t('nav.settings')} data-testid="settings-link">
            <Icon name="settings" />
          </RouteLink>
        )}
      </div>
      {showSync && <SyncIndicator />}
      {/* Inside the sticky header, a notice never covers the content's buttons. */}
      <UpdatePrompt />
    </header>
  );
}
