/**
 * The message documents the screens write, and whether the rules let the member write them, asked
 * of the same `checkWrite` the server enforces (domain/permissions.ts), so the app never offers a
 * composer or a redaction the server would refuse.
 */
import { MAX_MESSAGE_LENGTH } from './constants';
import { REDACTED_MESSAGE_BODY, type SubjectKind } from '../../../domain/constants';
import { checkWrite, type Actor } from '../../../domain/permissions';
import { messageThreadId } from '../../../domain/rules/message-thread';
import type { Message } from '../../../domain/schemas/message';

/** What the composer knows when the member sends. */
export type Draft = {
  id: Message['id'];
  subjectKind: SubjectKind;
  subjectId: string;
  /** The other municipality of the thread. */
  toMunicipalityId: string;
  body: string;
  /** The interface language: the member writes in it. */
  language: string;
};

/** The message a member writes from their own municipality (the clock adds `updatedAt` when it is saved). */
export function messageFrom(actor: Actor, draft: Draft): Omit<Message, 'updatedAt'> {
  return {
    id: draft.id,
    threadId: messageThreadId(draft.subjectId, actor.municipalityId, draft.toMunicipalityId),
    subjectKind: draft.subjectKind,
    subjectId: draft.subjectId,
    fromMunicipalityId: actor.municipalityId,
    toMunicipalityId: draft.toMunicipalityId,
    authorMemberId: actor.memberId,
    body: draft.body.trim().slice(0, MAX_MESSAGE_LENGTH),
    language: draft.language,
  };
}

/** Whether `actor` may write to `municipalityId` about a subject (a probe message, judged as the server would). */
export function mayMessage(actor: Actor | null, subjectKind: SubjectKind, subjectId: string, municipalityId: string): boolean {
  if (actor === null || municipalityId === actor.municipalityId) return false;
  const probe = messageFrom(actor, { id: 'message-probe-0001', subjectKind, subjectId, toMunicipalityId: municipalityId, body: 'probe', language: 'en' });
  return checkWrite(actor, 'messages', undefined, { ...probe, updatedAt: 0 }).allowed;
}

/** A moderator's redaction of `message`: the body replaced, photos dropped, `redacted` set, nothing else changed. */
export function redactionOf(message: Message): Message {
  const { photoIds: _photoIds, ...rest } = message;
  return { ...rest, body: REDACTED_MESSAGE_BODY, redacted: true };
}

/** Whether `actor` may redact `message` (only moderators, only once). */
export function mayRedact(actor: Actor | null, message: Message): boolean {
  return message.redacted !== true && checkWrite(actor, 'messages', message, { ...redactionOf(message), updatedAt: message.updatedAt + 1 }).allowed;
}
