/**
 * Notification derivation (domain/rules/notifications.ts), one table per kind: who is told what,
 * when (`at` is the arrival at the server), and that a municipality is never told about its own
 * actions. Kyiv needs, Munich pledges (the factories' default pledge).
 */
import { describe, expect, it } from 'vitest';
import {
  EXPIRY_WARNING_DAYS,
  arrivedAt,
  deriveNotifications,
  type Notification,
  type NotificationInput,
} from '../../domain/rules/notifications';
import { DAY, HOUR, KRAKOW, KYIV, LVIV, MUNICH, T0, makeEvent, makeMember, makeMessage, makeMunicipality, makeNeed, makePledge } from './domain-factories';
import type { Message } from '../../domain/schemas/message';
import type { Pledge } from '../../domain/schemas/pledge';
import type { PledgeEvent } from '../../domain/schemas/pledge-event';

const pledge = makePledge();
const need = makeNeed();

function input(municipalityId: string, overrides: Partial<NotificationInput> = {}): NotificationInput {
  return {
    me: { memberId: `member-of-${municipalityId}`, municipalityId, role: 'official' },
    municipality: null,
    member: null,
    needs: [need],
    pledges: [pledge],
    events: [],
    messages: [],
    threadReads: {},
    ...overrides,
  };
}

const NOW = T0 + 2 * DAY;
const kinds = (list: Notification[]) => list.map((notification) => notification.kind);
const derive = (municipalityId: string, overrides: Partial<NotificationInput> = {}, now = NOW) => deriveNotifications(input(municipalityId, overrides), now);

describe('pledge-new', () => {
  it.each([
    ['the needing city (Kyiv)', KYIV, ['pledge-new']],
    ['the pledging city itself (Munich)', MUNICH, []],
    ['a city not party to it (Lviv)', LVIV, []],
  ])('tells %s', (_who, me, expected) => {
    expect(kinds(derive(me))).toEqual(expected);
  });

  it('says who pledged how much of what, with the need title and a stable id', () => {
    expect(derive(KYIV)[0]).toEqual({
      kind: 'pledge-new',
      id: `pledge-new:${pledge.id}`,
      at: pledge.updatedAt,
      pledgeId: pledge.id,
      needId: need.id,
      need: { title: need.title, language: 'en' },
      direction: 'to-us',
      counterpartId: MUNICH,
      unit: 'pieces',
      quantity: 8,
    });
  });

  it('leaves the title out when the need is not on the phone', () => {
    expect(derive(KYIV, { needs: [] })[0]).not.toHaveProperty('need');
  });
});

describe('arrival time', () => {
  it.each([
    ['updatedAt when the server has not stamped it', {}, T0],
    ['meta.serverUpdatedAt when it has', { meta: { serverUpdatedAt: T0 + 5 * HOUR } }, T0 + 5 * HOUR],
  ])('is %s', (_case, extra, expected) => {
    expect(arrivedAt({ updatedAt: T0, ...extra })).toBe(expected);
  });

  it('appears after an offline period: written days ago, synced now, it is dated now (so unseen by a mark set before)', () => {
    const seenUpTo = NOW - HOUR;
    const late: Pledge = { ...pledge, updatedAt: T0 - 5 * DAY, meta: { serverUpdatedAt: NOW } };
    const lateDispatch = makeEvent('dispatched', { updatedAt: T0 - 4 * DAY, meta: { serverUpdatedAt: NOW } });
    const lateMessage = makeMessage({ updatedAt: T0 - 4 * DAY, meta: { serverUpdatedAt: NOW } });
    const list = derive(KYIV, { pledges: [{ ...late, expiresAt: T0 + 14 * DAY }], events: [lateDispatch], messages: [lateMessage] });
    expect(kinds(list).sort()).toEqual(['message-new', 'pledge-dispatched', 'pledge-new']);
    expect(list.every((notification) => notification.at === NOW && notification.at > seenUpTo)).toBe(true);
  });
});

