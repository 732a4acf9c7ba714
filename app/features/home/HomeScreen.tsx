import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../domain/account-protocol';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Need } from '../../../domain/schemas/need';
import { RouteLink } from '../../components/RouteLink';
import { useMunicipalities } from '../../db/useDocuments';
import { formatDateTime, formatEuros, formatNumber } from '../../i18n/format';
import { routeHref } from '../../routes';
import { useConnectionStore } from '../../stores/connection-store';
import { useProfile } from '../../stores/session-store';
import { SuggestionCard, useMunicipalityMatches } from '../matches';
import { ModerationScreen } from '../moderation';
import { useCanPostNeed, useNeeds, useNeedTotals, type NeedTotals } from '../needs';
import { REFUSED_CHANGES_HREF } from '../sync';
import { newestMatches, type PledgeLine } from './home-summaries';
import { PledgeSummary } from './PledgeSummary';
import { usePledgeLines } from './usePledgeLines';
import './home.css';

/** How many of each list the home screen shows before "see all". */
const SHOWN = { needs: 5, matches: 3, pledges: 5 } as const;

/** "See all" targets: the lists filtered to my municipality (need-filters'/offer-filters' `scope`). */
const MY_NEEDS_HREF = `${routeHref({ name: 'needs' })}?scope=mine`;
const PLEDGES_TO_US_HREF = `${routeHref({ name: 'pledges' })}?side=to-us`;
const PLEDGES_BY_US_HREF = `${routeHref({ name: 'pledges' })}?side=by-us`;

/**
 * The first screen once signed in. A member of a municipality sees the day's work: our open needs
 * and how far pledges cover them, new matches, pledges made to us and by us, and whether the phone
 * has sent everything. A moderator's home is the moderation queue.
 */
export function HomeScreen() {
  const profile = useProfile();
  if (!profile) return null;
  if (profile.municipality === null) {
    return (
      <div className="home-screen" data-testid="home-screen" data-home="moderator">
        <ModerationScreen />
      </div>
    );
  }
  return <MemberHome profile={profile} municipality={profile.municipality} />;
}

function MemberHome({ profile, municipality }: { profile: Profile; municipality: Municipality }) {
  const { t } = useTranslation('home');
  const waiting = profile.actor.memberStatus === 'pending' || !profile.actor.municipalityVerified;
  // Read once for both sections: every need on the phone (ours for the list, any for pledge titles).
  const { needs, loading } = useNeeds();
  return (
    <section className="screen home-screen" aria-labelledby="home-heading" data-testid="home-screen" data-home="member">
      <div className="screen-heading">
        <h2 id="home-heading">{t('title')}</h2>
      </div>
      {waiting && <WhileWaiting />}
      <OpenNeeds municipalityId={municipality.id} needs={needs} loading={loading} />
      <NewMatches municipalityId={municipality.id} />
      <Pledges municipalityId={municipality.id} needs={needs} />
      <SyncState />
    </section>
  );
}

function SectionHeading({ id, title, seeAll }: { id: string; title: string; seeAll?: { href: string; label: string } }) {
  return (
    <div className="home-section-heading">
      <h3 id={id}>{title}</h3>
      {seeAll && (
        <RouteLink route={seeAll.href} className="home-see-all">
          {seeAll.label}
        </RouteLink>
      )}
    </div>
  );
}

/** What a member waiting for verification can already do (the banner above says why they wait). */
function WhileWaiting() {
  const { t } = useTranslation('home');
  const canPost = useCanPostNeed();
  return (
    <section className="home-section home-waiting" aria-labelledby="home-waiting-heading" data-testid="home-waiting">
      <SectionHeading id="home-waiting-heading" title={t('waiting.heading')} />
      <p>{t('waiting.text')}</p>
      <div className="home-actions">
        {canPost && (
          <RouteLink route={{ name: 'new-need' }} className="button primary">
            {t('waiting.prepare')}
          </RouteLink>
        )}
        <RouteLink route={{ name: 'offers' }} className="button">
          {t('waiting.browse')}
        </RouteLink>
      </div>
    </section>
  );
}

