import { useTranslation } from 'react-i18next';
import { useConnectionSummary } from '../../stores/connection-store';

/** Online or offline, and how many local changes wait for the server. */
export function SyncIndicator() {
  const { t } = useTranslation();
  const { online, phase, pending, refused } = useConnectionSummary();
  const detail =
    pending > 0 ? t('sync.pending', { count: pending }) : online ? t('sync.allSynced') : t('sync.savedOnPhone');
  return (
    <div
      className={`sync-indicator sync-${phase}`}
      data-testid="sync-indicator"
      data-online={String(online)}
      data-pending={String(pending)}
      role="status"
      aria-label={t('sync.label')}
    >
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-phase">{t(`sync.${phase}`)}</span>
      <span className="sync-detail">{detail}</span>
      {refused > 0 && <span className="sync-refused">{t('sync.refused', { count: refused })}</span>}
    </div>
  );
}
