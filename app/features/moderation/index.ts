/** The moderation feature as other features see it: everything outside this folder imports it from here. */
export { ModerationScreen } from './ModerationScreen';
