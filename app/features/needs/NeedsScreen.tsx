import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NeedCard } from './NeedCard';
import { Icon } from '../../components/Icon';
import { RouteLink } from '../../components/RouteLink';
import { useNeeds } from './useNeeds';
import { useNeedTotals } from './useNeedTotals';
import { useRefusedWrites } from '../sync';
import { useCanPostNeed } from './useNeedActions';

/** Where the list was scrolled to, so coming back from a form returns to the same need. */
let listScrollY = 0;

/**
 * The first screen: every need on the phone, most urgent first, and the way to post a new one for
 * those whose role allows it (not moderators, who belong to no municipality).
 */
export function NeedsScreen() {
  const { t } = useTranslation('needs');
  const { needs, loading } = useNeeds();
  const refused = useRefusedWrites('needs');
  const totals = useNeedTotals(needs);
  const canPost = useCanPostNeed();

  useEffect(() => {
    const remember = () => {
      listScrollY = window.scrollY;
    };
    window.addEventListener('scroll', remember, { passive: true });
    return () => window.removeEventListener('scroll', remember);
  }, []);
  useEffect(() => {
    if (!loading) window.scrollTo(0, listScrollY);
  }, [loading]);

  return (
    <section className="screen needs-screen" aria-labelledby="needs-heading">
      <div className="screen-heading">
        <h2 id="needs-heading">{t('list.title')}</h2>
        {!loading && <span className="count">{t('list.count', { count: needs.length })}</span>}
      </div>
      {/* The wrapper is the list's test id so that an empty list is still something visible. */}
      <div data-testid="needs-list" aria-busy={loading}>
        <ul className="needs-list">
          {needs.map((need) => (
            <NeedCard key={need.id} need={need} refused={refused.get(need.id)} totals={totals.get(need.id)} />
          ))}
        </ul>
        {loading ? <p className="loading">{t('loading', { ns: 'common' })}</p> : needs.length === 0 && <p className="empty">{t('list.empty')}</p>}
      </div>
      {canPost && (
        <RouteLink route={{ name: 'new-need' }} className="button primary fab" data-testid="new-need-button">
          <Icon name="plus" />
          {t('list.new')}
        </RouteLink>
      )}
    </section>
  );
}