describe('pledge-dispatched', () => {
  const dispatched = makeEvent('dispatched', { quantity: 6, updatedAt: T0 + HOUR });
  it.each([
    ['the receiving city', KYIV, ['pledge-dispatched', 'pledge-new']],
    ['not the sender that dispatched it', MUNICH, []],
  ])('tells %s', (_who, me, expected) => {
    expect(kinds(derive(me, { events: [dispatched] }))).toEqual(expected);
  });

  it('names the event and the quantity dispatched (the pledged one when the event has none)', () => {
    expect(derive(KYIV, { events: [dispatched] })[0]).toMatchObject({ id: `pledge-dispatched:${dispatched.id}`, eventId: dispatched.id, quantity: 6, counterpartId: MUNICH });
    const whole = makeEvent('dispatched', { updatedAt: T0 + HOUR });
    expect(derive(KYIV, { events: [whole] })[0]).toMatchObject({ kind: 'pledge-dispatched', quantity: 8 });
  });

  it('ignores a dispatch the status rule ignores (written after expiry)', () => {
    const late = makeEvent('dispatched', { updatedAt: pledge.expiresAt + HOUR });
    expect(kinds(derive(KYIV, { events: [late] }, pledge.expiresAt + 2 * HOUR))).toEqual(['pledge-expired', 'pledge-new']);
  });
});

describe('pledge-received', () => {
  const dispatched = makeEvent('dispatched', { updatedAt: T0 + HOUR });
  const partly = makeEvent('received', { quantity: 3, updatedAt: T0 + 2 * HOUR });
  const rest = makeEvent('received', { quantity: 5, updatedAt: T0 + 3 * HOUR });
  it.each([
    ['the pledging city, partial receipts included', MUNICH, [['pledge-received', 5, true], ['pledge-received', 3, false]]],
    ['not the receiving city that confirmed', KYIV, [['pledge-dispatched', undefined, undefined], ['pledge-new', undefined, undefined]]],
  ])('tells %s', (_who, me, expected) => {
    const list = derive(me, { events: [dispatched, partly, rest] });
    expect(list.map((notification) => [notification.kind, 'complete' in notification ? notification.quantity : undefined, 'complete' in notification ? notification.complete : undefined])).toEqual(expected);
  });
});

describe('pledge-cancelled', () => {
  const bySender = makeEvent('cancelled', { note: 'The truck broke down.', updatedAt: T0 + HOUR });
  const byReceiver = makeEvent('cancelled', { by: 'receiver', updatedAt: T0 + HOUR });
  it.each([
    ['the sender cancels: Kyiv is told, with the reason', bySender, KYIV, [['pledge-cancelled', 'to-us', 'The truck broke down.'], ['pledge-new', 'to-us', undefined]]],
    ['the sender cancels: Munich is not', bySender, MUNICH, []],
    ['the receiver declines: Munich is told', byReceiver, MUNICH, [['pledge-cancelled', 'by-us', undefined]]],
    ['the receiver declines: Kyiv is not', byReceiver, KYIV, [['pledge-new', 'to-us', undefined]]],
  ])('%s', (_case, event, me, expected) => {
    const list = derive(me, { events: [event] });
    expect(list.map((notification) => [notification.kind, 'direction' in notification ? notification.direction : undefined, 'reason' in notification ? notification.reason : undefined])).toEqual(expected);
  });
});

describe('pledge-expiring', () => {
  const warningFrom = pledge.expiresAt - EXPIRY_WARNING_DAYS * DAY;
  const extended = makeEvent('extended', { expiresAt: pledge.expiresAt + 7 * DAY, updatedAt: warningFrom + HOUR });
  it.each([
    ['outside the window', KYIV, [], warningFrom - HOUR, []],
    ['in the window, to the receiver', KYIV, [], warningFrom + HOUR, [['pledge-expiring', warningFrom]]],
    ['in the window, to the sender', MUNICH, [], warningFrom + HOUR, [['pledge-expiring', warningFrom]]],
    ['not once dispatched', MUNICH, [makeEvent('dispatched', { updatedAt: T0 + HOUR })], warningFrom + HOUR, []],
    ['not after an extension out of the window', MUNICH, [extended], warningFrom + 2 * HOUR, []],
    ['again in the extended window', MUNICH, [extended], warningFrom + 7 * DAY + HOUR, [['pledge-expiring', warningFrom + 7 * DAY]]],
  ])('%s', (_case, me, events: PledgeEvent[], now, expected) => {
    const list = derive(me, { events }, now).filter((notification) => notification.kind === 'pledge-expiring');
    expect(list.map((notification) => [notification.kind, notification.at])).toEqual(expected);
  });

  it('gets a new id when the deadline moves', () => {
    const before = derive(MUNICH, {}, warningFrom + HOUR).find((notification) => notification.kind === 'pledge-expiring');
    const after = derive(MUNICH, { events: [extended] }, warningFrom + 7 * DAY + HOUR).find((notification) => notification.kind === 'pledge-expiring');
    expect(before?.id).not.toBe(after?.id);
  });
});

