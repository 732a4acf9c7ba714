import { memo, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Need } from '../../../domain/schemas/need';
import type { NeedTotals } from './useNeedTotals';
import { RecordSyncState, useDiscardRefused, type RefusedItem } from '../sync';
import { useNeedActions } from './useNeedActions';
import { formatCalendarDate, formatEuros, formatNumber, languageName } from '../../i18n/format';
import { Icon } from '../../components/Icon';
import { RouteLink } from '../../components/RouteLink';
import { MunicipalityBadge } from './MunicipalityBadge';
import { NeedPlace } from './NeedPlace';

type Props = {
  need: Need;
  /** The municipality that needs it, when it is on the phone. */
  municipality?: Municipality;
  refused?: RefusedItem;
  totals?: NeedTotals;
  /**
   * For a virtualised list: the element it measures, the row's index and its offset from the top
   * of the list. A number, not a style object, so a card stays memoised while the list scrolls (a
   * row keeps its offset; only rows that come into view render).
   */
  ref?: Ref<HTMLLIElement>;
  offset?: number;
  index?: number;
};

/**
 * One need in a list: what is needed, how urgently, by when, where and for whom, linking to the
 * need's page. Memoised: a list of thousands re-renders only the cards whose need changed.
 */
export const NeedCard = memo(function NeedCard({ need, municipality, refused, totals, ref, offset, index }: Props) {
  const { t, i18n } = useTranslation('needs');
  // The same rule the server applies: a municipality's own members, and only as far as their status allows.
  const { update: editable } = useNeedActions(need);
  const language = i18n.resolvedLanguage ?? 'en';
  const quantity =
    need.quantity === undefined
      ? null
      : t(`quantity.${need.unit}`, {
          count: need.quantity,
          value: need.unit === 'eur' ? formatEuros(need.quantity, language) : formatNumber(need.quantity, language),
        });

  return (
    <li
      ref={ref}
      style={offset === undefined ? undefined : { transform: `translateY(${offset}px)` }}
      data-index={index}
      className={`need-card urgency-${need.urgency} status-${need.status}`}
      data-testid="need-card"
      data-need-id={need.id}
    >
      <div className="need-tags">
        <span className={`tag tag-urgency-${need.urgency}`}>
          <span className="visually-hidden">{t('item.urgency', { urgency: t(`urgency.${need.urgency}`) })}</span>
          <span aria-hidden="true">{t(`urgency.${need.urgency}`)}</span>
        </span>
        <span className="tag">
          <span className="visually-hidden">{t('item.category', { category: t(`category.${need.category}`) })}</span>
          <span aria-hidden="true">{t(`category.${need.category}`)}</span>
        </span>
        <span className={`tag tag-status-${need.status}`}>
          <span className="visually-hidden">{t('item.status', { status: t(`status.${need.status}`) })}</span>
          <span aria-hidden="true">{t(`status.${need.status}`)}</span>
        </span>
        <RecordSyncState collection="needs" id={need.id} />
      </div>
      <div className="need-heading">
        <h3 className="need-title" lang={need.language} data-testid="need-title">
          <RouteLink route={{ name: 'need', id: need.id }} className="need-link" data-testid="need-link">
            {need.title}
          </RouteLink>
        </h3>
        <span className="lang-tag">
          <span className="visually-hidden">{t('item.writtenIn', { language: languageName(need.language, language) })}</span>
          <span aria-hidden="true">{need.language.toUpperCase()}</span>
        </span>
      </div>
      {need.description && (
        <p className="need-description" lang={need.language}>
          {need.description}
        </p>
      )}
      {municipality && (
        <p className="need-owner">
          <MunicipalityBadge municipality={municipality} />
        </p>
      )}
      <ul className="need-facts">
        {quantity && <li className="need-quantity">{quantity}</li>}
        {need.neededBy && <li>{t('item.neededBy', { date: formatCalendarDate(need.neededBy, language) })}</li>}
        <li className="need-place">
          <Icon name="place" />
          <NeedPlace place={need.place} language={language} />
        </li>
      </ul>
      {totals && <PledgeTotals need={need} totals={totals} />}
      {refused && <RefusedNote item={refused} />}
      {editable && (
        <div className="need-actions">
          <RouteLink route={{ name: 'edit-need', id: need.id }} className="button" data-testid="edit-need-button">
            {t('item.edit')}
            <span className="visually-hidden">{`: ${need.title}`}</span>
          </RouteLink>
        </div>
      )}
    </li>
  );
});

function RefusedNote({ item }: { item: RefusedItem }) {
  const { t } = useTranslation('needs');
  const fields = (item.details ?? []).map((detail) => detail.field).join(', ');
  // A code this version does not know yet (a newer server) shows the server's own message.
  const reason = t(`refusal.${item.code}`, { fields, defaultValue: item.message });
  const discard = useDiscardRefused();
  const [failed, setFailed] = useState(false);
  return (
    <div className="need-refused" role="note" data-testid="refused-note">
      <p>{t('item.refused', { reason })}</p>
      <button type="button" className="button" data-testid="discard-refused" onClick={() => void discard(item).catch(() => setFailed(true))}>
        {t('item.discard')}
      </button>
      {failed && <p role="alert">{t('item.discardFailed')}</p>}
    </div>
  );
}

/** How much of the need partner cities have pledged and how much has arrived (derived, never stored). */
export function PledgeTotals({ need, totals }: { need: Need; totals: NeedTotals }) {
  const { t, i18n } = useTranslation('needs');
  const language = i18n.resolvedLanguage ?? 'en';
  const amount = (value: number) =>
    t(`quantity.${need.unit}`, { count: value, value: need.unit === 'eur' ? formatEuros(value, language) : formatNumber(value, language) });
  return (
    <p className={`need-pledged coverage-${totals.coverage}`} data-testid="need-pledged">
      {need.quantity === undefined
        ? t('item.pledgeCount', { count: totals.livePledges })
        : t('item.pledgedOf', { pledged: amount(totals.pledged), needed: amount(need.quantity), received: amount(totals.received) })}
    </p>
  );
}
