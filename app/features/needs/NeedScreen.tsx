import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatchReason } from '../../../domain/rules/matching';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Need } from '../../../domain/schemas/need';
import type { Offer } from '../../../domain/schemas/offer';
import { RouteLink } from '../../components/RouteLink';
import { TranslateLink } from '../../components/TranslateLink';
import { useDocument, useDocuments, useMunicipalities } from '../../db/useDocuments';
import { formatCalendarDate, formatEuros, formatNumber, languageName, municipalityName } from '../../i18n/format';
import { routeHref } from '../../routes';
import { useProfile } from '../../stores/session-store';
import { bestOffersForNeed, type Suggestion } from '../matches';
import { MessageLink } from '../messages';
import { RecordSyncState } from '../sync';
import { canPledge, PledgeList, usePledgesOfNeed } from '../pledges';
import { MunicipalityBadge } from './MunicipalityBadge';
import { NeedPlace } from './NeedPlace';
import { NeedStatusActions } from './NeedStatusActions';
import { ShareButton } from './ShareButton';
import { localDay } from './need-navigation';
import { useNeed } from './useNeeds';
import { useNeedTotals, type NeedTotals } from './useNeedTotals';
import './needs.css';

/** How many matching offers the page suggests. */
const SUGGESTED_OFFERS = 3;

/**
 * One need (`/needs/:id`): everything about it, who needs it, what was pledged and received, the
 * offers that fit it best, and what the reader may do: pledge (partner cities), edit, close or
 * withdraw (its municipality), share.
 */
export function NeedScreen({ id }: { id: Need['id'] }) {
  const { t } = useTranslation('needs');
  const { need, loading } = useNeed(id);
  if (loading) return <p className="screen loading">{t('loading', { ns: 'common' })}</p>;
  if (!need) {
    return (
      <section className="screen" data-testid="need-not-found">
        <h2>{t('page.notFoundTitle')}</h2>
        <p className="empty">{t('page.notFound')}</p>
        <RouteLink route={{ name: 'needs' }} className="button">
          {t('page.toList')}
        </RouteLink>
      </section>
    );
  }
  return <NeedPage need={need} />;
}

function NeedPage({ need }: { need: Need }) {
  const { t, i18n } = useTranslation('needs');
  const language = i18n.resolvedLanguage ?? 'en';
  const profile = useProfile();
  const { document: municipality } = useDocument('municipalities', need.municipalityId);
  const needs = useMemo(() => [need], [need]);
  const totals = useNeedTotals(needs).get(need.id);
  const { pledges } = usePledgesOfNeed(need.id);
  const mayPledge = canPledge(profile, need, municipality);
  const amount = (value: number) =>
    t(`quantity.${need.unit}`, { count: value, value: need.unit === 'eur' ? formatEuros(value, language) : formatNumber(value, language) });

  return (
    <article className="screen need-page" data-testid="need-page" data-need-id={need.id} aria-labelledby="need-page-title">
      <div className="need-tags">
        <span className={`tag tag-urgency-${need.urgency}`}>{t(`urgency.${need.urgency}`)}</span>
        <span className="tag">{t(`category.${need.category}`)}</span>
        <span className={`tag tag-status-${need.status}`} data-testid="need-status">
          {t(`status.${need.status}`)}
        </span>
      </div>
      <div className="need-heading">
        <h2 id="need-page-title" lang={need.language} data-testid="need-title">
          {need.title}
        </h2>
        <span className="lang-tag">
          <span className="visually-hidden">{t('item.writtenIn', { language: languageName(need.language, language) })}</span>
          <span aria-hidden="true">{need.language.toUpperCase()}</span>
        </span>
      </div>
      <RecordSyncState collection="needs" id={need.id} variant="page" from={municipality ? municipalityName(municipality, language) : undefined} />
      <TranslateLink text={need.description ? `${need.title}\n\n${need.description}` : need.title} language={need.language} />
      {need.description && (
        <p className="need-page-description" lang={need.language} data-testid="need-description">
          {need.description}
        </p>
      )}
      <dl>
        <dt>{t('page.municipality')}</dt>
        <dd>{municipality ? <MunicipalityBadge municipality={municipality} link /> : t('page.unknownMunicipality')}</dd>
        <dt>{t('form.category')}</dt>
        <dd>{t(`category.${need.category}`)}</dd>
        {need.quantity !== undefined && (
          <>
            <dt>{t('form.quantity')}</dt>
            <dd data-testid="need-quantity">{amount(need.quantity)}</dd>
          </>
        )}
        <dt>{t('form.urgency')}</dt>
        <dd>{t(`urgency.${need.urgency}`)}</dd>
        {need.neededBy && (
          <>
            <dt>{t('form.neededBy')}</dt>
            <dd>{formatCalendarDate(need.neededBy, language)}</dd>
          </>
        )}
        <dt>{t('form.place')}</dt>
        <dd data-testid="need-place">
          <NeedPlace place={need.place} language={language} />
        </dd>
        <dt>{t('form.status')}</dt>
        <dd>{t(`status.${need.status}`)}</dd>
      </dl>

      <PledgeProgress need={need} totals={totals} />

      <div className="need-page-actions">
        {mayPledge && (
          <RouteLink route={{ name: 'pledge', needId: need.id }} className="button primary" data-testid="need-pledge-button">
            {t('page.pledge')}
          </RouteLink>
        )}
        <MessageLink subjectKind="need" subjectId={need.id} municipality={municipality} data-testid="need-message-link" />
        <NeedStatusActions need={need} />
        <ShareButton title={need.title} url={`${window.location.origin}${routeHref({ name: 'need', id: need.id })}`} data-testid="need-share-button" />
      </div>

      <section aria-labelledby="need-pledges-heading">
        <h3 id="need-pledges-heading">{t('page.pledges')}</h3>
        <PledgeList pledges={pledges} />
      </section>

      {need.status === 'open' && <BestOffers need={need} needMunicipality={municipality} />}
    </article>
  );
}

