import { useTranslation } from 'react-i18next';
import { hasCyrillic, placeLabel } from '../../../domain/transliteration';
import type { Municipality } from '../../../domain/schemas/municipality';
import { useMunicipalities } from '../../db/useDocuments';
import { formatCalendarDate, formatDateTime, municipalityName } from '../../i18n/format';
import type { PledgeDetails } from './useDeliveryData';
import { useAmount } from '../../hooks/useAmount';

type Props = {
  details: PledgeDetails;
  /** Also the quantity received so far (on screen; the printed sheet goes with the goods before anything arrived). */
  showReceived?: boolean;
};

/** What a pledge is about: what, how much, from where to where, its dates and its note. */
export function PledgeFacts({ details, showReceived = false }: Props) {
  const { t, i18n } = useTranslation('deliveries');
  const language = i18n.resolvedLanguage ?? 'en';
  const amount = useAmount();
  const { byId } = useMunicipalities();
  const { pledge, need, state } = details;
  const name = (municipality: Municipality | undefined) => (municipality ? municipalityName(municipality, language) : t('facts.unknownMunicipality'));
  const place = need ? placeLabel(need.place.settlement, language) : null;
  return (
    <dl className="pledge-facts-list">
      <dt>{t('facts.what')}</dt>
      <dd data-testid="delivery-what">
        {need ? (
          <>
            <span lang={need.language}>{need.title}</span>
            {` · ${t(`category.${need.category}`, { ns: 'needs' })}`}
          </>
        ) : (
          t('facts.unknownNeed')
        )}
      </dd>
      <dt>{t('facts.quantity')}</dt>
      <dd data-testid="delivery-quantity">{amount(pledge.quantity, pledge.unit)}</dd>
      {showReceived && (
        <>
          <dt>{t('facts.received')}</dt>
          <dd data-testid="delivery-received" data-received={state.receivedQuantity}>
            {amount(state.receivedQuantity, pledge.unit)}
          </dd>
        </>
      )}
      <dt>{t('facts.from')}</dt>
      <dd data-testid="delivery-from">{name(byId.get(pledge.fromMunicipalityId))}</dd>
      <dt>{t('facts.to')}</dt>
      <dd data-testid="delivery-to">
        {name(byId.get(pledge.toMunicipalityId))}
        {place && (
          <>
            {' · '}
            <span lang={hasCyrillic(place.original) ? 'uk' : undefined}>{place.original}</span>
            {place.latin && place.latin !== place.original && ` (${place.latin})`}
          </>
        )}
      </dd>
      {pledge.expectedDispatchOn && (
        <>
          <dt>{t('facts.dispatch')}</dt>
          <dd>{formatCalendarDate(pledge.expectedDispatchOn, language)}</dd>
        </>
      )}
      <dt>{t('facts.expires')}</dt>
      <dd data-testid="delivery-expires">{formatDateTime(state.expiresAt, language)}</dd>
      {pledge.note && (
        <>
          <dt>{t('facts.note')}</dt>
          <dd className="delivery-note" lang={pledge.language}>
            {pledge.note}
          </dd>
        </>
      )}
    </dl>
  );
}
