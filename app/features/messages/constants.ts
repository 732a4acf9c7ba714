/** Limits of the messages feature. */

/** The longest message body (the schema's limit for visible text). */
export const MAX_MESSAGE_LENGTH = 4000;

/** Characters of a message shown as a thread's preview in the list. */
export const PREVIEW_LENGTH = 120;
