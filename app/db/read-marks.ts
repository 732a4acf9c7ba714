/**
 * Per-thread read marks of this phone (never synced): how far the member has read each message
 * thread. One RxDB local document, `thread-reads`, holding `{ [threadId]: readUpTo }` where
 * `readUpTo` is the arrival time (domain/rules/message-thread.ts `messageArrivedAt`) of the newest
 * message of the other side read.
 * Shared by the messages feature (which writes it when a thread is shown) and notifications (which
 * count what is unread). Guarantee: a mark only moves forward.
 */
import type { Message } from '../../domain/schemas/message';
import type { ThreadReads } from '../../domain/rules/notifications';

export type { ThreadReads };
import type { LocalStore } from './local-store';
import { map, type Observable } from 'rxjs';
import { updateLocalDocument, useLocalDocument } from './useLocalDocument';

/** The id of the local document of read marks. */
export const THREAD_READS_ID = 'thread-reads';

const NONE: ThreadReads = {};

/** The read marks of every thread on this phone, kept current ({} until read, or when none). */
export function useThreadReads(): ThreadReads {
  return useLocalDocument<Record<string, number>>(THREAD_READS_ID).data ?? NONE;
}

/** Marks `threadId` read up to `readUpTo` (an arrival time); an older mark than the stored one changes nothing. */
export function markThreadRead(store: LocalStore, threadId: Message['threadId'], readUpTo: number): Promise<void> {
  return updateLocalDocument<Record<string, number>>(store, THREAD_READS_ID, (current) => {
    if ((current?.[threadId] ?? 0) >= readUpTo) return null;
    return { ...current, [threadId]: readUpTo };
  });
}

/** The read marks of every thread on `store`, as they change (for UI outside the store provider). */
export function threadReads$(store: LocalStore): Observable<ThreadReads> {
  return store.db.getLocal$<Record<string, number>>(THREAD_READS_ID).pipe(map((doc) => (doc ? doc.toJSON().data : NONE)));
}
