import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Actor } from '../../../domain/permissions';
import type { Municipality } from '../../../domain/schemas/municipality';
import { RouteLink } from '../../components/RouteLink';
import { useProfile } from '../../stores/session-store';
import type { NeedMatches, OfferMatches } from './matches';
import { mayPledge } from './may-pledge';
import { SuggestionCard } from './SuggestionCard';
import { useMunicipalityMatches } from './useMunicipalityMatches';
import './matches.css';

type Municipalities = ReadonlyMap<Municipality['id'], Municipality>;

/**
 * Matches: for each of my municipality's open needs the offers that fit best, and for each of its
 * open offers the needs it could meet, with the score and its reasons. Computed on the phone from
 * what it holds, so it works offline. Moderators belong to no municipality: they get a word why.
 */
export function MatchesScreen() {
  const { t } = useTranslation('matches');
  const profile = useProfile();
  const municipalityId = profile?.municipality ? profile.municipality.id : null;
  const { matches, municipalities, loading } = useMunicipalityMatches(municipalityId);

  return (
    <section className="screen matches-screen" aria-labelledby="matches-heading" data-testid="matches-screen">
      <div className="screen-heading">
        <h2 id="matches-heading">{t('title')}</h2>
      </div>
      {municipalityId === null || !profile ? (
        <p className="empty" data-testid="matches-moderator">
          {t('moderator')}
        </p>
      ) : loading ? (
        <p className="loading">{t('loading', { ns: 'common' })}</p>
      ) : (
        <>
          <p className="matches-intro">{t('intro')}</p>
          <section className="matches-section" aria-labelledby="matches-needs-heading" data-testid="matches-for-needs">
            <h3 id="matches-needs-heading">{t('forNeeds.heading')}</h3>
            {matches.needs.length === 0 ? (
              <EmptySection text={t('forNeeds.empty')} action={t('forNeeds.action')} route="new-need" testId="matches-needs-empty" />
            ) : (
              <ul className="match-groups">
                {matches.needs.map((entry) => (
                  <NeedGroup key={entry.need.id} entry={entry} municipalities={municipalities} />
                ))}
              </ul>
            )}
          </section>
          <section className="matches-section" aria-labelledby="matches-offers-heading" data-testid="matches-for-offers">
            <h3 id="matches-offers-heading">{t('forOffers.heading')}</h3>
            {matches.offers.length === 0 ? (
              <EmptySection text={t('forOffers.empty')} action={t('forOffers.action')} route="new-offer" testId="matches-offers-empty" />
            ) : (
              <ul className="match-groups">
                {matches.offers.map((entry) => (
                  <OfferGroup key={entry.offer.id} entry={entry} municipalities={municipalities} actor={profile.actor} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </section>
  );
}

function EmptySection({ text, action, route, testId }: { text: string; action: string; route: 'new-need' | 'new-offer'; testId: string }) {
  return (
    <div className="empty" data-testid={testId}>
      <p>{text}</p>
      <RouteLink route={{ name: route }} className="button primary">
        {action}
      </RouteLink>
    </div>
  );
}

/** One of my needs and the offers of others that fit it. */
const NeedGroup = memo(function NeedGroup({ entry, municipalities }: { entry: NeedMatches; municipalities: Municipalities }) {
  const { t } = useTranslation('matches');
  const { need, offers } = entry;
  return (
    <li className="match-group" data-testid={`match-need-${need.id}`}>
      <h4 className="match-group-title">
        <RouteLink route={{ name: 'need', id: need.id }}>
          <span lang={need.language}>{need.title}</span>
        </RouteLink>
      </h4>
      {offers.length === 0 ? (
        <p className="match-none">{t('noSuggestion')}</p>
      ) : (
        <ul className="match-suggestions">
          {offers.map((suggestion) => (
            <SuggestionCard key={suggestion.item.id} kind="offer" suggestion={suggestion} municipality={municipalities.get(suggestion.item.municipalityId)} />
          ))}
        </ul>
      )}
    </li>
  );
});

/** One of my offers and the needs of others it could meet, each with the way to pledge from it. */
const OfferGroup = memo(function OfferGroup({ entry, municipalities, actor }: { entry: OfferMatches; municipalities: Municipalities; actor: Actor }) {
  const { t } = useTranslation('matches');
  const { offer, needs } = entry;
  return (
    <li className="match-group" data-testid={`match-offer-${offer.id}`}>
      <h4 className="match-group-title">
        <RouteLink route={{ name: 'offer', id: offer.id }}>
          <span lang={offer.language}>{offer.title}</span>
        </RouteLink>
      </h4>
      {needs.length === 0 ? (
        <p className="match-none">{t('noSuggestion')}</p>
      ) : (
        <ul className="match-suggestions">
          {needs.map((suggestion) => {
            const municipality = municipalities.get(suggestion.item.municipalityId);
            return (
              <SuggestionCard
                key={suggestion.item.id}
                kind="need"
                suggestion={suggestion}
                municipality={municipality}
                {...(mayPledge(actor, suggestion.item, offer, municipality) ? { pledgeFromOfferId: offer.id } : {})}
              />
            );
          })}
        </ul>
      )}
    </li>
  );
});
