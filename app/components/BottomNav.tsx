import { useTranslation } from 'react-i18next';
import type { Route, RouteName } from '../routes';
import { Icon, type IconName } from './Icon';
import { RouteLink } from './RouteLink';

type Tab = { route: Route; icon: IconName; label: 'nav.home' | 'nav.needs' | 'nav.offers' | 'nav.matches' | 'nav.more'; owns: readonly RouteName[] };

/** The five places of the daily work; each tab also lights up for the screens that belong to it. */
const TABS: readonly Tab[] = [
  { route: { name: 'home' }, icon: 'home', label: 'nav.home', owns: ['home'] },
  { route: { name: 'needs' }, icon: 'needs', label: 'nav.needs', owns: ['needs', 'need', 'new-need', 'edit-need', 'pledge'] },
  { route: { name: 'offers' }, icon: 'offers', label: 'nav.offers', owns: ['offers', 'offer', 'new-offer', 'edit-offer'] },
  { route: { name: 'matches' }, icon: 'matches', label: 'nav.matches', owns: ['matches'] },
  {
    route: { name: 'settings' },
    icon: 'more',
    label: 'nav.more',
    owns: ['settings', 'account', 'members', 'moderation', 'municipalities', 'municipality', 'edit-municipality'],
  },
];

/** The bottom bar on phones (a side rail on wide screens, by CSS): Home, Needs, Offers, Matches, More. */
export function BottomNav({ current }: { current: RouteName }) {
  const { t } = useTranslation();
  return (
    <nav className="bottom-nav" aria-label={t('nav.main')} data-testid="bottom-nav">
      {TABS.map((tab) => (
        <RouteLink
          key={tab.label}
          route={tab.route}
          className="bottom-nav-tab"
          data-testid={`nav-${tab.route.name}`}
          aria-current={tab.owns.includes(current) ? 'page' : undefined}
        >
          <Icon name={tab.icon} />
          <span>{t(tab.label)}</span>
        </RouteLink>
      ))}
    </nav>
  );
}
