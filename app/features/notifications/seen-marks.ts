/**
 * Which notifications this phone has shown (never synced: seen on one phone is not seen on
 * another). One RxDB local document, `notifications-seen` = `{ seenUpTo, ids }`:
 * - `seenUpTo`: every notification that arrived (`at`) at or before it counts as seen; it starts at
 *   the moment the phone first looked (history synced onto a new phone is not news);
 * - `ids`: the seen keys of the notifications shown at the last visit that arrived after
 *   `seenUpTo`. A notification is matched by key, not by time, because documents arrive out of
 *   order: after an offline period one collection may sync before another, so a pledge that
 *   reached the server an hour before a message already seen can reach this phone after it, and must
 *   still be new.
 * Only the newest MAX_LISTED notifications are listed; when the list is full, `seenUpTo` moves to
 * the oldest listed, which keeps `ids` at most MAX_LISTED long.
 */
import type { Notification } from '../../../domain/rules/notifications';

export const NOTIFICATIONS_SEEN_ID = 'notifications-seen';

/** The newest notifications listed (and counted); older ones are history nobody scrolls to. */
export const MAX_LISTED = 200;

export type SeenMarks = { seenUpTo: number; ids?: string[] };

/**
 * What identifies a notification as seen: its id, except for a thread's unread messages, which are
 * news again when a newer message arrives (same thread, same id, later `at`).
 */
export function seenKey(notification: Notification): string {
  return notification.kind === 'message-new' ? `${notification.id}@${notification.at}` : notification.id;
}

/** A test of "not seen yet" against `marks`. */
export function unseenTest(marks: SeenMarks): (notification: Notification) => boolean {
  const ids = new Set(marks.ids ?? []);
  return (notification) => notification.at > marks.seenUpTo && !ids.has(seenKey(notification));
}

/** The marks after `shown` (the listed notifications, newest first) were all seen. */
export function markSeen(shown: readonly Notification[], marks: SeenMarks): SeenMarks {
  const oldest = shown.at(-1);
  const seenUpTo = shown.length >= MAX_LISTED && oldest ? Math.max(marks.seenUpTo, oldest.at) : marks.seenUpTo;
  return { seenUpTo, ids: shown.filter((notification) => notification.at > seenUpTo).map(seenKey) };
}

/** Whether two marks say the same (so a visit that saw nothing new writes nothing). */
export function sameMarks(a: SeenMarks, b: SeenMarks): boolean {
  const left = a.ids ?? [];
  const right = new Set(b.ids ?? []);
  return a.seenUpTo === b.seenUpTo && left.length === right.size && left.every((id) => right.has(id));
}
