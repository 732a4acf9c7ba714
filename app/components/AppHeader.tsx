import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { leaveTo, type Route } from '../routes';
import { Icon } from './Icon';
import { LanguageSelect } from './LanguageSelect';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { useProfile } from '../stores/session-store';
import { UpdatePrompt } from './UpdatePrompt';

// Loaded with the signed-in screens, not with the first page a newcomer sees (it needs the database).
const NotificationsBell = lazy(() => import('../features/notifications').then((module) => ({ default: module.NotificationsBell })));

type Props = {
  /** The signed-in member's municipality (a moderator's own name), null when nobody is signed in. */
  municipalityName: string | null;
  /** Where the back arrow leads (the screen above this one), or null on the top-level screens. */
  back: Route | null;
  /** Someone is signed in: the sync state and the notifications bell mean something only then. */
  showSync: boolean;
};

/**
 * Shown on every screen: the app, the municipality, the notifications bell, the language switch, the
 * sync state and app updates.
 */
export function AppHeader({ municipalityName, back, showSync }: Props) {
  const { t } = useTranslation();
  const memberId = useProfile()?.member.id ?? null;
  return (
    <header className="app-header">
      <div className="header-row">
        {back && (
          <button type="button" className="icon-button" aria-label={t('nav.back')} data-testid="back-button" onClick={() => leaveTo(back)}>
            <Icon name="back" />
          </button>
        )}
        <h1 className="brand">
          <span className="brand-name">{t('appName')}</span>
          {municipalityName && <span className="brand-municipality">{municipalityName}</span>}
        </h1>
        {showSync && memberId && (
          <Suspense fallback={null}>
            <NotificationsBell memberId={memberId} />
          </Suspense>
        )}
        <LanguageSelect />
      </div>
      {showSync && <SyncIndicator />}
      {/* Inside the sticky header, a notice never covers the content's buttons. */}
      <UpdatePrompt />
    </header>
  );
}
