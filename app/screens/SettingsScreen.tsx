import { useTranslation } from 'react-i18next';
import { findOblast, oblastName } from '../geo/oblasts';
import { RefusedChanges } from '../components/RefusedChanges';
import { leaveTo } from '../hooks/useRoute';
import { useStorageReport } from '../hooks/useStorageReport';
import { formatBytes, formatDateTime } from '../i18n/format';
import { useConnectionStore } from '../stores/connection-store';
import { useMunicipality } from '../stores/settings-store';

/** About this phone: its municipality, its storage and the state of sync. */
export function SettingsScreen() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const municipality = useMunicipality();
  const sync = useConnectionStore((state) => state.sync);
  const { report, granted, requestPersistence } = useStorageReport();
  const oblast = findOblast(municipality?.pcode);

  return (
    <section className="screen settings-screen" aria-labelledby="settings-heading">
      <div className="screen-heading">
        <h2 id="settings-heading">{t('settings.title')}</h2>
      </div>

      {municipality && (
        <section className="panel" aria-labelledby="settings-municipality">
          <h3 id="settings-municipality">{t('settings.municipality')}</h3>
          <p>
            {municipality.name}
            {oblast && <span className="muted">{`, ${oblastName(oblast, language)}`}</span>}
          </p>
          <p className="muted small">
            {t('settings.municipalityId')}
            {': '}
            <code>{municipality.id}</code>
          </p>
        </section>
      )}

      <section className="panel" aria-labelledby="settings-storage">
        <h3 id="settings-storage">{t('settings.storage')}</h3>
        {report && report.usage !== null && report.quota !== null ? (
          <>
            <p>{t('settings.storageUsage', { used: formatBytes(report.usage, language), quota: formatBytes(report.quota, language) })}</p>
            <meter min={0} max={report.quota} value={report.usage} aria-label={t('settings.storage')} />
          </>
        ) : (
          report && <p>{t('settings.storageUnknown')}</p>
        )}
        {report?.persisted === true && <p>{t('settings.persisted')}</p>}
        {report?.persisted === false && (
          <>
            <p>{t('settings.notPersisted')}</p>
            <button type="button" className="button" onClick={() => void requestPersistence()}>
              {t('settings.persist')}
            </button>
            {granted === false && <p className="muted small">{t('settings.persistRefused')}</p>}
          </>
        )}
      </section>

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

      <button type="button" className="button" onClick={() => leaveTo({ name: 'needs' })}>
        {t('nav.back')}
      </button>
    </section>
  );
}