/** Pledged and received against the needed quantity, as numbers and a bar. */
function PledgeProgress({ need, totals }: { need: Need; totals: NeedTotals | undefined }) {
  const { t, i18n } = useTranslation('needs');
  const language = i18n.resolvedLanguage ?? 'en';
  const amount = (value: number) =>
    t(`quantity.${need.unit}`, { count: value, value: need.unit === 'eur' ? formatEuros(value, language) : formatNumber(value, language) });
  const pledged = totals?.pledged ?? 0;
  const received = totals?.received ?? 0;
  return (
    <section className="need-progress-section" aria-labelledby="need-progress-heading">
      <h3 id="need-progress-heading">{t('page.progress')}</h3>
      {need.quantity === undefined ? (
        <p data-testid="need-pledged-total">{t('item.pledgeCount', { count: totals?.livePledges ?? 0 })}</p>
      ) : (
        <>
          <p data-testid="need-pledged-total" data-pledged={pledged}>
            {t('page.pledgedOf', { pledged: amount(pledged), needed: amount(need.quantity) })}
          </p>
          <progress className="need-progress" max={need.quantity} value={Math.min(pledged, need.quantity)} aria-labelledby="need-progress-heading" />
          <p data-testid="need-received-total" data-received={received}>
            {t('page.received', { received: amount(received) })}
          </p>
        </>
      )}
      {totals !== undefined && totals.livePledgesInOtherUnits > 0 && (
        <p className="small">{t('page.otherUnits', { count: totals.livePledgesInOtherUnits })}</p>
      )}
    </section>
  );
}

/** The open offers of other verified municipalities that fit this need best, with why. */
function BestOffers({ need, needMunicipality }: { need: Need; needMunicipality: Municipality | null }) {
  const { t } = useTranslation('needs');
  const profile = useProfile();
  const { documents: offers } = useDocuments('offers');
  const { byId } = useMunicipalities();
  const suggestions = useMemo(
    () => bestOffersForNeed(need, offers, { today: localDay(new Date()), municipalities: byId }, SUGGESTED_OFFERS),
    [need, offers, byId],
  );
  return (
    <section aria-labelledby="need-offers-heading" data-testid="need-best-offers">
      <h3 id="need-offers-heading">{t('page.bestOffers')}</h3>
      {suggestions.length === 0 ? (
        <p className="empty">{t('page.noOffers')}</p>
      ) : (
        <ul className="offer-suggestions">
          {suggestions.map((suggestion) => (
            <OfferSuggestion
              key={suggestion.item.id}
              suggestion={suggestion}
              owner={byId.get(suggestion.item.municipalityId)}
              // The offer's owner pledges from it; the rules decide, as for any pledge.
              pledgeable={profile?.actor.municipalityId === suggestion.item.municipalityId && canPledge(profile, need, needMunicipality, suggestion.item)}
              needId={need.id}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

type SuggestionProps = { suggestion: Suggestion<Offer>; owner: Municipality | undefined; pledgeable: boolean; needId: Need['id'] };

const OfferSuggestion = memo(function OfferSuggestion({ suggestion, owner, pledgeable, needId }: SuggestionProps) {
  const { t, i18n } = useTranslation('needs');
  const language = i18n.resolvedLanguage ?? 'en';
  const offer = suggestion.item;
  return (
    <li className="offer-suggestion" data-testid="need-offer-suggestion" data-offer-id={offer.id}>
      <h4>
        <RouteLink route={{ name: 'offer', id: offer.id }}>
          <span lang={offer.language}>{offer.title}</span>
        </RouteLink>
      </h4>
      {owner && <p className="small">{municipalityName(owner, language)}</p>}
      <ul className="match-reasons" aria-label={t('page.why')}>
        {suggestion.reasons.map((reason) => {
          const text = reasonText(reason, t, language);
          return text ? (
            <li key={reason.code} className="tag">
              {text}
            </li>
          ) : null;
        })}
      </ul>
      {pledgeable && (
        <RouteLink route={{ name: 'pledge', needId, offerId: offer.id }} className="button" data-testid="offer-pledge-link">
          {t('page.pledgeFromOffer')}
        </RouteLink>
      )}
    </li>
  );
});

type Translate = ReturnType<typeof useTranslation<'needs'>>['t'];

/** A match reason in the reader's words; reasons that say nothing to a partner are left out. */
export function reasonText(reason: MatchReason, t: Translate, language: string): string | null {
  switch (reason.code) {
    case 'same-category':
    case 'related-category':
    case 'different-unit':
    case 'quantity-unknown':
    case 'remote':
    case 'same-oblast':
    case 'offer-expired':
      return t(`reasons.${reason.code}`);
    case 'covers-quantity':
      return t('reasons.covers-quantity', { percent: formatNumber(reason.percent, language) });
    case 'urgency':
      return t('reasons.urgency', { urgency: t(`urgency.${reason.urgency}`) });
    case 'needed-in-days':
      return t('reasons.needed-in-days', { count: reason.days });
    case 'deadline-passed':
      return t('reasons.deadline-passed', { count: reason.days });
    case 'available-for-days':
      return t('reasons.available-for-days', { count: reason.days });
    case 'distance-km':
      return t('reasons.distance-km', { km: formatNumber(reason.km, language) });
    case 'unrelated-category':
    case 'need-not-open':
    case 'offer-not-open':
      return null;
  }
}
