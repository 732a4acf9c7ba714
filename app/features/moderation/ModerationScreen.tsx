import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchPendingReview, rejectMember, rejectMunicipality, verifyMember, verifyMunicipality, type PendingReview } from '../../api/admin-api';
import { ApiError, UnreachableError } from '../../api/http';
import { AdminError } from '../../components/AdminError';
import { AdminNotice, type AdminNoticeContent } from '../../components/AdminNotice';
import { PendingMemberCard } from './PendingMemberCard';
import { PendingMunicipalityCard } from './PendingMunicipalityCard';
import { useConnectionStore } from '../../stores/connection-store';

/** How often the open screen asks again, so new applications appear without a tap. */
const REFRESH_EVERY_MS = 15_000;

/** The answer to one load of the pending list (`attempt` tells a stale answer from the current one). */
type Loaded = { attempt: number; review: PendingReview; error?: undefined } | { attempt: number; review?: undefined; error: unknown };

/** A decision whose answer means the list on screen is out of date. */
function isStale(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'already-decided' || error.code === 'not-found');
}

/**
 * The moderator's queue: municipalities and members waiting for verification, each with what the
 * applicant entered, to verify or reject with a reason. Decisions exist only on the server, so this
 * screen works online only; it says so instead of showing a stale list.
 */
export function ModerationScreen() {
  const { t } = useTranslation('admin');
  const browserOnline = useConnectionStore((state) => state.browserOnline);
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  // Decided here: kept off the list even if a load that started before the decision still has them.
  const [decided, setDecided] = useState<ReadonlySet<string>>(() => new Set());
  const [busyId, setBusyId] = useState<string | null>(null);
  const [notice, setNotice] = useState<AdminNoticeContent | null>(null);
  const dismissNotice = useCallback(() => setNotice(null), []);
  const reload = useCallback(() => setAttempt((previous) => previous + 1), []);

  // Loads again on every retry and whenever the phone comes back online.
  useEffect(() => {
    if (!browserOnline) return;
    let current = true;
    fetchPendingReview().then(
      (review) => current && setLoaded({ attempt, review }),
      (error: unknown) => current && setLoaded({ attempt, error }),
    );
    return () => {
      current = false;
    };
  }, [attempt, browserOnline]);

  // New applications arrive while the moderator works; a hidden tab does not poll.
  useEffect(() => {
    if (!browserOnline) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, REFRESH_EVERY_MS);
    return () => clearInterval(timer);
  }, [browserOnline, reload]);

  const review = loaded?.review;
  const loading = browserOnline && loaded?.attempt !== attempt;

  const municipalities = useMemo(() => (review?.municipalities ?? []).filter((item) => !decided.has(item.municipality.id)), [review, decided]);
  // The registrant of a pending municipality is decided with it (verifying it admits them), so
  // they are listed with the municipality, not a second time among the members.
  const members = useMemo(() => {
    const applicants = new Set(municipalities.flatMap((item) => (item.applicant ? [item.applicant.member.id] : [])));
    return (review?.members ?? []).filter((item) => !applicants.has(item.member.id) && !decided.has(item.member.id));
  }, [review, municipalities, decided]);

  const forget = (ids: string[]) => setDecided((previous) => new Set([...previous, ...ids]));

  /** Sends one decision; on success the item leaves the list, on a stale list the list is reloaded. */
  const decide = async (id: string, send: () => Promise<{ done: string; forget: string[] }>) => {
    setBusyId(id);
    setNotice(null);
    try {
      const outcome = await send();
      forget(outcome.forget);
      setNotice({ tone: 'done', text: outcome.done });
    } catch (error) {
      if (isStale(error)) reload();
      setNotice({
        tone: 'error',
        error,
        text: error instanceof ApiError && error.code === 'already-decided' ? t('moderation.alreadyDecided') : undefined,
      });
    } finally {
      setBusyId(null);
    }
  };

  let body;
  if (!browserOnline) {
    body = <AdminError error={new UnreachableError('offline')} onRetry={reload} data-testid="moderation-unavailable" />;
  } else if (loaded?.error !== undefined && loaded.attempt === attempt) {
    body = <AdminError error={loaded.error} onRetry={reload} data-testid="moderation-unavailable" />;
  } else if (!review) {
    body = <p className="loading">{t('moderation.loading')}</p>;
  } else if (municipalities.length === 0 && members.length === 0) {
    body = (
      <p className="empty" data-testid="moderation-empty">
        {t('moderation.empty')}
      </p>
    );
  } else {
    body = (
      <>
        {municipalities.length > 0 && (
          <section className="pending-section" aria-labelledby="pending-municipalities-heading">
            <div className="screen-heading">
              <h3 id="pending-municipalities-heading">{t('moderation.municipalities')}</h3>
              <span className="count">{t('moderation.municipalitiesCount', { count: municipalities.length })}</span>
            </div>
            <ul className="pending-list">
              {municipalities.map((item) => {
                const { municipality } = item;
                const name = municipality.nameLatin;
                return (
                  <PendingMunicipalityCard
                    key={municipality.id}
                    item={item}
                    busy={busyId === municipality.id}
                    onVerify={() =>
                      void decide(municipality.id, async () => {
                        const { member } = await verifyMunicipality(municipality.id);
                        const admitted = [member?.id, item.applicant?.member.id].filter((id): id is string => id !== undefined);
                        return { done: t('moderation.verifiedMunicipality', { name }), forget: [municipality.id, ...admitted] };
                      })
                    }
                    onReject={(reason) =>
                      void decide(municipality.id, async () => {
                        await rejectMunicipality(municipality.id, reason);
                        return { done: t('moderation.rejectedMunicipality', { name }), forget: [municipality.id] };
                      })
                    }
                  />
                );
              })}
            </ul>
          </section>
        )}
        {members.length > 0 && (
          <section className="pending-section" aria-labelledby="pending-members-heading">
            <div className="screen-heading">
              <h3 id="pending-members-heading">{t('moderation.members')}</h3>
              <span className="count">{t('moderation.membersCount', { count: members.length })}</span>
            </div>
            <ul className="pending-list">
              {members.map((item) => {
                const { member } = item;
                const name = member.displayName;
                return (
                  <PendingMemberCard
                    key={member.id}
                    item={item}
                    busy={busyId === member.id}
                    onVerify={() =>
                      void decide(member.id, async () => {
                        await verifyMember(member.id);
                        return { done: t('moderation.verifiedMember', { name }), forget: [member.id] };
                      })
                    }
                    onReject={(reason) =>
                      void decide(member.id, async () => {
                        await rejectMember(member.id, reason);
                        return { done: t('moderation.rejectedMember', { name }), forget: [member.id] };
                      })
                    }
                  />
                );
              })}
            </ul>
          </section>
        )}
      </>
    );
  }

  return (
    <section className="screen moderation-screen" data-testid="moderation-screen" aria-labelledby="moderation-heading" aria-busy={loading}>
      <div className="screen-heading">
        <h2 id="moderation-heading">{t('moderation.title')}</h2>
        {browserOnline && (
          <button type="button" className="button" data-testid="moderation-refresh" onClick={reload} disabled={loading}>
            {t('moderation.refresh')}
          </button>
        )}
      </div>
      <p className="muted small">{t('moderation.intro')}</p>
      <p className="muted small">{t('moderation.onlineOnly')}</p>
      {body}
      <AdminNotice notice={notice} onDismiss={dismissNotice} data-testid="moderation-notice" />
    </section>
  );
}
