/**
 * What concerns the member's municipality, newest first. Opening the list marks everything listed as
 * seen on this phone (the badge in the header drops to zero); what was new stays highlighted for
 * this visit, also what arrives while the list is open.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMunicipalities } from '../../db/useDocuments';
import { NotificationRow } from './NotificationRow';
import { useNotifications } from './useNotifications';
import './notifications.css';

export function NotificationsScreen() {
  const { t } = useTranslation('notifications');
  const { items, unseenCount, markAllSeen, loading, now } = useNotifications();
  const { byId } = useMunicipalities();

  // What was unseen when it was first shown stays highlighted until the member leaves.
  const [highlighted, setHighlighted] = useState<ReadonlySet<string>>(() => new Set());
  const unseenIds = items.filter((item) => item.unseen && !highlighted.has(item.id)).map((item) => item.id);
  if (unseenIds.length > 0) setHighlighted(new Set([...highlighted, ...unseenIds]));

  useEffect(() => {
    if (!loading && unseenCount > 0) void markAllSeen();
  }, [loading, unseenCount, markAllSeen]);

  return (
    <section className="screen notifications-screen" aria-labelledby="notifications-heading" data-testid="notifications-screen">
      <div className="screen-heading">
        <h2 id="notifications-heading">{t('title')}</h2>
      </div>
      {items.length === 0 ? (
        <p className="empty" data-testid="notifications-empty">
          {loading ? t('loading') : t('empty')}
        </p>
      ) : (
        <ul className="notification-list" data-testid="notifications-list">
          {items.map((item) => (
            <NotificationRow key={item.id} notification={item} highlighted={highlighted.has(item.id)} counterpart={'counterpartId' in item ? byId.get(item.counterpartId) : undefined} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}