function OpenNeeds({ municipalityId, needs, loading }: { municipalityId: Municipality['id']; needs: readonly Need[]; loading: boolean }) {
  const { t } = useTranslation('home');
  const canPost = useCanPostNeed();
  const mine = useMemo(() => needs.filter((need) => need.municipalityId === municipalityId && need.status === 'open'), [needs, municipalityId]);
  const totals = useNeedTotals(mine);
  const shown = mine.slice(0, SHOWN.needs);
  return (
    <section className="home-section" aria-labelledby="home-needs-heading" data-testid="home-open-needs" aria-busy={loading}>
      <SectionHeading id="home-needs-heading" title={t('openNeeds.heading')} seeAll={{ href: MY_NEEDS_HREF, label: t('openNeeds.seeAll') }} />
      {!loading && mine.length === 0 ? (
        <div className="empty">
          <p>{t('openNeeds.empty')}</p>
          {canPost && (
            <RouteLink route={{ name: 'new-need' }} className="button primary">
              {t('openNeeds.post')}
            </RouteLink>
          )}
        </div>
      ) : (
        <ul className="home-list">
          {shown.map((need) => (
            <OpenNeed key={need.id} need={need} totals={totals.get(need.id)} />
          ))}
        </ul>
      )}
      {mine.length > shown.length && <p className="home-more">{t('openNeeds.more', { count: mine.length - shown.length })}</p>}
    </section>
  );
}

/** One open need with bars for what is pledged and what has arrived. */
function OpenNeed({ need, totals }: { need: Need; totals: NeedTotals | undefined }) {
  const { t, i18n } = useTranslation('home');
  const language = i18n.resolvedLanguage ?? 'en';
  const amount = (value: number) =>
    t(`quantity.${need.unit}`, { ns: 'needs', count: value, value: need.unit === 'eur' ? formatEuros(value, language) : formatNumber(value, language) });
  const pledged = totals?.pledged ?? 0;
  const received = totals?.received ?? 0;
  return (
    <li className="home-need" data-testid="home-need" data-need-id={need.id}>
      <p className="home-need-title">
        <RouteLink route={{ name: 'need', id: need.id }}>
          <span lang={need.language}>{need.title}</span>
        </RouteLink>
      </p>
      {need.quantity === undefined ? (
        <p className="home-need-count" data-testid="home-need-pledged">
          {totals && totals.livePledges > 0 ? t('openNeeds.pledgeCount', { count: totals.livePledges }) : t('openNeeds.noPledges')}
        </p>
      ) : (
        <>
          <Progress share={pledged / need.quantity} kind="pledged" testId="home-need-pledged" label={t('openNeeds.pledged', { amount: amount(pledged), needed: amount(need.quantity) })} />
          <Progress share={received / need.quantity} kind="received" testId="home-need-received" label={t('openNeeds.received', { amount: amount(received), needed: amount(need.quantity) })} />
        </>
      )}
    </li>
  );
}

/** A labelled bar; the text says the numbers, the bar only shows them. */
function Progress({ share, kind, label, testId }: { share: number; kind: 'pledged' | 'received'; label: string; testId: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, share)) * 100);
  return (
    <div className={`home-progress home-progress-${kind}`} data-testid={testId} data-percent={percent}>
      <span className="home-progress-label">{label}</span>
      <span className="home-bar" aria-hidden="true">
        <span className="home-bar-fill" style={{ width: `${percent}%` }} />
      </span>
    </div>
  );
}

