/**
 * Write rule for append-only documents (pledges, pledge events, messages, photo metadata): they are
 * written once and never change, which is why they never conflict. The server asks this before
 * writing a pushed document of those collections; the app asks it to hide what would be refused.
 *
 * Allowed: the first write; a re-write with the same content (a retried push; the stored copy is
 * kept, so a stamp the server clamped does not turn a retry into a refusal); a moderator's redaction
 * of a message (the body is replaced and its photos dropped; that it was sent, by whom, stays).
 * Everything else is refused, deletion included.
 */
import { REDACTED_MESSAGE_BODY, type MemberRole } from '../constants';
import { jsonEqual, withoutServerFields, type WireDocument } from '../documents';

export type AppendOnlyCollection = 'pledges' | 'pledge_events' | 'messages' | 'photos';

export type AppendOnlyRefusal = 'append-only' | 'moderator-only' | 'invalid-redaction';

export type AppendOnlyVerdict =
  | { allowed: true; write: 'create' | 'redaction' }
  /** Nothing to write: the stored document already says this. */
  | { allowed: true; write: 'none' }
  | { allowed: false; code: AppendOnlyRefusal };

/** What may differ between a stored document and a retry of it: the server-set fields and the stamp. */
function content(doc: WireDocument): Partial<WireDocument> {
  const copy = withoutServerFields(doc);
  delete copy.updatedAt;
  return copy;
}

function isRedacted(doc: WireDocument | undefined): boolean {
  return doc?.redacted === true;
}

/** A redaction changes the body to the marker, drops photos and sets `redacted`; nothing else. */
function isValidRedaction(stored: WireDocument, incoming: WireDocument): boolean {
  const { body, photoIds, redacted: _redacted, ...rest } = content(incoming);
  const { body: _body, photoIds: _photoIds, redacted: _storedRedacted, ...storedRest } = content(stored);
  const photosDropped = photoIds === undefined || (Array.isArray(photoIds) && photoIds.length === 0);
  return body === REDACTED_MESSAGE_BODY && photosDropped && jsonEqual(rest, storedRest);
}

/** Whether `incoming` may be written over `stored` (undefined: not stored yet) by a member with `actorRole`. */
export function checkAppendOnlyWrite(
  collection: AppendOnlyCollection,
  stored: WireDocument | undefined,
  incoming: WireDocument,
  actorRole: MemberRole,
): AppendOnlyVerdict {
  if (stored === undefined) {
    return isRedacted(incoming) ? { allowed: false, code: 'invalid-redaction' } : { allowed: true, write: 'create' };
  }
  if (jsonEqual(content(stored), content(incoming))) return { allowed: true, write: 'none' };
  const redacting = collection === 'messages' && !isRedacted(stored) && isRedacted(incoming) && incoming._deleted !== true;
  if (!redacting) return { allowed: false, code: 'append-only' };
  if (actorRole !== 'moderator') return { allowed: false, code: 'moderator-only' };
  return isValidRedaction(stored, incoming) ? { allowed: true, write: 'redaction' } : { allowed: false, code: 'invalid-redaction' };
}
