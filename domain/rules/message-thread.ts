/**
 * Message threads: one private thread per subject (need, offer or pledge) and pair of
 * municipalities. The thread id is derived, not chosen, so both sides of a conversation written
 * offline land in the same thread without coordinating.
 */
import type { Message } from '../schemas/message';

/** The thread of a message: one per subject and unordered pair of municipalities. */
export function messageThreadId(subjectId: Message['subjectId'], municipalityA: string, municipalityB: string): Message['threadId'] {
  const [first, second] = [municipalityA, municipalityB].sort();
  return `${subjectId}:${first}:${second}`;
}

/** Whether a message's stored thread id is the one its subject and municipalities imply. */
export function hasConsistentThread(message: Pick<Message, 'threadId' | 'subjectId' | 'fromMunicipalityId' | 'toMunicipalityId'>): boolean {
  return (
    message.fromMunicipalityId !== message.toMunicipalityId &&
    message.threadId === messageThreadId(message.subjectId, message.fromMunicipalityId, message.toMunicipalityId)
  );
}

/** The municipality a message of `municipalityId`'s threads was exchanged with. */
export function counterpartOf(message: Pick<Message, 'fromMunicipalityId' | 'toMunicipalityId'>, municipalityId: string): string {
  return message.fromMunicipalityId === municipalityId ? message.toMunicipalityId : message.fromMunicipalityId;
}

/**
 * When a message reached the server: `meta.createdAt`, the server's time of its first acceptance,
 * which a moderator's redaction and the server's re-saves keep (`serverUpdatedAt` moves with them,
 * so a message already read would turn unread again when redacted). Falls back to
 * `meta.serverUpdatedAt`, then to the author's stamp (a message the server has not echoed yet).
 * A message written offline days ago arrives now, so it is compared by this time, not its stamp.
 */
export function messageArrivedAt(message: Pick<Message, 'updatedAt' | 'meta'>): number {
  return message.meta?.createdAt ?? message.meta?.serverUpdatedAt ?? message.updatedAt;
}

/** The order of a thread: by stamp, then id (both sides agree without coordinating). */
export function compareMessages(a: Pick<Message, 'updatedAt' | 'id'>, b: Pick<Message, 'updatedAt' | 'id'>): number {
  return a.updatedAt - b.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Whether `message` counts as unread for `municipalityId` with the thread read up to `readUpTo`. */
export function isUnread(message: Pick<Message, 'fromMunicipalityId' | 'toMunicipalityId' | 'updatedAt' | 'meta'>, municipalityId: string, readUpTo: number): boolean {
  return message.toMunicipalityId === municipalityId && message.fromMunicipalityId !== municipalityId && messageArrivedAt(message) > readUpTo;
}

/** How many messages of one thread `municipalityId` has not read: theirs, arrived after the mark. */
export function unreadCount(messages: readonly Message[], municipalityId: string, readUpTo = 0): number {
  let count = 0;
  for (const message of messages) if (isUnread(message, municipalityId, readUpTo)) count += 1;
  return count;
}

/**
 * The mark to keep when `municipalityId` has read `messages` (one thread): the latest arrival of the
 * other side's messages. Own messages do not move it: their stamps come from this phone's clock,
 * which may run ahead of the server's and would hide replies arriving meanwhile.
 */
export function readMarkOf(messages: readonly Message[], municipalityId: string, previous = 0): number {
  let mark = previous;
  for (const message of messages) {
    if (message.fromMunicipalityId !== municipalityId) mark = Math.max(mark, messageArrivedAt(message));
  }
  return mark;
}

/** One thread as a list of threads shows it. */
export type ThreadSummary = {
  threadId: Message['threadId'];
  subjectKind: Message['subjectKind'];
  subjectId: Message['subjectId'];
  /** The other municipality of the thread (for a reader of every thread: the last message's recipient). */
  otherMunicipalityId: string;
  /** Both municipalities of the thread, sorted. */
  municipalityIds: readonly [string, string];
  /** The last message in thread order (`compareMessages`). */
  last: Message;
  /** The latest arrival (or, for messages still on this phone only, stamp): what the list sorts by. */
  lastActivity: number;
  messageCount: number;
  unread: number;
};

/**
 * The threads of `municipalityId` among `messages`, latest activity first, with unread counts
 * against the per-thread read marks in `reads`. One pass over the messages (thousands of them on a
 * busy phone); messages of threads the municipality is not part of are left out. `null` lists
 * every thread, none unread (a moderator's phone holds every thread; moderators are no party).
 */
export function threadsOf(messages: readonly Message[], municipalityId: string | null, reads: Readonly<Record<string, number>> = {}): ThreadSummary[] {
  const threads = new Map<string, ThreadSummary>();
  for (const message of messages) {
    if (municipalityId !== null && message.fromMunicipalityId !== municipalityId && message.toMunicipalityId !== municipalityId) continue;
    const arrived = messageArrivedAt(message);
    const unread = municipalityId !== null && isUnread(message, municipalityId, reads[message.threadId] ?? 0) ? 1 : 0;
    const thread = threads.get(message.threadId);
    if (thread === undefined) {
      threads.set(message.threadId, {
        threadId: message.threadId,
        subjectKind: message.subjectKind,
        subjectId: message.subjectId,
        otherMunicipalityId: municipalityId === null ? message.toMunicipalityId : counterpartOf(message, municipalityId),
        municipalityIds: [message.fromMunicipalityId, message.toMunicipalityId].sort() as [string, string],
        last: message,
        lastActivity: arrived,
        messageCount: 1,
        unread,
      });
      continue;
    }
    if (compareMessages(message, thread.last) > 0) {
      thread.last = message;
      if (municipalityId === null) thread.otherMunicipalityId = message.toMunicipalityId;
    }
    thread.lastActivity = Math.max(thread.lastActivity, arrived);
    thread.messageCount += 1;
    thread.unread += unread;
  }
  return [...threads.values()].sort((a, b) => b.lastActivity - a.lastActivity || (a.threadId < b.threadId ? -1 : 1));
}
