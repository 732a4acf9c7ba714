import { describe, expect, it } from 'vitest';
import { REDACTED_MESSAGE_BODY, type MemberRole } from '../../domain/constants';
import type { WireDocument } from '../../domain/documents';
import { checkAppendOnlyWrite, type AppendOnlyCollection, type AppendOnlyVerdict } from '../../domain/rules/append-only';
import { T0, makeEvent, makeMessage, makePhoto, makePledge } from './domain-factories';

const message = makeMessage({ photoIds: ['photo-0000001'] });
const redaction = { ...message, body: REDACTED_MESSAGE_BODY, photoIds: [], redacted: true, updatedAt: T0 + 99 };
const event = makeEvent('dispatched', { id: 'event-fixed-0001' });

const ALLOW_CREATE = { allowed: true, write: 'create' } as const;
const ALLOW_RETRY = { allowed: true, write: 'none' } as const;
const REFUSE = (code: 'append-only' | 'moderator-only' | 'invalid-redaction') => ({ allowed: false, code }) as const;

/** collection, stored, incoming, actor's role → verdict. */
const CASES: [string, AppendOnlyCollection, WireDocument | undefined, WireDocument, MemberRole, AppendOnlyVerdict][] = [
  ['first write of a message', 'messages', undefined, message, 'official', ALLOW_CREATE],
  ['first write of a pledge', 'pledges', undefined, makePledge(), 'official', ALLOW_CREATE],
  ['retried push of the same event', 'pledge_events', event, { ...event }, 'volunteer', ALLOW_RETRY],
  ['retry whose stamp the server clamped', 'pledge_events', { ...event, updatedAt: event.updatedAt - 60_000 }, event, 'volunteer', ALLOW_RETRY],
  ['retry differing only in server-set meta', 'messages', { ...message, meta: { createdBy: 'a' } }, message, 'official', ALLOW_RETRY],
  ['editing a message body', 'messages', message, { ...message, body: 'Actually 6 generators.' }, 'official', REFUSE('append-only')],
  ['changing an event’s quantity', 'pledge_events', event, { ...event, quantity: 99 }, 'official', REFUSE('append-only')],
  ['changing a pledge’s quantity', 'pledges', makePledge(), makePledge({ quantity: 80 }), 'coordinator', REFUSE('append-only')],
  ['moving a pledge’s deadline by hand', 'pledges', makePledge(), makePledge({ expiresAt: T0 + 1 }), 'moderator', REFUSE('append-only')],
  ['deleting an event', 'pledge_events', event, { ...event, _deleted: true }, 'moderator', REFUSE('append-only')],
  ['replacing a photo’s bytes', 'photos', makePhoto(), makePhoto({ sha256: 'b'.repeat(64) }), 'official', REFUSE('append-only')],
  ['moderator redacts a message', 'messages', message, redaction, 'moderator', { allowed: true, write: 'redaction' }],
  ['moderator redacts, photo list removed entirely', 'messages', message, { ...redaction, photoIds: undefined }, 'moderator', { allowed: true, write: 'redaction' }],
  ['redaction retried', 'messages', redaction, { ...redaction }, 'moderator', ALLOW_RETRY],
  ['an official cannot redact', 'messages', message, redaction, 'official', REFUSE('moderator-only')],
  ['a redaction must not change the author', 'messages', message, { ...redaction, authorMemberId: 'member-other-01' }, 'moderator', REFUSE('invalid-redaction')],
  ['a redaction must replace the body', 'messages', message, { ...redaction, body: 'edited by moderator' }, 'moderator', REFUSE('invalid-redaction')],
  ['a redaction must drop the photos', 'messages', message, { ...redaction, photoIds: ['photo-0000001'] }, 'moderator', REFUSE('invalid-redaction')],
  ['un-redacting is an edit', 'messages', redaction, message, 'moderator', REFUSE('append-only')],
  ['redaction exists for messages only', 'pledge_events', event, { ...event, redacted: true }, 'moderator', REFUSE('append-only')],
  ['a message cannot be created redacted', 'messages', undefined, redaction, 'moderator', REFUSE('invalid-redaction')],
];

describe('checkAppendOnlyWrite', () => {
  it.each(CASES)('%s', (_name, collection, stored, incoming, role, expected) => {
    expect(checkAppendOnlyWrite(collection, stored, incoming, role)).toEqual(expected);
  });
});
