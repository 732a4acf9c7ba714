import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useSearch } from 'wouter';
import { useMunicipalities } from '../../db/useDocuments';
import { replaceSearch } from '../../routes';
import { PledgeCard } from './PledgeCard';
import { chosenSide, PLEDGE_SIDES, type PledgeSide } from './pledge-views';
import { useNeedsOf } from './useNeedsOf';
import { usePledgeStates } from './usePledgeStates';
import './pledges.css';

/** A card's height before it is measured. */
const ESTIMATED_CARD_HEIGHT = 170;
const CARD_GAP = 8;

/**
 * The pledges of the member's municipality (`/pledges?side=by-us|to-us`): two tabs, pledged by us
 * and pledged to us (to us first when there is any), each sorted with what our side must do first
 * (dispatch, confirm a receipt), then pledges under way, then ended ones; virtualised so 2,000
 * pledges scroll on a cheap phone. Everything is read from the phone: it works offline.
 */
export function PledgesScreen() {
  const { t } = useTranslation('pledges');
  const search = useSearch();
  const { bySide, loading, now } = usePledgeStates();
  const side = chosenSide(search, bySide);
  const shown = bySide[side];
  const { byId: municipalities } = useMunicipalities();
  const needsById = useNeedsOf(shown);

  const listRef = useRef<HTMLUListElement>(null);
  const [listTop, setListTop] = useState(0);
  useLayoutEffect(() => {
    const measure = () => setListTop(Math.round((listRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY));
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [loading]);
  const virtualizer = useWindowVirtualizer({
    count: shown.length,
    estimateSize: () => ESTIMATED_CARD_HEIGHT,
    overscan: 5,
    gap: CARD_GAP,
    scrollMargin: listTop,
    getItemKey: (index) => shown[index]?.pledge.id ?? index,
  });

  const choose = (next: PledgeSide) => {
    const params = new URLSearchParams(window.location.search);
    params.set('side', next);
    replaceSearch(params);
  };

  return (
    <section className="screen pledges-screen" aria-labelledby="pledges-heading">
      <div className="screen-heading">
        <h2 id="pledges-heading">{t('list.title')}</h2>
      </div>
      <div className="pledge-tabs" role="tablist" aria-label={t('list.title')}>
        {PLEDGE_SIDES.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`pledges-tab-${tab}`}
            aria-selected={tab === side}
            aria-controls="pledges-panel"
            className={tab === side ? 'pledge-tab selected' : 'pledge-tab'}
            data-testid={`pledges-tab-${tab}`}
            data-count={bySide[tab].length}
            onClick={() => choose(tab)}
          >
            {t(`list.tabs.${tab}`)}
            {!loading && <span className="count">{bySide[tab].length}</span>}
          </button>
        ))}
      </div>
      <div id="pledges-panel" role="tabpanel" aria-labelledby={`pledges-tab-${side}`} data-testid="pledges-list" data-side={side} aria-busy={loading}>
        <ul ref={listRef} className="pledge-cards" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const view = shown[row.index];
            if (!view) return null;
            return (
              <PledgeCard
                key={row.key}
                ref={virtualizer.measureElement}
                index={row.index}
                offset={row.start - virtualizer.options.scrollMargin}
                view={view}
                need={needsById.get(view.pledge.needId)}
                other={municipalities.get(view.otherMunicipalityId)}
                now={now}
              />
            );
          })}
        </ul>
        {loading ? (
          <p className="loading">{t('loading', { ns: 'common' })}</p>
        ) : (
          shown.length === 0 && (
            <p className="empty" data-testid="pledges-empty">
              {t(side === 'by-us' ? 'list.emptyByUs' : 'list.emptyToUs')}
            </p>
          )
        )}
      </div>
    </section>
  );
}
