/**
 * Seen marks of notifications (app/features/notifications/seen-marks.ts): what counts as new on
 * this phone, as compact tables. A notification is seen once listed; a message thread is news
 * again when a newer message arrives; one that arrives late (out of order after an offline period)
 * is new even when older than what was seen.
 */
import { describe, expect, it } from 'vitest';
import type { Notification } from '../../domain/rules/notifications';
import { MAX_LISTED, markSeen, sameMarks, seenKey, unseenTest, type SeenMarks } from '../../app/features/notifications/seen-marks';
import { MUNICH, T0 } from './domain-factories';

function pledgeNew(id: string, at: number): Notification {
  return { kind: 'pledge-new', id: `pledge-new:${id}`, at, pledgeId: id, needId: 'need-0001', direction: 'to-us', counterpartId: MUNICH, unit: 'pieces', quantity: 1 };
}

function messages(thread: string, at: number, count = 1): Notification {
  return { kind: 'message-new', id: `message-new:${thread}`, at, threadId: thread, subjectKind: 'need', subjectId: 'need-0001', counterpartId: MUNICH, count };
}

const unseenIds = (list: Notification[], marks: SeenMarks) => list.filter(unseenTest(marks)).map((notification) => notification.id);

describe('unseen', () => {
  const marks: SeenMarks = { seenUpTo: T0, ids: ['pledge-new:b', `message-new:t1@${T0 + 20}`] };
  it.each([
    ['arrived before the mark', pledgeNew('a', T0 - 1), false],
    ['arrived at the mark', pledgeNew('a', T0), false],
    ['arrived after and never listed', pledgeNew('c', T0 + 5), true],
    ['arrived after and listed at the last visit', pledgeNew('b', T0 + 5), false],
    ['a thread as listed', messages('t1', T0 + 20), false],
    ['the same thread with a newer message', messages('t1', T0 + 30, 2), true],
  ])('%s: %s', (_case, notification, expected) => {
    expect(unseenTest(marks)(notification)).toBe(expected);
  });
});

describe('marking seen', () => {
  it('remembers the listed ones by key, so one that arrives later but is dated earlier is still new', () => {
    const shown = [messages('t1', T0 + 30), pledgeNew('a', T0 + 10)];
    const marks = markSeen(shown, { seenUpTo: T0, ids: [] });
    expect(marks).toEqual({ seenUpTo: T0, ids: [seenKey(shown[0]!), 'pledge-new:a'] });
    // A pledge that reached the server before the message, synced to this phone after the visit:
    const late = pledgeNew('late', T0 + 20);
    expect(unseenIds([...shown, late], marks)).toEqual(['pledge-new:late']);
  });

  it('moves the mark to the oldest listed once the list is full, keeping at most MAX_LISTED keys', () => {
    const shown = Array.from({ length: MAX_LISTED }, (_, index) => pledgeNew(`p${index}`, T0 + 1000 - index));
    const marks = markSeen(shown, { seenUpTo: T0, ids: [] });
    expect(marks.seenUpTo).toBe(T0 + 1000 - (MAX_LISTED - 1));
    expect(marks.ids).toHaveLength(MAX_LISTED - 1);
    expect(unseenIds(shown, marks)).toEqual([]);
  });

  it('says when nothing changed, so a visit without news writes nothing', () => {
    const shown = [pledgeNew('a', T0 + 10)];
    const marks = markSeen(shown, { seenUpTo: T0 });
    expect(sameMarks(marks, markSeen(shown, marks))).toBe(true);
    expect(sameMarks(marks, markSeen([pledgeNew('b', T0 + 11), ...shown], marks))).toBe(false);
  });

  it('keys verification by its id only: a later edit of the municipality does not make it news again', () => {
    const decided = (at: number): Notification => ({ kind: 'verification-decided', id: 'verification:municipality:verified', at, subject: 'municipality', status: 'verified' });
    const marks = markSeen([decided(T0 + 5)], { seenUpTo: T0 });
    expect(unseenTest(marks)(decided(T0 + 50))).toBe(false);
  });
});