describe('pledge-expired', () => {
  it.each([
    ['not dispatched by the deadline: both sides', MUNICH, [], [['pledge-expired', pledge.expiresAt]]],
    ['the receiver too', KYIV, [], [['pledge-expired', pledge.expiresAt]]],
    ['dispatched in time: no', MUNICH, [makeEvent('dispatched', { updatedAt: T0 + HOUR })], []],
    ['cancelled before: no', MUNICH, [makeEvent('cancelled', { by: 'receiver', updatedAt: T0 + HOUR })], []],
  ])('%s', (_case, me, events: PledgeEvent[], expected) => {
    const list = derive(me, { events }, pledge.expiresAt + DAY).filter((notification) => notification.kind === 'pledge-expired' || notification.kind === 'pledge-expiring');
    expect(list.map((notification) => [notification.kind, notification.at])).toEqual(expected);
  });
});

describe('message-new', () => {
  const first = makeMessage({ id: 'message-0000001', updatedAt: T0 + HOUR });
  const second = makeMessage({ id: 'message-0000002', updatedAt: T0 + 2 * HOUR, meta: { serverUpdatedAt: T0 + 3 * HOUR } });
  const mine = makeMessage({ id: 'message-0000003', fromMunicipalityId: KYIV, toMunicipalityId: MUNICH, authorMemberId: 'member-olena-01', updatedAt: T0 + 4 * HOUR });
  const other = makeMessage({ id: 'message-0000004', fromMunicipalityId: KRAKOW, subjectId: 'need-blankets-001', updatedAt: T0 + 5 * HOUR });
  const thread = first.threadId;
  it.each([
    ['two unread from Munich, mine not counted', [first, second, mine], {}, [[thread, 2, T0 + 3 * HOUR]]],
    ['read up to the first', [first, second, mine], { [thread]: T0 + HOUR }, [[thread, 1, T0 + 3 * HOUR]]],
    ['read up to the latest arrival', [first, second, mine], { [thread]: T0 + 3 * HOUR }, []],
    ['one per thread', [first, other], {}, [[other.threadId, 1, T0 + 5 * HOUR], [thread, 1, T0 + HOUR]]],
    ['only my own messages', [mine], {}, []],
  ])('%s', (_case, messages: Message[], threadReads, expected) => {
    const list = derive(KYIV, { pledges: [], messages, threadReads });
    expect(list.map((notification) => (notification.kind === 'message-new' ? [notification.threadId, notification.count, notification.at] : notification.kind))).toEqual(expected);
  });

  it('names the subject and the other city, for opening the thread', () => {
    expect(derive(KYIV, { pledges: [], messages: [first] })[0]).toEqual({
      kind: 'message-new',
      id: `message-new:${thread}`,
      at: T0 + HOUR,
      threadId: thread,
      subjectKind: 'need',
      subjectId: first.subjectId,
      counterpartId: MUNICH,
      count: 1,
    });
  });

  it('does not tell the sender about its own messages', () => {
    expect(derive(MUNICH, { pledges: [], messages: [first, second] })).toEqual([]);
  });
});

