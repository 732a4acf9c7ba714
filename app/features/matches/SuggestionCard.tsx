import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Need } from '../../../domain/schemas/need';
import type { Offer } from '../../../domain/schemas/offer';
import { RouteLink } from '../../components/RouteLink';
import { formatEuros, formatNumber, municipalityName } from '../../i18n/format';
import type { Suggestion } from './matches';
import { MatchReasonList } from './MatchReasonList';
import './matches.css';

type Props = {
  /** What is suggested: another municipality's offer (for my need) or need (for my offer). */
  kind: 'offer' | 'need';
  suggestion: Suggestion<Need | Offer>;
  municipality: Municipality | undefined;
  /** My offer to pledge from, when the member may pledge against the suggested need. */
  pledgeFromOfferId?: Offer['id'];
  /** The member's own item this suggestion is for, where the list does not already say so. */
  forItem?: Need | Offer;
};

/** One suggestion: its score as a bar, whose it is, why it fits, and the way to act on it. */
export const SuggestionCard = memo(function SuggestionCard({ kind, suggestion, municipality, pledgeFromOfferId, forItem }: Props) {
  const { t, i18n } = useTranslation('matches');
  const language = i18n.resolvedLanguage ?? 'en';
  const { item, score, reasons } = suggestion;
  const quantity =
    item.quantity === undefined
      ? null
      : t(`quantity.${item.unit}`, {
          ns: 'needs',
          count: item.quantity,
          value: item.unit === 'eur' ? formatEuros(item.quantity, language) : formatNumber(item.quantity, language),
        });
  return (
    <li className="match-suggestion" data-testid="match-suggestion" data-item-id={item.id} data-score={score}>
      {forItem && (
        <p className="match-for">
          {`${t('forItem')}: `}
          <span lang={forItem.language}>{forItem.title}</span>
        </p>
      )}
      <div className="match-score">
        <span className="match-bar" aria-hidden="true">
          <span className="match-bar-fill" style={{ width: `${score}%` }} />
        </span>
        <span className="match-percent">{t('score', { score: formatNumber(score, language) })}</span>
      </div>
      <p className="match-title">
        <RouteLink route={kind === 'offer' ? { name: 'offer', id: item.id } : { name: 'need', id: item.id }} data-testid="match-item-link">
          <span lang={item.language}>{item.title}</span>
        </RouteLink>
        {quantity && <span className="match-quantity">{` · ${quantity}`}</span>}
      </p>
      <p className="match-municipality">{t('postedBy', { municipality: municipality ? municipalityName(municipality, language) : t('unknownMunicipality') })}</p>
      <MatchReasonList reasons={reasons} />
      {pledgeFromOfferId !== undefined && (
        <RouteLink route={{ name: 'pledge', needId: item.id, offerId: pledgeFromOfferId }} className="button primary" data-testid="match-pledge-link">
          {t('pledge')}
          <span className="visually-hidden" lang={item.language}>{`: ${item.title}`}</span>
        </RouteLink>
      )}
    </li>
  );
});
