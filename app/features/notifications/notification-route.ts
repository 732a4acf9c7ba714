import type { Notification } from '../../../domain/rules/notifications';
import type { Route } from '../../routes';

/** The screen a notification opens: its pledge, its message thread, or the account (decisions). */
export function routeOfNotification(notification: Notification): Route {
  switch (notification.kind) {
    case 'message-new':
      return { name: 'thread', subjectKind: notification.subjectKind, subjectId: notification.subjectId, municipalityId: notification.counterpartId };
    case 'verification-decided':
      return { name: 'account' };
    default:
      return { name: 'pledge-page', id: notification.pledgeId };
  }
}
