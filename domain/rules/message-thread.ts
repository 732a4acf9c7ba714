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