describe('verification-decided', () => {
  const me = { memberId: 'member-olena-01', municipalityId: KYIV, role: 'coordinator' as const };
  const at = T0 + DAY;
  const registered = { createdBy: 'member-olena-01', serverUpdatedAt: at };
  const invited = { createdBy: 'member-olena-01', serverUpdatedAt: at + HOUR };
  it.each<[string, Partial<NotificationInput>, unknown[]]>([
    ['pending: nothing', { municipality: makeMunicipality({ verification: { status: 'pending' } }) }, []],
    ['municipality verified', { municipality: makeMunicipality({ meta: { serverUpdatedAt: at } }) }, [['municipality', 'verified', undefined, at]]],
    [
      'municipality rejected, with the reason',
      { municipality: makeMunicipality({ verification: { status: 'rejected', reason: 'Not a municipality.' }, meta: { serverUpdatedAt: at } }) },
      [['municipality', 'rejected', 'Not a municipality.', at]],
    ],
    [
      'the registrant is told once, for the municipality and the membership together',
      { municipality: makeMunicipality({ meta: registered }), member: makeMember({ status: 'active', meta: registered }) },
      [['municipality', 'verified', undefined, at]],
    ],
    [
      'a member who joined with an invitation is told of the membership',
      { municipality: makeMunicipality({ meta: { createdBy: 'member-someone', serverUpdatedAt: T0 } }), member: makeMember({ status: 'active', meta: invited }) },
      [['member', 'verified', undefined, at + HOUR], ['municipality', 'verified', undefined, T0]],
    ],
    ['a pending member: nothing', { member: makeMember({ status: 'pending', meta: invited }) }, []],
    [
      'a refused member, with the reason',
      { member: makeMember({ status: 'removed', meta: invited }), rejection: { reason: 'Unknown to the city.', at: at + 2 * HOUR } },
      [['member', 'rejected', 'Unknown to the city.', at + 2 * HOUR]],
    ],
    ['a moderator: nothing', { me: { ...me, role: 'moderator' }, municipality: makeMunicipality({ meta: { serverUpdatedAt: at } }) }, []],
  ])('%s', (_case, overrides, expected) => {
    const list = deriveNotifications({ ...input(KYIV, { pledges: [] }), me, ...overrides }, NOW);
    expect(list.map((notification) => (notification.kind === 'verification-decided' ? [notification.subject, notification.status, notification.reason, notification.at] : notification.kind))).toEqual(expected);
  });
});

describe('the list', () => {
  it('is newest first, and says nothing of what my own municipality did', () => {
    const dispatched = makeEvent('dispatched', { updatedAt: T0 + HOUR });
    const extended = makeEvent('extended', { expiresAt: pledge.expiresAt + DAY, updatedAt: T0 + 30 * 60_000 });
    const received = makeEvent('received', { quantity: 8, updatedAt: T0 + 2 * HOUR });
    const message = makeMessage({ updatedAt: T0 + 3 * HOUR });
    const list = derive(KYIV, { events: [extended, dispatched, received], messages: [message] });
    expect(list.map((notification) => [notification.kind, notification.at])).toEqual([
      ['message-new', T0 + 3 * HOUR],
      ['pledge-dispatched', T0 + HOUR],
      ['pledge-new', T0],
    ]);
  });

  it('derives 2,000 pledges with 10,000 events and 2,000 messages in one pass (timing printed, not asserted)', () => {
    const pledges: Pledge[] = [];
    const events: PledgeEvent[] = [];
    const messages: Message[] = [];
    for (let index = 0; index < 2000; index++) {
      const id = `pledge-${String(index).padStart(6, '0')}`;
      const toUs = index % 2 === 0;
      pledges.push(makePledge({ id, fromMunicipalityId: toUs ? MUNICH : KYIV, toMunicipalityId: toUs ? KYIV : MUNICH, expiresAt: T0 + (index % 20) * DAY }));
      events.push(makeEvent('dispatched', { pledgeId: id, by: toUs ? 'sender' : 'receiver', byMunicipalityId: toUs ? MUNICH : KYIV, updatedAt: T0 + index }));
      for (let receipt = 0; receipt < 4; receipt++) {
        events.push(makeEvent('received', { pledgeId: id, quantity: 2, byMunicipalityId: toUs ? KYIV : MUNICH, updatedAt: T0 + index + receipt + 1 }));
      }
      messages.push(makeMessage({ id: `message-${String(index).padStart(6, '0')}`, subjectId: id, subjectKind: 'pledge', updatedAt: T0 + index }));
    }
    const started = performance.now();
    const list = deriveNotifications(input(KYIV, { pledges, events, messages }), NOW);
    const elapsed = performance.now() - started;
    console.log(`notifications: 2,000 pledges, 10,000 events and 2,000 messages derived in ${elapsed.toFixed(0)} ms`);
    expect(list.length).toBeGreaterThan(4000);
  });
});
