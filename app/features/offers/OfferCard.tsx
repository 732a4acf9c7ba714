import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Offer } from '../../../domain/schemas/offer';
import { Icon } from '../../components/Icon';
import { RouteLink } from '../../components/RouteLink';
import { countryName, formatCalendarDate, languageName, municipalityName } from '../../i18n/format';
import { RecordSyncState } from '../sync';
import { offerPlace, offerQuantity } from './offer-format';

type Props = { offer: Offer; municipality: Municipality | undefined };

/**
 * One offer in a list: what is offered, by whom, how much, until when and how it travels. Memoised:
 * a list of thousands re-renders only the cards whose offer or municipality changed.
 */
export const OfferCard = memo(function OfferCard({ offer, municipality }: Props) {
  const { t, i18n } = useTranslation('offers');
  const language = i18n.resolvedLanguage ?? 'en';
  const quantity = offerQuantity(offer, t, language);
  const verified = municipality?.verification.status === 'verified';

  return (
    <article className={`offer-card status-${offer.status}`} data-testid="offer-card" data-offer-id={offer.id}>
      <div className="need-tags">
        <span className="tag">
          <span className="visually-hidden">{t('item.category', { category: t(`category.${offer.category}`) })}</span>
          <span aria-hidden="true">{t(`category.${offer.category}`)}</span>
        </span>
        <span className={`tag tag-status-${offer.status}`}>
          <span className="visually-hidden">{t('item.status', { status: t(`status.${offer.status}`) })}</span>
          <span aria-hidden="true">{t(`status.${offer.status}`)}</span>
        </span>
        <RecordSyncState collection="offers" id={offer.id} />
      </div>
      <div className="need-heading">
        <h3 className="need-title" data-testid="offer-title">
          <RouteLink route={{ name: 'offer', id: offer.id }} className="offer-link">
            <span lang={offer.language}>{offer.title}</span>
          </RouteLink>
        </h3>
        <span className="lang-tag">
          <span className="visually-hidden">{t('item.writtenIn', { language: languageName(offer.language, language) })}</span>
          <span aria-hidden="true">{offer.language.toUpperCase()}</span>
        </span>
      </div>
      <p className="offer-municipality" data-testid="offer-municipality">
        <span className="visually-hidden">{`${t('item.from')}: `}</span>
        {municipality ? municipalityName(municipality, language) : offer.place.settlement}
        {verified && <span className="verified-badge">{t('item.verified')}</span>}
        {municipality && <span className="muted">{` · ${countryName(municipality.country, language)}`}</span>}
      </p>
      <ul className="need-facts">
        {quantity && <li className="need-quantity">{quantity}</li>}
        {offer.availableUntil && <li>{t('item.availableUntil', { date: formatCalendarDate(offer.availableUntil, language) })}</li>}
        <li className="need-place">
          <Icon name="place" />
          {offerPlace(offer, language)}
        </li>
      </ul>
      <ul className="delivery-chips" aria-label={t('item.delivery')}>
        {offer.deliveryOptions.map((option) => (
          <li key={option} className="chip">
            {t(`delivery.${option}`)}
          </li>
        ))}
      </ul>
    </article>
  );
});
