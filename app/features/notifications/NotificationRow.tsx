import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Municipality } from '../../../domain/schemas/municipality';
import { RouteLink } from '../../components/RouteLink';
import { useAmount } from '../../hooks/useAmount';
import { formatDateTime, municipalityName } from '../../i18n/format';
import { routeOfNotification } from './notification-route';
import { formatRelativeTime } from './relative-time';
import type { NotificationItem } from './useNotifications';

type Props = {
  notification: NotificationItem;
  /** Shown as new during this visit (it was unseen when the list opened). */
  highlighted: boolean;
  /** The municipality on the other side, when it is on the phone. */
  counterpart: Municipality | undefined;
  now: number;
};

/** One notification: a sentence saying what happened, how long ago, linking to what it is about. */
export const NotificationRow = memo(function NotificationRow({ notification: item, highlighted, counterpart, now }: Props) {
  const { t, i18n } = useTranslation('notifications');
  const amountIn = useAmount();
  const language = i18n.resolvedLanguage ?? 'en';
  const municipality = counterpart ? municipalityName(counterpart, language) : t('unknownMunicipality');
  let text: string;
  let reason: string | undefined;
  if (item.kind === 'message-new') {
    text = t('sentence.messageNew', { count: item.count, municipality });
  } else if (item.kind === 'verification-decided') {
    const key = `${item.subject}${item.status === 'verified' ? 'Verified' : 'Rejected'}` as const;
    text = t(`sentence.${key}`);
    reason = item.reason;
  } else {
    const need = item.need ? t('need', { title: item.need.title }) : t('unknownNeed');
    const amount = (value: number) => amountIn(value, item.unit);
    const side = item.direction === 'by-us' ? 'ByUs' : 'ToUs';
    switch (item.kind) {
      case 'pledge-new':
        text = t('sentence.pledgeNew', { municipality, quantity: amount(item.quantity), need });
        break;
      case 'pledge-dispatched':
        text = t('sentence.pledgeDispatched', { municipality, quantity: amount(item.quantity), need });
        break;
      case 'pledge-received':
        text = t(item.complete ? 'sentence.pledgeReceived' : 'sentence.pledgeReceivedPartly', { municipality, quantity: amount(item.quantity), need });
        break;
      case 'pledge-cancelled':
        text = t(`sentence.pledgeCancelled${side}`, { municipality, need });
        reason = item.reason;
        break;
      case 'pledge-expiring':
        text = t(`sentence.pledgeExpiring${side}`, { municipality, need, date: formatDateTime(item.expiresAt, language) });
        break;
      case 'pledge-expired':
        text = t(`sentence.pledgeExpired${side}`, { municipality, need });
        break;
    }
  }
  const unseen = item.unseen || highlighted;
  return (
    <li className={unseen ? 'notification notification-unseen' : 'notification'} data-testid="notification" data-kind={item.kind} data-unseen={unseen}>
      <RouteLink route={routeOfNotification(item)} className="notification-link" data-testid="notification-link">
        {unseen && <span className="notification-new">{t('new')}</span>}
        <span className="notification-text">{text}</span>
        {reason && <span className="notification-reason">{t('reason', { reason })}</span>}
        <time className="notification-time" dateTime={new Date(item.at).toISOString()}>
          {formatRelativeTime(item.at, now, language)}
        </time>
      </RouteLink>
    </li>
  );
});
