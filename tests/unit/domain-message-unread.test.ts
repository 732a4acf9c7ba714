/**
 * Thread summaries and unread counts (domain/rules/message-thread.ts), as compact tables: a message
 * counts unread for a municipality when the other side wrote it and it reached the server after the
 * thread's read mark, so one written offline long ago but arriving now is still unread.
 */
import { describe, expect, it } from 'vitest';
import type { Message } from '../../domain/schemas/message';
import { REDACTED_MESSAGE_BODY } from '../../domain/constants';
import { messageArrivedAt, messageThreadId, readMarkOf, threadsOf, unreadCount } from '../../domain/rules/message-thread';
import { HOUR, KRAKOW, KYIV, MUNICH, T0, makeMessage } from './domain-factories';

const NEED = 'need-generators-01';
const OFFER = 'offer-generators-01';
let counter = 0;

/** A message of `from` to `to` about `subject`, stamped `at` and accepted by the server at `arrived` (none: not yet). */
function message(from: string, to: string, at: number, arrived?: number, patch: Partial<Message> = {}): Message {
  counter += 1;
  const subjectId = patch.subjectId ?? NEED;
  return makeMessage({
    id: `message-${String(counter).padStart(7, '0')}`,
    subjectId,
    threadId: messageThreadId(subjectId, from, to),
    fromMunicipalityId: from,
    toMunicipalityId: to,
    authorMemberId: from === KYIV ? 'member-olena-01' : 'member-hans-001',
    updatedAt: at,
    ...(arrived === undefined ? {} : { meta: { createdAt: arrived, serverUpdatedAt: arrived } }),
    ...patch,
  });
}

describe('when a message arrived', () => {
  it.each([
    ['the server first accepted it', { createdAt: T0 + 5 * HOUR, serverUpdatedAt: T0 + 9 * HOUR }, T0 + 5 * HOUR],
    ['only the server time is known', { serverUpdatedAt: T0 + 9 * HOUR }, T0 + 9 * HOUR],
    ['the server has not echoed it yet', undefined, T0],
  ])('%s', (_name, meta, expected) => {
    expect(messageArrivedAt(makeMessage({ updatedAt: T0, ...(meta ? { meta } : {}) }))).toBe(expected);
  });
});

describe('unread messages of one thread, for Kyiv', () => {
  /** name, messages, read mark → unread. */
  it.each<[string, Message[], number, number]>([
    ['nothing read yet', [message(MUNICH, KYIV, T0, T0), message(MUNICH, KYIV, T0 + 1, T0 + 1)], 0, 2],
    ['read up to the first', [message(MUNICH, KYIV, T0, T0), message(MUNICH, KYIV, T0 + 1, T0 + 1)], T0, 1],
    ['everything read', [message(MUNICH, KYIV, T0, T0), message(MUNICH, KYIV, T0 + 1, T0 + 1)], T0 + 1, 0],
    ['own messages are never unread', [message(KYIV, MUNICH, T0 + HOUR, T0 + HOUR), message(KYIV, MUNICH, T0 + 2 * HOUR)], 0, 0],
    ['written offline a day ago, arriving after the mark: unread', [message(MUNICH, KYIV, T0 - 24 * HOUR, T0 + HOUR)], T0, 1],
    ['stamped after the mark but arrived before it: read', [message(MUNICH, KYIV, T0 + HOUR, T0 - HOUR)], T0, 0],
    [
      'a redacted unread message still counts, once',
      [message(MUNICH, KYIV, T0, T0, { body: REDACTED_MESSAGE_BODY, redacted: true, meta: { createdAt: T0 + 1, serverUpdatedAt: T0 + 5 * HOUR } })],
      0,
      1,
    ],
    [
      'a message read, then redacted, stays read',
      [message(MUNICH, KYIV, T0, T0 + 1, { body: REDACTED_MESSAGE_BODY, redacted: true, meta: { createdAt: T0 + 1, serverUpdatedAt: T0 + 5 * HOUR } })],
      T0 + 1,
      0,
    ],
  ])('%s → %s unread', (_name, messages, readUpTo, expected) => {
    expect(unreadCount(messages, KYIV, readUpTo)).toBe(expected);
  });
});

describe('the read mark kept when a thread is opened', () => {
  it.each<[string, Message[], number, number]>([
    ['the latest arrival of the other side', [message(MUNICH, KYIV, T0, T0 + 3), message(MUNICH, KYIV, T0 + 9, T0 + 5)], 0, T0 + 5],
    ["own messages do not move it (this phone's clock may run ahead)", [message(MUNICH, KYIV, T0, T0 + 3), message(KYIV, MUNICH, T0 + 10 * HOUR)], 0, T0 + 3],
    ['never moves back', [message(MUNICH, KYIV, T0, T0 + 3)], T0 + 100, T0 + 100],
  ])('%s', (_name, messages, previous, expected) => {
    expect(readMarkOf(messages, KYIV, previous)).toBe(expected);
  });
});

describe('the threads of a municipality', () => {
  it('groups by thread, sorts by last activity, names the other city and counts unread against each mark', () => {
    const needWithMunich = [message(MUNICH, KYIV, T0, T0), message(KYIV, MUNICH, T0 + 2, T0 + 2), message(MUNICH, KYIV, T0 + 4, T0 + 4)];
    const offerWithMunich = [message(KYIV, MUNICH, T0 + 1, T0 + 1, { subjectId: OFFER, subjectKind: 'offer' })];
    const needWithKrakow = [message(KRAKOW, KYIV, T0 - 5 * HOUR, T0 + 9)];
    const elsewhere = [message(MUNICH, KRAKOW, T0 + 50, T0 + 50)];
    const reads = { [messageThreadId(NEED, KYIV, MUNICH)]: T0 };
    const threads = threadsOf([...needWithMunich, ...elsewhere, ...offerWithMunich, ...needWithKrakow].reverse(), KYIV, reads);
    expect(threads.map((thread) => [thread.threadId, thread.otherMunicipalityId, thread.subjectKind, thread.messageCount, thread.unread, thread.last.id, thread.lastActivity])).toEqual([
      [messageThreadId(NEED, KYIV, KRAKOW), KRAKOW, 'need', 1, 1, needWithKrakow[0]!.id, T0 + 9],
      [messageThreadId(NEED, KYIV, MUNICH), MUNICH, 'need', 3, 1, needWithMunich[2]!.id, T0 + 4],
      [messageThreadId(OFFER, KYIV, MUNICH), MUNICH, 'offer', 1, 0, offerWithMunich[0]!.id, T0 + 1],
    ]);
  });

  it('a message still waiting on this phone counts as activity by its stamp', () => {
    const threads = threadsOf([message(MUNICH, KYIV, T0, T0), message(KYIV, MUNICH, T0 + HOUR)], KYIV);
    expect(threads[0]).toMatchObject({ lastActivity: T0 + HOUR, unread: 1, messageCount: 2 });
  });

  it('a reader of every thread (a moderator) gets them all, none unread', () => {
    const threads = threadsOf([message(MUNICH, KYIV, T0, T0), message(MUNICH, KRAKOW, T0 + 1, T0 + 1)], null);
    expect(threads.map((thread) => [thread.municipalityIds, thread.unread])).toEqual([
      [[KRAKOW, MUNICH], 0],
      [[KYIV, MUNICH], 0],
    ]);
  });

  it('no messages, no threads', () => {
    expect(threadsOf([], KYIV)).toEqual([]);
  });
});
