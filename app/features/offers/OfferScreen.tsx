import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Offer } from '../../../domain/schemas/offer';
import { RouteLink } from '../../components/RouteLink';
import { TranslateLink } from '../../components/TranslateLink';
import { useDocuments, useMunicipalities } from '../../db/useDocuments';
import { countryName, formatCalendarDate, formatDateTime, formatNumber, languageName, municipalityName } from '../../i18n/format';
import { routeHref } from '../../routes';
import { useProfile } from '../../stores/session-store';
import { bestNeedsForOffer } from '../matches';
import { MessageLink } from '../messages';
import { RecordSyncState } from '../sync';
import { matchReasonText } from './match-reasons';
import { localToday, offerPlace, offerQuantity } from './offer-format';
import { mayPledgeFromOffer } from './pledge-from-offer';
import { offerActions, offerStatusActions, statusOfAction, type OfferStatusAction } from './useOfferActions';
import { useOffer } from './useOffers';
import { offerInput, useSaveOffer } from './useSaveOffer';
import './offers.css';

/** How many matching needs the page suggests. */
const MATCH_LIMIT = 5;

/** One offer with everything known about it, the needs it could meet, and its owners' actions. */
export function OfferScreen({ offerId }: { offerId: Offer['id'] }) {
  const { t } = useTranslation('offers');
  const { offer, loading } = useOffer(offerId);
  const { byId } = useMunicipalities();
  if (offer) return <OfferDetails offer={offer} municipalities={byId} />;
  if (loading) return <p className="loading">{t('loading', { ns: 'common' })}</p>;
  return (
    <section className="screen" data-testid="offer-page">
      <p className="empty" data-testid="offer-not-found">
        {t('page.notFound')}
      </p>
      <RouteLink route={{ name: 'offers' }} className="button">
        {t('page.backToList')}
      </RouteLink>
    </section>
  );
}

type DetailsProps = { offer: Offer; municipalities: ReadonlyMap<Municipality['id'], Municipality> };

function OfferDetails({ offer, municipalities }: DetailsProps) {
  const { t, i18n } = useTranslation('offers');
  const language = i18n.resolvedLanguage ?? 'en';
  const municipality = municipalities.get(offer.municipalityId);
  const quantity = offerQuantity(offer, t, language);

  return (
    <article className="screen offer-page" data-testid="offer-page" data-offer-id={offer.id} aria-labelledby="offer-heading">
      <div className="need-tags">
        <span className="tag">
          <span className="visually-hidden">{t('item.category', { category: t(`category.${offer.category}`) })}</span>
          <span aria-hidden="true">{t(`category.${offer.category}`)}</span>
        </span>
        <span className={`tag tag-status-${offer.status}`} data-testid="offer-status">
          <span className="visually-hidden">{t('item.status', { status: t(`status.${offer.status}`) })}</span>
          <span aria-hidden="true">{t(`status.${offer.status}`)}</span>
        </span>
      </div>
      <h2 id="offer-heading" lang={offer.language} data-testid="offer-title">
        {offer.title}
      </h2>
      <p className="offer-municipality">
        <span className="visually-hidden">{`${t('page.offeredBy')}: `}</span>
        {municipality ? (
          <RouteLink route={{ name: 'municipality', id: municipality.id }} data-testid="offer-municipality-link">
            {municipalityName(municipality, language)}
          </RouteLink>
        ) : (
          <span>{offer.place.settlement}</span>
        )}
        {municipality?.verification.status === 'verified' && <span className="verified-badge">{t('page.verified')}</span>}
        {municipality && <span className="muted">{` · ${countryName(municipality.country, language)}`}</span>}
      </p>
      <RecordSyncState collection="offers" id={offer.id} variant="page" from={municipality ? municipalityName(municipality, language) : undefined} />
      {offer.description && (
        <p className="description" lang={offer.language}>
          {offer.description}
        </p>
      )}
      <TranslateLink text={offer.description ? `${offer.title}\n\n${offer.description}` : offer.title} language={offer.language} />
      <dl className="facts">
        <dt>{t('page.category')}</dt>
        <dd>{t(`category.${offer.category}`)}</dd>
        <dt>{t('page.quantity')}</dt>
        <dd>{quantity ?? t('page.quantityNotCounted')}</dd>
        <dt>{t('page.availableUntil')}</dt>
        <dd>{offer.availableUntil ? formatCalendarDate(offer.availableUntil, language) : t('page.noEnd')}</dd>
        <dt>{t('page.delivery')}</dt>
        <dd>
          <ul className="delivery-chips">
            {offer.deliveryOptions.map((option) => (
              <li key={option} className="chip">
                {t(`delivery.${option}`)}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('page.place')}</dt>
        <dd>{offerPlace(offer, language)}</dd>
        <dt>{t('page.status')}</dt>
        <dd>{t(`status.${offer.status}`)}</dd>
        <dt>{t('page.language')}</dt>
        <dd>{languageName(offer.language, language)}</dd>
        <dt>{t('page.updated')}</dt>
        <dd>{formatDateTime(offer.updatedAt, language)}</dd>
      </dl>
      <MessageLink subjectKind="offer" subjectId={offer.id} municipality={municipality} data-testid="offer-message-link" />
      <ShareLink offer={offer} />
      <OwnerActions offer={offer} />
      <MatchingNeeds offer={offer} municipalities={municipalities} />
    </article>
  );
}

/** Shares the offer's link with the phone's share sheet, or copies it where there is none. */
function ShareLink({ offer }: { offer: Offer }) {
  const { t } = useTranslation('offers');
  const [note, setNote] = useState<string | null>(null);
  const share = async () => {
    const url = new URL(routeHref({ name: 'offer', id: offer.id }), window.location.origin).href;
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title: offer.title, url });
        return;
      } catch (error) {
        // The user closed the share sheet: nothing to report.
        if (error instanceof DOMException && error.name === 'AbortError') return;
        // Any other failure (no permission, nothing to share to) falls back to copying.
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      setNote(t('page.copied'));
    } catch (error) {
      setNote(t('page.shareFailed', { url, cause: error instanceof Error ? error.message : String(error) }));
    }
  };
  return (
    <div className="offer-share">
      <button type="button" className="button" data-testid="offer-share" onClick={() => void share()}>
        {t('page.share')}
      </button>
      <p className="share-note small" role="status" data-testid="offer-share-note">
        {note}
      </p>
    </div>
  );
}

