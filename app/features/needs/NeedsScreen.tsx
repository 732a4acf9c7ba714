import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { NeedCard } from './NeedCard';
import { Icon } from '../../components/Icon';
import { RouteLink } from '../../components/RouteLink';
import { useNeedTotals } from './useNeedTotals';
import { useCatchingUp, useRefusedWrites } from '../sync';
import { useCanPostNeed } from './useNeedActions';
import { useProfile } from '../../stores/session-store';
import { DEFAULT_NEED_FILTERS, needFiltersActive } from './need-filters';
import { useNeedFilters } from './useNeedFilters';
import { useNeedList } from './useNeedList';
import { NeedsFilters } from './NeedsFilters';
import { downloadFile, needsCsvFile } from './needs-export';
import './needs.css';

/** Where the list was scrolled to, so coming back from a need or a form returns to the same need. */
let listScrollY = 0;

/** A card's height before it is measured (rows are measured once shown). */
const ESTIMATED_CARD_HEIGHT = 190;
const CARD_GAP = 11;

/**
 * The needs on the phone, filtered, searched and sorted as the URL says (so a reload and the back
 * button keep them), virtualised so 5,000 needs scroll on a cheap phone; the export downloads
 * exactly the list shown. Posting a need is offered to those whose role allows it.
 */
export function NeedsScreen() {
  const { t, i18n } = useTranslation('needs');
  const language = i18n.resolvedLanguage ?? 'en';
  const profile = useProfile();
  const myMunicipality = profile?.municipality ?? undefined;
  const [filters, setFilters] = useNeedFilters();
  const catchingUp = useCatchingUp();
  const { all, shown, municipalities, loading } = useNeedList(filters, myMunicipality?.id, { held: catchingUp });
  const refused = useRefusedWrites('needs');
  const totals = useNeedTotals(all);
  const canPost = useCanPostNeed();
  const active = needFiltersActive(filters);

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

  // The list starts below the filters; the virtualiser needs that offset in page coordinates.
  const listRef = useRef<HTMLUListElement>(null);
  const [listTop, setListTop] = useState(0);
  // What sits above it changes with loading, an active filter (the clear button) and the width.
  useLayoutEffect(() => {
    const measure = () => setListTop(Math.round((listRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY));
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [loading, active]);

  const virtualizer = useWindowVirtualizer({
    count: shown.length,
    estimateSize: () => ESTIMATED_CARD_HEIGHT,
    overscan: 5,
    gap: CARD_GAP,
    scrollMargin: listTop,
    initialOffset: () => listScrollY,
    getItemKey: (index) => shown[index]?.id ?? index,
  });

  const exportCsv = () =>
    downloadFile(needsCsvFile(shown, { municipalities, totals }, language, (key) => t(`csv.${key}`)));

  // A partner city (not Ukrainian) without needs of its own comes here to help, not to post.
  const ownNeeds = myMunicipality ? all.some((need) => need.municipalityId === myMunicipality.id) : false;
  const invitesPosting = canPost && (myMunicipality?.country === 'UA' || ownNeeds);

  return (
    <section className="screen needs-screen" aria-labelledby="needs-heading">
      <div className="screen-heading">
        <h2 id="needs-heading">{t('list.title')}</h2>
        {!loading && (
          <span className="count" data-testid="needs-count" data-count={shown.length} data-total={all.length} aria-live="polite">
            {active || shown.length !== all.length ? t('list.shownOf', { count: shown.length, total: all.length }) : t('list.count', { count: shown.length })}
          </span>
        )}
      </div>
      <NeedsFilters filters={filters} onChange={setFilters} canScope={myMunicipality !== undefined} />
      <div className="needs-toolbar">
        {active && (
          <button
            type="button"
            className="button"
            data-testid="needs-clear-filters"
            onClick={() => setFilters({ ...DEFAULT_NEED_FILTERS, sort: filters.sort })}
          >
            {t('filters.clear')}
          </button>
        )}
        <button type="button" className="button" data-testid="needs-export" onClick={exportCsv} disabled={loading || shown.length === 0}>
          <Icon name="download" />
          {t('list.export')}
        </button>
      </div>
      {/* The wrapper is the list's test id so that an empty list is still something visible. */}
      <div data-testid="needs-list" aria-busy={loading}>
        <ul ref={listRef} className="needs-list needs-virtual" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const need = shown[row.index];
            if (!need) return null;
            return (
              <NeedCard
                key={row.key}
                ref={virtualizer.measureElement}
                index={row.index}
                offset={row.start - virtualizer.options.scrollMargin}
                need={need}
                municipality={municipalities.get(need.municipalityId)}
                refused={refused.get(need.id)}
                totals={totals.get(need.id)}
              />
            );
          })}
        </ul>
        {loading || (catchingUp && all.length === 0) ? (
          <p className="loading" data-testid="needs-arriving">{t('loading', { ns: 'common' })}</p>
        ) : shown.length > 0 ? null : all.length > 0 ? (
          <p className="empty" data-testid="needs-no-match">
            {t('list.noMatch')}
          </p>
        ) : invitesPosting ? (
          <p className="empty">{t('list.empty')}</p>
        ) : (
          <div className="empty" data-testid="needs-empty-browse">
            <p>{t('list.emptyBrowse')}</p>
            <RouteLink route={{ name: 'offers' }} className="button">
              {t('list.browseOffers')}
            </RouteLink>
          </div>
        )}
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
