/** The notifications feature as other parts of the app see it: everything outside this folder imports it from here. */
export { NotificationsBell } from './NotificationsBell';
export { useNotifications } from './useNotifications';
export type { NotificationItem, Notifications } from './useNotifications';
