/**
 * The bell in the header: a link to the notifications with the number not seen yet on this phone.
 * The header sits outside the screens' database gate, so the bell opens the member's store itself
 * (the same store the screens use: opening it twice answers the same promise); while it opens, or
 * if it cannot, the bell is shown without a count.
 */
import { Suspense, use } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { RouteLink } from '../../components/RouteLink';
import { openBrowserStore } from '../../db/browser-store';
import { LocalStoreProvider } from '../../db/LocalStoreProvider';
import { formatNumber } from '../../i18n/format';
import { useNotifications } from './useNotifications';
import './notifications-bell.css';

/** More than this shows as "99+". */
const BADGE_MAX = 99;

/** The bell link itself, with `unseen` in its badge and its accessible name. */
export function BellLink({ unseen }: { unseen: number }) {
  const { t, i18n } = useTranslation('notifications');
  const language = i18n.resolvedLanguage ?? 'en';
  const label = unseen > 0 ? t('bell.labelUnseen', { count: unseen }) : t('bell.label');
  return (
    <RouteLink route={{ name: 'notifications' }} className="icon-button notifications-bell" data-testid="notifications-bell" aria-label={label}>
      <Icon name="bell" />
      {unseen > 0 && (
        <span className="notifications-badge" data-testid="notifications-badge" aria-hidden="true">
          {unseen > BADGE_MAX ? `${formatNumber(BADGE_MAX, language)}+` : formatNumber(unseen, language)}
        </span>
      )}
    </RouteLink>
  );
}

/** The bell counting from the store of the nearest provider. */
export function CountingBell() {
  const { unseenCount } = useNotifications();
  return <BellLink unseen={unseenCount} />;
}

function BellOfBrowserStore({ memberId }: { memberId: string }) {
  const store = use(openBrowserStore(memberId));
  return (
    <LocalStoreProvider store={store}>
      <CountingBell />
    </LocalStoreProvider>
  );
}

/** The header's bell for the signed-in member `memberId`. */
export function NotificationsBell({ memberId }: { memberId: string }) {
  const plain = <BellLink unseen={0} />;
  return (
    <ErrorBoundary key={memberId} fallback={() => plain}>
      <Suspense fallback={plain}>
        <BellOfBrowserStore memberId={memberId} />
      </Suspense>
    </ErrorBoundary>
  );
}
