import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnectionSummary, useSyncCatchUp } from '../../stores/connection-store';
import { SyncDetails } from './SyncDetails';
import { SyncProgressBar } from './SyncProgressBar';
import './sync.css';

/**
 * Online or offline, how many local changes wait for the server, and during a first sync or a long
 * catch-up how far it has come. Tapping it opens the details (per collection, last sync, last
 * problem, "Sync now").
 */
export function SyncIndicator() {
  const { t } = useTranslation();
  const { online, phase, pending, refused } = useConnectionSummary();
  const catchUp = useSyncCatchUp();
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const detail =
    pending > 0 ? t('sync.pending', { count: pending }) : online ? t('sync.allSynced') : t('sync.savedOnPhone');
  return (
    <>
      <div
        className={`sync-indicator sync-${phase}`}
        data-testid="sync-indicator"
        data-online={String(online)}
        data-pending={String(pending)}
        data-phase={phase}
        role="status"
        aria-label={t('sync.label')}
      >
        <button
          type="button"
          className="sync-toggle"
          aria-expanded={open}
          aria-controls={detailsId}
          title={t('sync.showDetails')}
          onClick={() => setOpen(!open)}
        >
          <span className="sync-dot" aria-hidden="true" />
          <span className="sync-phase">{t(`sync.${phase}`)}</span>
          <span className="sync-detail">{detail}</span>
          {refused > 0 && <span className="sync-refused">{t('sync.refused', { count: refused })}</span>}
        </button>
      </div>
      {catchUp && <SyncProgressBar received={catchUp.received} remaining={catchUp.remaining} />}
      {open && <SyncDetails id={detailsId} onClose={() => setOpen(false)} />}
    </>
  );
}
