import { useTranslation } from 'react-i18next';
import { LocalStoreProvider } from '../db/LocalStoreProvider';
import { useNavigationStore } from '../db/useNavigationStore';
import { useUnreadMessages } from '../features/messages';
import type { Route, RouteName } from '../routes';
import { useProfile } from '../stores/session-store';
import { Icon, type IconName } from './Icon';
import { RouteLink } from './RouteLink';

type Tab = {
  route: Route;
  icon: IconName;
  label: 'nav.home' | 'nav.needs' | 'nav.offers' | 'nav.matches' | 'nav.messages' | 'nav.more';
  owns: readonly RouteName[];
};

/** The six places of the daily work; each tab also lights up for the screens that belong to it. */
const TABS: readonly Tab[] = [
  { route: { name: 'home' }, icon: 'home', label: 'nav.home', owns: ['home'] },
  { route: { name: 'needs' }, icon: 'needs', label: 'nav.needs', owns: ['needs', 'need', 'new-need', 'edit-need', 'pledge'] },
  { route: { name: 'offers' }, icon: 'offers', label: 'nav.offers', owns: ['offers', 'offer', 'new-offer', 'edit-offer'] },
  { route: { name: 'matches' }, icon: 'matches', label: 'nav.matches', owns: ['matches'] },
  { route: { name: 'messages' }, icon: 'messages', label: 'nav.messages', owns: ['messages', 'thread'] },
  {
    route: { name: 'settings' },
    icon: 'more',
    label: 'nav.more',
    owns: ['settings', 'account', 'members', 'moderation', 'municipalities', 'municipality', 'edit-municipality'],
  },
];

/**
 * The bottom bar on phones (a side rail on wide screens, by CSS): Home, Needs, Offers, Matches,
 * Messages (with the unread count), More. It lives outside the store gate, so it reads the
 * member's store once the gate has opened it, and shows no count before.
 */
export function BottomNav({ current }: { current: RouteName }) {
  const { t } = useTranslation();
  const store = useNavigationStore(useProfile()?.member.id ?? null);
  return (
    <nav className="bottom-nav" aria-label={t('nav.main')} data-testid="bottom-nav">
      {TABS.map((tab) => {
        const selected = tab.owns.includes(current) ? 'page' : undefined;
        if (tab.route.name === 'messages' && store) {
          return (
            <LocalStoreProvider key={tab.label} store={store}>
              <MessagesTab tab={tab} selected={selected} />
            </LocalStoreProvider>
          );
        }
        return (
          <RouteLink key={tab.label} route={tab.route} className="bottom-nav-tab" data-testid={`nav-${tab.route.name}`} aria-current={selected}>
            <Icon name={tab.icon} />
            <span>{t(tab.label)}</span>
          </RouteLink>
        );
      })}
    </nav>
  );
}

/** The Messages tab with a count bubble of unread messages, named in full for screen readers. */
function MessagesTab({ tab, selected }: { tab: Tab; selected: 'page' | undefined }) {
  const { t } = useTranslation();
  const { total } = useUnreadMessages();
  return (
    <RouteLink
      route={tab.route}
      className="bottom-nav-tab"
      data-testid="nav-messages"
      aria-current={selected}
      aria-label={total > 0 ? t('nav.messagesUnread', { count: total }) : undefined}
    >
      <span className="bottom-nav-icon">
        <Icon name={tab.icon} />
        {total > 0 && (
          // The number is drawn by CSS (attr), not written as text: the tab's visible text stays its
          // label, which its accessible name ("Messages, 3 unread") begins with (WCAG 2.5.3).
          <span className="count-badge bottom-nav-badge" data-testid="nav-messages-badge" data-count={total} data-label={total > 99 ? '99+' : total} aria-hidden="true" />
        )}
      </span>
      <span>{t(tab.label)}</span>
    </RouteLink>
  );
}