function NewMatches({ municipalityId }: { municipalityId: Municipality['id'] }) {
  const { t } = useTranslation('home');
  const { matches, municipalities, loading } = useMunicipalityMatches(municipalityId);
  const pairs = useMemo(() => newestMatches(matches, SHOWN.matches), [matches]);
  return (
    <section className="home-section" aria-labelledby="home-matches-heading" data-testid="home-matches" aria-busy={loading}>
      <SectionHeading id="home-matches-heading" title={t('matches.heading')} seeAll={{ href: routeHref({ name: 'matches' }), label: t('matches.seeAll') }} />
      {!loading && pairs.length === 0 ? (
        <p className="empty">{t('matches.empty')}</p>
      ) : (
        <ul className="match-suggestions">
          {pairs.map((pair) => (
            <SuggestionCard
              key={`${pair.mine.id}:${pair.suggestion.item.id}`}
              kind={pair.kind}
              suggestion={pair.suggestion}
              municipality={municipalities.get(pair.suggestion.item.municipalityId)}
              forItem={pair.mine}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function Pledges({ municipalityId, needs }: { municipalityId: Municipality['id']; needs: readonly Need[] }) {
  const { t } = useTranslation('home');
  const { pledges, loading } = usePledgeLines(municipalityId);
  const { byId: municipalities } = useMunicipalities();
  const needsById = useMemo(() => new Map(needs.map((need) => [need.id, need])), [needs]);
  const list = (lines: readonly PledgeLine[], direction: 'to-us' | 'by-us') => (
    <ul className="home-list">
      {lines.slice(0, SHOWN.pledges).map((line) => (
        <PledgeSummary
          key={line.pledge.id}
          line={line}
          need={needsById.get(line.pledge.needId)}
          municipality={municipalities.get(line.otherMunicipalityId)}
          direction={direction}
        />
      ))}
    </ul>
  );
  return (
    <>
      <section className="home-section" aria-labelledby="home-to-us-heading" data-testid="home-pledges-to-us" aria-busy={loading}>
        <SectionHeading id="home-to-us-heading" title={t('pledgesToUs.heading')} seeAll={{ href: PLEDGES_TO_US_HREF, label: t('pledgesToUs.seeAll') }} />
        {!loading && pledges.toUs.length === 0 ? <p className="empty">{t('pledgesToUs.empty')}</p> : list(pledges.toUs, 'to-us')}
      </section>
      <section className="home-section" aria-labelledby="home-by-us-heading" data-testid="home-pledges-by-us" aria-busy={loading}>
        <SectionHeading id="home-by-us-heading" title={t('pledgesByUs.heading')} seeAll={{ href: PLEDGES_BY_US_HREF, label: t('pledgesByUs.seeAll') }} />
        {!loading && pledges.byUs.length === 0 ? <p className="empty">{t('pledgesByUs.empty')}</p> : list(pledges.byUs, 'by-us')}
      </section>
    </>
  );
}

/** Whether the phone has sent everything (and what the server refused), and when it last heard from the server. */
function SyncState() {
  const { t, i18n } = useTranslation('home');
  const language = i18n.resolvedLanguage ?? 'en';
  const sync = useConnectionStore((state) => state.sync);
  const pending = sync?.pending ?? 0;
  const refused = useConnectionStore((state) => state.refused);
  return (
    <section className="home-section" aria-labelledby="home-sync-heading" data-testid="home-sync" data-pending={pending} data-refused={refused}>
      <SectionHeading id="home-sync-heading" title={t('sync.heading')} />
      <p>{pending > 0 ? t('sync.pending', { count: pending }) : t('sync.allSent')}</p>
      {refused > 0 && (
        <p className="home-sync-refused" data-testid="home-sync-refused">
          {t('sync.refused', { count: refused })}{' '}
          <RouteLink route={REFUSED_CHANGES_HREF}>{t('sync.refusedLink')}</RouteLink>
        </p>
      )}
      <p>{sync?.lastSyncedAt ? t('sync.lastSync', { time: formatDateTime(sync.lastSyncedAt, language) }) : t('sync.never')}</p>
      <RouteLink route={{ name: 'settings' }} className="button">
        {t('sync.settings')}
      </RouteLink>
    </section>
  );
}
