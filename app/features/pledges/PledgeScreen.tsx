import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../domain/schemas/member';
import type { Need } from '../../../domain/schemas/need';
import type { Pledge } from '../../../domain/schemas/pledge';
import { RouteLink } from '../../components/RouteLink';
import { useMunicipalities } from '../../db/useDocuments';
import { formatCalendarDate, formatDateTime, municipalityName } from '../../i18n/format';
import { postedAt } from '../../lists/list-filters';
import { useProfile } from '../../stores/session-store';
import { CancelForm } from './CancelForm';
import { DispatchForm } from './DispatchForm';
import { ExpiryBadge } from './ExpiryBadge';
import { ExtendForm } from './ExtendForm';
import { PledgeHistory } from './PledgeHistory';
import { PledgeQuantities } from './PledgeQuantities';
import { RecordSyncState } from '../sync';
import { PledgeStatusBadge } from './PledgeStatusBadge';
import { pledgeActions } from './pledge-actions';
import type { PledgeView } from './pledge-views';
import { usePledge } from './usePledge';
import { PledgeNotFound } from './PledgeNotFound';
import './pledges.css';

/**
 * One pledge (`/pledges/:id`): its need, the two cities, what was pledged, dispatched and received,
 * the dates, the derived status and the history of events; and what the reader may do now, as the
 * rules say (domain/permissions.ts and the derived state): the sender dispatches, extends once and
 * cancels until delivery; the receiver confirms receipts and declines while nothing is on its way.
 * Every action is saved on the phone first and works offline.
 */
export function PledgeScreen({ id }: { id: Pledge['id'] }) {
  const { t } = useTranslation('pledges');
  const { view, need, members, loading, now } = usePledge(id);
  if (loading) return <p className="screen loading">{t('loading', { ns: 'common' })}</p>;
  if (!view) {
    return <PledgeNotFound testId="pledge-not-found" message={t('page.notFound')} toList={t('page.toList')} />;
  }
  return <PledgePage view={view} need={need} members={members} now={now} />;
}

type Open = 'dispatch' | 'cancel' | 'extend' | null;

function PledgePage({ view, need, members, now }: { view: PledgeView; need: Need | null; members: ReadonlyMap<Member['id'], Member>; now: number }) {
  const { t, i18n } = useTranslation('pledges');
  const language = i18n.resolvedLanguage ?? 'en';
  const profile = useProfile();
  const actor = profile?.actor ?? null;
  const { byId: municipalities } = useMunicipalities();
  const [open, setOpen] = useState<Open>(null);
  const { pledge, state, events } = view;
  const actions = useMemo(() => pledgeActions(actor, pledge, events, now, view.dispatchedQuantity), [actor, pledge, events, now, view.dispatchedQuantity]);
  const cityName = (id: string) => {
    const municipality = municipalities.get(id);
    return municipality ? municipalityName(municipality, language) : t('list.unknownMunicipality');
  };
  const otherParty = actions.party === 'sender' ? pledge.toMunicipalityId : actions.party === 'receiver' ? pledge.fromMunicipalityId : null;
  const toggle = (which: Exclude<Open, null>) => setOpen((current) => (current === which ? null : which));

  return (
    <article className="screen pledge-page" data-testid="pledge-page" data-pledge-id={pledge.id} data-status={state.status} aria-labelledby="pledge-page-title">
      <h2 id="pledge-page-title">
        {need ? (
          <RouteLink route={{ name: 'need', id: need.id }} data-testid="pledge-need-link">
            <span lang={need.language}>{need.title}</span>
          </RouteLink>
        ) : (
          t('card.unknownNeed')
        )}
      </h2>
      <p className="pledge-facts">
        <PledgeStatusBadge status={state.status} />
        <ExpiryBadge state={state} now={now} />
      </p>
      <RecordSyncState collection="pledges" id={pledge.id} variant="page" from={cityName(pledge.fromMunicipalityId)} />
      <PledgeQuantities pledge={pledge} dispatched={view.dispatchedQuantity} received={state.receivedQuantity} />
      <dl className="pledge-details">
        <dt>{t('page.from')}</dt>
        <dd data-testid="pledge-from">
          <RouteLink route={{ name: 'municipality', id: pledge.fromMunicipalityId }}>{cityName(pledge.fromMunicipalityId)}</RouteLink>
        </dd>
        <dt>{t('page.to')}</dt>
        <dd data-testid="pledge-to">
          <RouteLink route={{ name: 'municipality', id: pledge.toMunicipalityId }}>{cityName(pledge.toMunicipalityId)}</RouteLink>
        </dd>
        <dt>{t('page.pledgedOn')}</dt>
        <dd>{formatDateTime(postedAt(pledge), language)}</dd>
        {pledge.expectedDispatchOn && (
          <>
            <dt>{t('page.expectedDispatch')}</dt>
            <dd>{formatCalendarDate(pledge.expectedDispatchOn, language)}</dd>
          </>
        )}
        <dt>{t('page.expiresAt')}</dt>
        <dd data-testid="pledge-expires-at" data-expires-at={state.expiresAt}>
          {formatDateTime(state.expiresAt, language)}
          {state.expiresAt !== pledge.expiresAt && <span className="small"> {t('page.extended')}</span>}
        </dd>
        {pledge.note && (
          <>
            <dt>{t('page.note')}</dt>
            <dd className="pledge-note" lang={pledge.language}>
              {pledge.note}
            </dd>
          </>
        )}
      </dl>

      <div className="pledge-actions" data-testid="pledge-actions">
        {actions.dispatch && actor && (
          <button type="button" className="button primary" data-testid="pledge-dispatch" aria-expanded={open === 'dispatch'} onClick={() => toggle('dispatch')}>
            {t('actions.dispatch')}
          </button>
        )}
        {actions.receive && (
          <RouteLink route={{ name: 'pledge-receive', id: pledge.id }} className="button primary" data-testid="pledge-receive">
            {t('actions.receive')}
          </RouteLink>
        )}
        {actions.extend && actor && (
          <button type="button" className="button" data-testid="pledge-extend" aria-expanded={open === 'extend'} onClick={() => toggle('extend')}>
            {t('actions.extend')}
          </button>
        )}
        {actions.cancel && actor && (
          <button type="button" className="button danger" data-testid="pledge-cancel" aria-expanded={open === 'cancel'} onClick={() => toggle('cancel')}>
            {t('actions.cancel')}
          </button>
        )}
        <RouteLink route={{ name: 'pledge-sheet', id: pledge.id }} className="button" data-testid="pledge-sheet-link">
          {t('actions.sheet')}
        </RouteLink>
        {otherParty && (
          <RouteLink
            route={{ name: 'thread', subjectKind: 'pledge', subjectId: pledge.id, municipalityId: otherParty }}
            className="button"
            data-testid="pledge-message-link"
          >
            {t('actions.message', { municipality: cityName(otherParty) })}
          </RouteLink>
        )}
      </div>

      {actor && open === 'dispatch' && actions.dispatch && <DispatchForm view={view} actor={actor} onDone={() => setOpen(null)} />}
      {actor && open === 'extend' && actions.extend && <ExtendForm view={view} actor={actor} onDone={() => setOpen(null)} />}
      {actor && open === 'cancel' && actions.cancel && <CancelForm view={view} actor={actor} onDone={() => setOpen(null)} />}

      <section aria-labelledby="pledge-history-heading">
        <h3 id="pledge-history-heading">{t('page.history')}</h3>
        <PledgeHistory view={view} members={members} municipalities={municipalities} />
      </section>
    </article>
  );
}
