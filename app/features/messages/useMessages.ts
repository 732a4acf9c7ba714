/**
 * The messages of the member's municipality as screens need them: its threads with unread counts,
 * one thread's messages in order, and the unread total for the navigation and notifications.
 * Everything is read from the phone, so it works offline; counts use this phone's read marks.
 */
import { useMemo } from 'react';
import type { MangoQuery } from 'rxdb/plugins/core';
import { compareMessages, messageThreadId, threadsOf, type ThreadSummary } from '../../../domain/rules/message-thread';
import type { Member } from '../../../domain/schemas/member';
import type { Message } from '../../../domain/schemas/message';
import { useLocalStore } from '../../db/LocalStoreProvider';
import { useDocuments } from '../../db/useDocuments';
import { useProfile } from '../../stores/session-store';
import { useThreadReads } from './thread-reads';

const ALL_MESSAGES: MangoQuery<Message> = { selector: {} };

/**
 * The municipality whose threads the member reads: their own; null for a moderator of no
 * municipality, who reads every thread on the phone (to redact) and is party to none.
 */
export function useReaderMunicipality(): string | null {
  const profile = useProfile();
  return profile?.municipality ? profile.actor.municipalityId : null;
}

/** The threads of the member's municipality (a moderator's: every thread), latest activity first. */
export function useMyThreads(): { threads: ThreadSummary[]; loading: boolean } {
  const municipalityId = useReaderMunicipality();
  const { documents, loading } = useDocuments('messages', ALL_MESSAGES);
  const reads = useThreadReads(useLocalStore());
  const threads = useMemo(() => threadsOf(documents, municipalityId, reads ?? {}), [documents, municipalityId, reads]);
  return { threads, loading: loading || reads === null };
}

/** Unread messages of the member's municipality: the total and each thread's count (threads with none left out). */
export type UnreadMessages = { total: number; byThread: ReadonlyMap<Message['threadId'], number> };

const NO_UNREAD: UnreadMessages = { total: 0, byThread: new Map() };

/** The unread messages of the member's municipality (none until the read marks are loaded). */
export function useUnreadMessages(): UnreadMessages {
  const municipalityId = useReaderMunicipality();
  // Only messages to the municipality can be unread.
  const query = useMemo<MangoQuery<Message>>(() => ({ selector: { toMunicipalityId: municipalityId ?? '' } }), [municipalityId]);
  const { documents } = useDocuments('messages', query);
  const reads = useThreadReads(useLocalStore());
  return useMemo(() => {
    if (municipalityId === null || reads === null) return NO_UNREAD;
    const byThread = new Map<Message['threadId'], number>();
    let total = 0;
    for (const thread of threadsOf(documents, municipalityId, reads)) {
      if (thread.unread === 0) continue;
      byThread.set(thread.threadId, thread.unread);
      total += thread.unread;
    }
    return total === 0 ? NO_UNREAD : { total, byThread };
  }, [documents, municipalityId, reads]);
}

/**
 * The messages about `subjectId` between `reader` and `other` in thread order (`compareMessages`):
 * one thread. A reader of every thread (null) gets the messages about the subject to or from
 * `other`, with whichever municipality.
 */
export function useThreadMessages(subjectId: string, reader: string | null, other: string): { messages: Message[]; loading: boolean } {
  const threadId = reader === null ? null : messageThreadId(subjectId, reader, other);
  const query = useMemo<MangoQuery<Message>>(() => ({ selector: threadId === null ? { subjectId } : { threadId } }), [threadId, subjectId]);
  const { documents, loading } = useDocuments('messages', query);
  const messages = useMemo(
    () =>
      documents
        .filter((message) => threadId !== null || message.fromMunicipalityId === other || message.toMunicipalityId === other)
        .sort(compareMessages),
    [documents, threadId, other],
  );
  return { messages, loading };
}

/** Display names of the authors of `messages` that are on this phone, by member id. */
export function useAuthorNames(messages: readonly Message[]): ReadonlyMap<Member['id'], string> {
  const key = [...new Set(messages.map((message) => message.authorMemberId))].sort().join('\n');
  const query = useMemo<MangoQuery<Member>>(() => ({ selector: { id: { $in: key ? key.split('\n') : [] } } }), [key]);
  const { documents } = useDocuments('members', query);
  return useMemo(() => new Map(documents.map((member) => [member.id, member.displayName])), [documents]);
}
