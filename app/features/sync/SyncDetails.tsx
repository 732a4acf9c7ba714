import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format';
import { useSyncDetails, useSyncNow, type CollectionSyncDetails } from '../../stores/connection-store';
import type { SyncErrorKind } from '../../db/sync-errors';
import { SyncProgressBar } from './SyncProgressBar';

type Props = {
  id: string;
  onClose: () => void;
};

/**
 * The sync indicator's details: per collection what waits and what is being received, the last
 * successful sync, the last problem in words, and "Sync now".
 */
export function SyncDetails({ id, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const details = useSyncDetails();
  const syncNow = useSyncNow();
  const reason = (kind: SyncErrorKind | null, message: string | null) =>
    kind === 'unknown' || !kind ? (message ?? '') : t(`sync.error.${kind}`);
  return (
    <section id={id} className="sync-details" data-testid="sync-details" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="sync-details-title">
        {t('sync.details')}
      </h2>
      <p data-testid="sync-last-success">
        {details.lastSyncedAt ? t('sync.lastSuccess', { time: formatDateTime(details.lastSyncedAt, language) }) : t('sync.neverSynced')}
      </p>
      <p data-testid="sync-last-error" data-kind={details.lastErrorKind ?? ''} className={details.lastError ? 'sync-details-error' : 'muted'}>
        {details.lastError ? t('sync.lastError', { reason: reason(details.lastErrorKind, details.lastError) }) : t('sync.noProblem')}
      </p>
      <ul className="sync-details-list">
        {details.collections.map((row) => (
          <CollectionRow key={row.collection} row={row} />
        ))}
      </ul>
      <div className="sync-details-actions">
        <button type="button" className="button primary" data-testid="sync-now" onClick={syncNow}>
          {t('sync.syncNow')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('sync.close')}
        </button>
      </div>
    </section>
  );
}

function CollectionRow({ row }: { row: CollectionSyncDetails }) {
  const { t } = useTranslation();
  const name = t(`sync.collection.${row.collection}`);
  return (
    <li
      className="sync-details-row"
      data-testid="sync-details-row"
      data-collection={row.collection}
      data-pending={String(row.pending)}
      data-received={String(row.received)}
      data-remaining={String(row.remaining)}
    >
      <span className="sync-details-name">{name}</span>
      <span className={row.pending > 0 ? 'sync-details-pending' : 'muted'}>
        {row.pending > 0 ? t('sync.pending', { count: row.pending }) : t('sync.nothingWaiting')}
      </span>
      {row.remaining > 0 && <SyncProgressBar received={row.received} remaining={row.remaining} label={name} />}
    </li>
  );
}