/** Edit and status changes for the offer's own municipality, as far as the rules allow the member. */
function OwnerActions({ offer }: { offer: Offer }) {
  const { t } = useTranslation('offers');
  const profile = useProfile();
  const saveOffer = useSaveOffer();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'done' | 'failed'; text: string } | null>(null);
  const editable = useMemo(() => offerActions(profile, offer).update, [profile, offer]);
  const statusActions = useMemo(() => offerStatusActions(profile, offer), [profile, offer]);
  if (!editable && statusActions.length === 0) return null;

  const run = async (action: OfferStatusAction) => {
    const status = statusOfAction(action);
    setBusy(true);
    setMessage(null);
    try {
      await saveOffer(offerInput(offer, { status }));
      setMessage({ kind: 'done', text: t('page.statusChanged', { status: t(`status.${status}`) }) });
    } catch (error) {
      setMessage({ kind: 'failed', text: t('page.actionFailed', { message: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setBusy(false);
    }
  };

  const labels: Record<OfferStatusAction, string> = { withdraw: t('page.withdraw'), exhausted: t('page.exhausted'), reopen: t('page.reopen') };
  return (
    <section aria-labelledby="offer-manage-heading">
      <h3 id="offer-manage-heading">{t('page.manage')}</h3>
      <div className="offer-actions">
        {editable && (
          <RouteLink route={{ name: 'edit-offer', id: offer.id }} className="button primary" data-testid="offer-edit">
            {t('page.edit')}
          </RouteLink>
        )}
        {statusActions.map((action) => (
          <button key={action} type="button" className="button" data-testid={`offer-${action}`} disabled={busy} onClick={() => void run(action)}>
            {labels[action]}
          </button>
        ))}
      </div>
      {message && (
        <p className={message.kind === 'failed' ? 'field-error' : 'small'} role={message.kind === 'failed' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}

/** The open needs of other verified municipalities this offer fits best, with why. */
function MatchingNeeds({ offer, municipalities }: DetailsProps) {
  const { t, i18n } = useTranslation('offers');
  const language = i18n.resolvedLanguage ?? 'en';
  const profile = useProfile();
  const { documents: needs } = useDocuments('needs');
  const suggestions = useMemo(
    () => bestNeedsForOffer(offer, needs, { today: localToday(), municipalities }, MATCH_LIMIT),
    [offer, needs, municipalities],
  );
  return (
    <section aria-labelledby="offer-matches-heading">
      <h3 id="offer-matches-heading">{t('page.matches')}</h3>
      {offer.status !== 'open' ? (
        <p className="muted">{t('page.matchesClosed')}</p>
      ) : suggestions.length === 0 ? (
        <p className="muted">{t('page.matchesNone')}</p>
      ) : (
        <ul className="match-list" data-testid="offer-matches">
          {suggestions.map(({ item: need, score, reasons }) => {
            const needMunicipality = municipalities.get(need.municipalityId);
            return (
              <li key={need.id} className="match-card" data-testid="offer-match" data-need-id={need.id}>
                <h4>
                  <RouteLink route={{ name: 'need', id: need.id }}>
                    <span lang={need.language}>{need.title}</span>
                  </RouteLink>
                </h4>
                {needMunicipality && <p className="small">{municipalityName(needMunicipality, language)}</p>}
                <p className="match-reasons" data-testid="offer-match-reasons">
                  {[t('page.score', { score: formatNumber(Math.round(score), language) }), ...reasons.map((reason) => matchReasonText(reason, t, language))].join(' · ')}
                </p>
                {mayPledgeFromOffer(profile, offer, need, needMunicipality) && (
                  <RouteLink route={{ name: 'pledge', needId: need.id, offerId: offer.id }} className="button" data-testid="offer-pledge">
                    {t('page.pledge')}
                  </RouteLink>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
