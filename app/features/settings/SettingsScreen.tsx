import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../domain/account-protocol';
import { RefusedChanges } from '../sync';
import { RouteLink } from '../../components/RouteLink';
import { leaveTo } from '../../routes';
import { useStorageReport } from './useStorageReport';
import { BackupPanel } from './BackupPanel';
import { formatBytes, formatDateTime, municipalityName } from '../../i18n/format';
import { useConnectionStore } from '../../stores/connection-store';
import { useProfile } from '../../stores/session-store';

/** About this phone: who is signed in (and what they administer), its storage, copies of its data and the state of sync. */
export function SettingsScreen() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const profile = useProfile();
  const sync = useConnectionStore((state) => state.sync);
  const { report, warning, granted, requestPersistence } = useStorageReport();

  return (
    <section className="screen settings-screen" aria-labelledby="settings-heading">
      <div className="screen-heading">
        <h2 id="settings-heading">{t('settings.title')}</h2>
      </div>

      {profile && <AccountPanel profile={profile} language={language} />}


      <section className="panel" aria-labelledby="settings-storage" data-testid="storage-panel">
        <h3 id="settings-storage">{t('settings.storage')}</h3>
        {report && report.usage !== null && report.quota !== null ? (
          <>
            <p data-testid="storage-usage" data-usage={report.usage} data-quota={report.quota}>
              {t('settings.storageUsage', { used: formatBytes(report.usage, language), quota: formatBytes(report.quota, language) })}
            </p>
            <meter min={0} max={report.quota} value={report.usage} low={report.quota * 0.8} high={report.quota * 0.9} optimum={0} aria-label={t('settings.storage')} />
          </>
        ) : (
          report && <p>{t('settings.storageUnknown')}</p>
        )}
        {warning?.low && warning.free !== null && (
          <p className="field-error" role="alert" data-testid="storage-low">
            {t('storage.low', { free: formatBytes(warning.free, language) })}
          </p>
        )}
        {report?.persisted === true && (
          <p data-testid="storage-persistence" data-persisted="true">
            {t('storage.persistent')}
          </p>
        )}
        {report?.persisted === false && (
          <>
            <p className="field-error" data-testid="storage-persistence" data-persisted="false">
              {t('storage.notPersistentWarning')}
            </p>
            <button type="button" className="button" data-testid="storage-persist" onClick={() => void requestPersistence()}>
              {t('storage.askAgain')}
            </button>
            {granted === false && <p className="muted small">{t('settings.persistRefused')}</p>}
          </>
        )}
      </section>

      <BackupPanel />

      <section className="panel" aria-labelledby="settings-sync">
        <h3 id="settings-sync">{t('settings.sync')}</h3>
        <p>
          {sync?.lastSyncedAt ? t('settings.lastSynced', { time: formatDateTime(sync.lastSyncedAt, language) }) : t('settings.neverSynced')}
        </p>
        {sync?.lastError && <p className="muted small">{t('settings.lastError', { message: sync.lastError })}</p>}
      </section>

      <section className="panel" aria-labelledby="settings-refused">
        <h3 id="settings-refused">{t('settings.refused')}</h3>
        <RefusedChanges />
      </section>

      <button type="button" className="button" onClick={() => leaveTo({ name: 'home' })}>
        {t('nav.back')}
      </button>
    </section>
  );
}

/** Who is signed in, the way to their account, and the screens their role administers. */
function AccountPanel({ profile, language }: { profile: Profile; language: string }) {
  const { t } = useTranslation('account');
  const { role, memberStatus } = profile.actor;
  const moderator = role === 'moderator' && memberStatus === 'active';
  const coordinator = role === 'coordinator' && memberStatus !== 'removed';
  return (
    <section className="panel" aria-labelledby="settings-account">
      <h3 id="settings-account">{t('settings.account')}</h3>
      <p>
        {profile.member.displayName}
        {profile.municipality && <span className="muted">{`, ${municipalityName(profile.municipality, language)}`}</span>}
      </p>
      <p className="muted small">{profile.email}</p>
      <div className="link-list">
        <RouteLink route={{ name: 'account' }} className="button" data-testid="account-link">
          {t('settings.openAccount')}
        </RouteLink>
        <RouteLink route={{ name: 'municipalities' }} className="button" data-testid="municipalities-link">
          {t('title', { ns: 'municipalities' })}
        </RouteLink>
        <RouteLink route={{ name: 'pledges' }} className="button" data-testid="pledges-link">
          {t('list.title', { ns: 'pledges' })}
        </RouteLink>
        <RouteLink route={{ name: 'deliveries' }} className="button" data-testid="deliveries-link">
          {t('list.title', { ns: 'deliveries' })}
        </RouteLink>
        <RouteLink route={{ name: 'scan' }} className="button" data-testid="scan-link">
          {t('scan.title', { ns: 'deliveries' })}
        </RouteLink>
        {moderator && (
          <RouteLink route={{ name: 'moderation' }} className="button" data-testid="moderation-link">
            {t('settings.moderation')}
          </RouteLink>
        )}
        {coordinator && (
          <RouteLink route={{ name: 'members' }} className="button" data-testid="members-link">
            {t('settings.members')}
          </RouteLink>
        )}
      </div>
    </section>
  );
}
