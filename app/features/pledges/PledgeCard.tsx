import { memo, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Need } from '../../../domain/schemas/need';
import { RouteLink } from '../../components/RouteLink';
import { formatCalendarDate, formatDateTime, municipalityName } from '../../i18n/format';
import { postedAt } from '../../lists/list-filters';
import { RecordSyncState } from '../sync';
import { ExpiryBadge } from './ExpiryBadge';
import { PledgeQuantities } from './PledgeQuantities';
import { PledgeStatusBadge } from './PledgeStatusBadge';
import type { PledgeView } from './pledge-views';

type Props = {
  view: PledgeView;
  /** The need pledged against, when it is on the phone. */
  need: Need | undefined;
  /** The municipality on the other side, when it is on the phone. */
  other: Municipality | undefined;
  now: number;
  /** For a virtualised list: the element it measures, the row's index and its offset from the list's top. */
  ref?: Ref<HTMLLIElement>;
  offset?: number;
  index?: number;
};

/**
 * One pledge in a list: the need, the other city, the quantities, the derived status, what our side
 * has to do, the dates and an expiry warning; it opens the pledge's page. Memoised: a list of
 * thousands re-renders only the cards whose pledge changed.
 */
export const PledgeCard = memo(function PledgeCard({ view, need, other, now, ref, offset, index }: Props) {
  const { t, i18n } = useTranslation('pledges');
  const language = i18n.resolvedLanguage ?? 'en';
  const { pledge, state, side, todo } = view;
  const otherName = other ? municipalityName(other, language) : t('list.unknownMunicipality');
  return (
    <li
      ref={ref}
      style={offset === undefined ? undefined : { transform: `translateY(${offset}px)` }}
      data-index={index}
      className={`pledge-card pledge-${state.status}${todo ? ' pledge-todo' : ''}`}
      data-testid="pledge-card"
      data-pledge-id={pledge.id}
      data-status={state.status}
      data-todo={todo ?? undefined}
    >
      <p className="pledge-card-title">
        <RouteLink route={{ name: 'pledge-page', id: pledge.id }} data-testid="pledge-card-link">
          {need ? <span lang={need.language}>{need.title}</span> : t('card.unknownNeed')}
        </RouteLink>
      </p>
      <p className="pledge-facts">
        <PledgeStatusBadge status={state.status} />
        {todo && <span className="tag pledge-todo-tag">{t(`card.todo.${todo}`)}</span>}
        <ExpiryBadge state={state} now={now} />
        <RecordSyncState collection="pledges" id={pledge.id} />
      </p>
      <p className="pledge-other">{side === 'by-us' ? t('card.to', { municipality: otherName }) : t('card.from', { municipality: otherName })}</p>
      <PledgeQuantities pledge={pledge} dispatched={view.dispatchedQuantity} received={state.receivedQuantity} />
      <p className="pledge-dates small">
        <span>{t('card.pledgedOn', { date: formatDateTime(postedAt(pledge), language) })}</span>
        {pledge.expectedDispatchOn && <span>{t('list.dispatchOn', { date: formatCalendarDate(pledge.expectedDispatchOn, language) })}</span>}
      </p>
    </li>
  );
});
