/** The messages feature as other features see it: everything outside this folder imports it from here. */
export { MessageLink } from './MessageLink';
export { useUnreadMessages } from './useMessages';
export type { UnreadMessages } from './useMessages';
export { mayMessage } from './message-writes';
