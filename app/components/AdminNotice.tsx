import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminError } from './AdminError';

/** What the last action on an admin screen came to: done (a short confirmation) or failed. */
export type AdminNoticeContent = { tone: 'done'; text: string } | { tone: 'error'; error: unknown; text?: string };

/** A confirmation stays this long; an error stays until dismissed or replaced. */
const DONE_SHOWN_MS = 8000;

type Props = { notice: AdminNoticeContent | null; onDismiss: () => void; 'data-testid': string };

/**
 * The outcome of a decision, pinned to the bottom of the screen so it is seen wherever the list was
 * scrolled to (the item it was about has usually left the list). The region is always present, so
 * screen readers announce what appears in it.
 */
export function AdminNotice({ notice, onDismiss, 'data-testid': testId }: Props) {
  const { t } = useTranslation('admin');
  useEffect(() => {
    if (notice?.tone !== 'done') return;
    const timer = setTimeout(onDismiss, DONE_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [notice, onDismiss]);
  return (
    <div className="admin-notice-region" aria-live="polite">
      {notice && (
        <div className={`admin-notice admin-notice-${notice.tone}`} data-testid={testId} data-tone={notice.tone}>
          {notice.tone === 'done' ? <p>{notice.text}</p> : notice.text ? <p role="alert">{notice.text}</p> : <AdminError error={notice.error} />}
          <button type="button" className="button" onClick={onDismiss}>
            {t('notice.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
