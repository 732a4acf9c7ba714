import { useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { Icon } from '../../components/Icon';
import { RouteLink } from '../../components/RouteLink';
import { useProfile } from '../../stores/session-store';
import { OfferCard } from './OfferCard';
import { OfferFilterBar } from './OfferFilterBar';
import { useCanPostOffer } from './useOfferActions';
import { useOfferFilters } from './useOfferFilters';
import { useOfferList } from './useOfferList';
import './offers.css';

/** Where the list was scrolled to, so coming back from an offer returns to the same place. */
let listScrollY = 0;

/** A card's height before it is measured (a typical card on a 360 px screen). */
const ESTIMATED_CARD_HEIGHT = 210;

/**
 * Every offer on the phone from verified municipalities (and the member's own), filtered, searched
 * and sorted as the URL says, in a virtualised list: only the cards near the screen are rendered,
 * so 5,000 offers scroll as smoothly as 50.
 */
export function OffersScreen() {
  const { t } = useTranslation('offers');
  const profile = useProfile();
  const myMunicipalityId = profile?.municipality?.id;
  const [filters, setFilters] = useOfferFilters();
  // Typing stays responsive: the list follows the latest filters when the phone has time.
  const { offers, listed, municipalities, loading } = useOfferList(useDeferredValue(filters), myMunicipalityId);
  const canPost = useCanPostOffer();

  const countries = useMemo(() => {
    const codes = new Set<string>();
    for (const offer of listed) codes.add(offer.place.country);
    return [...codes];
  }, [listed]);

  const listRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // The list starts below the heading and the filters, whose height changes when they open.
  useLayoutEffect(() => {
    const list = listRef.current;
    const head = headRef.current;
    if (!list || !head) return;
    const measure = () => setScrollMargin(Math.round(list.getBoundingClientRect().top + window.scrollY));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(head);
    return () => observer.disconnect();
  }, []);

  const virtualizer = useWindowVirtualizer({
    count: offers.length,
    estimateSize: () => ESTIMATED_CARD_HEIGHT,
    overscan: 4,
    scrollMargin,
    initialOffset: () => listScrollY,
    getItemKey: (index) => offers[index]?.id ?? index,
  });

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

  const rows = virtualizer.getVirtualItems();
  return (
    <section className="screen offers-screen" aria-labelledby="offers-heading">
      <div ref={headRef}>
        <div className="screen-heading">
          <h2 id="offers-heading">{t('list.title')}</h2>
          {!loading && (
            <span className="count" role="status" data-testid="offers-count">
              {t('list.count', { count: offers.length })}
            </span>
          )}
        </div>
        <OfferFilterBar filters={filters} onChange={setFilters} countries={countries} hasMunicipality={myMunicipalityId !== undefined} />
      </div>
      {/* The wrapper is the list's test id so that an empty list is still something visible. */}
      <div ref={listRef} data-testid="offers-list" aria-busy={loading}>
        <ul className="offers-list" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => {
            const offer = offers[row.index]!;
            return (
              <li
                key={row.key}
                data-index={row.index}
                ref={virtualizer.measureElement}
                className="offers-row"
                aria-setsize={offers.length}
                aria-posinset={row.index + 1}
                style={{ transform: `translateY(${row.start - scrollMargin}px)` }}
              >
                <OfferCard offer={offer} municipality={municipalities.get(offer.municipalityId)} />
              </li>
            );
          })}
        </ul>
        {loading ? (
          <p className="loading">{t('loading', { ns: 'common' })}</p>
        ) : (
          offers.length === 0 && <p className="empty">{listed.length === 0 ? t('list.empty') : t('list.emptyFiltered')}</p>
        )}
      </div>
      {canPost && (
        <RouteLink route={{ name: 'new-offer' }} className="button primary fab" data-testid="new-offer-button">
          <Icon name="plus" />
          {t('list.new')}
        </RouteLink>
      )}
    </section>
  );
}
