import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PLEDGE_EVENT_KINDS, PLEDGE_STATUSES, type PledgeStatus } from '../../domain/constants';
import {
  checkPledgeEventWrite,
  derivePledgeState,
  groupEventsByPledge,
  isPledgeEnded,
  type IgnoredEventReason,
} from '../../domain/rules/pledge-status';
import type { PledgeEvent } from '../../domain/schemas/pledge-event';
import { DAY, KRAKOW, KYIV, MUNICH, T0, makeEvent, makePledge } from './domain-factories';

const pledge = makePledge({ quantity: 8, expiresAt: T0 + 14 * DAY });
const BEFORE_EXPIRY = T0 + 7 * DAY;
const AFTER_EXPIRY = T0 + 15 * DAY;
const LATE = T0 + 14 * DAY + 1;

/** events (in stamp order), server time → status, received quantity, ignored reasons in order. */
const CASES: [string, PledgeEvent[], number, PledgeStatus, number, IgnoredEventReason[]][] = [
  ['no events yet', [], BEFORE_EXPIRY, 'pledged', 0, []],
  ['no events after the deadline: expired', [], AFTER_EXPIRY, 'expired', 0, []],
  ['deadline itself is still in time', [], T0 + 14 * DAY, 'pledged', 0, []],
  ['dispatched', [makeEvent('dispatched')], AFTER_EXPIRY, 'dispatched', 0, []],
  ['dispatched, delivered', [makeEvent('dispatched'), makeEvent('delivered')], BEFORE_EXPIRY, 'delivered', 0, []],
  ['full receipt', [makeEvent('dispatched'), makeEvent('received', { quantity: 8 })], BEFORE_EXPIRY, 'received', 8, []],
  ['partial receipt', [makeEvent('dispatched'), makeEvent('received', { quantity: 5 })], BEFORE_EXPIRY, 'partly-received', 5, []],
  ['partial receipts add up', [makeEvent('received', { quantity: 5 }), makeEvent('received', { quantity: 3 })], BEFORE_EXPIRY, 'received', 8, []],
  ['more than pledged arrived', [makeEvent('received', { quantity: 9 })], BEFORE_EXPIRY, 'received', 9, []],
  ['receipt without dispatch still counts', [makeEvent('received', { quantity: 8 })], AFTER_EXPIRY, 'received', 8, []],
  ['pledge confirmed twice keeps one receipt', [makeEvent('received', { quantity: 8 }), makeEvent('received', { quantity: 8 })], BEFORE_EXPIRY, 'received', 8, ['ended']],
  ['delivered after a receipt would go backwards', [makeEvent('received', { quantity: 2 }), makeEvent('delivered')], BEFORE_EXPIRY, 'partly-received', 2, ['backwards']],
  ['dispatched after delivered would go backwards', [makeEvent('delivered'), makeEvent('dispatched')], BEFORE_EXPIRY, 'delivered', 0, ['backwards']],
  ['a second truck dispatched is no step back', [makeEvent('dispatched'), makeEvent('dispatched')], BEFORE_EXPIRY, 'dispatched', 0, []],
  ['sender cancels before dispatch', [makeEvent('cancelled')], AFTER_EXPIRY, 'cancelled', 0, []],
  ['sender cancels after dispatch', [makeEvent('dispatched'), makeEvent('cancelled')], BEFORE_EXPIRY, 'cancelled', 0, []],
  ['sender cannot cancel after delivery', [makeEvent('delivered'), makeEvent('cancelled')], BEFORE_EXPIRY, 'delivered', 0, ['too-late']],
  ['receiver declines before dispatch', [makeEvent('cancelled', { by: 'receiver' })], BEFORE_EXPIRY, 'cancelled', 0, []],
  ['receiver cannot cancel what is on its way', [makeEvent('dispatched'), makeEvent('cancelled', { by: 'receiver' })], BEFORE_EXPIRY, 'dispatched', 0, ['too-late']],
  ['cancelled ends it', [makeEvent('cancelled'), makeEvent('dispatched'), makeEvent('received')], BEFORE_EXPIRY, 'cancelled', 0, ['ended', 'ended']],
  ['dispatch after the deadline comes too late', [makeEvent('dispatched', { updatedAt: LATE })], AFTER_EXPIRY, 'expired', 0, ['after-expiry']],
  ['extension moves the deadline', [makeEvent('extended', { expiresAt: T0 + 30 * DAY })], AFTER_EXPIRY, 'pledged', 0, []],
  ['extension lets a later dispatch count', [makeEvent('extended', { expiresAt: T0 + 30 * DAY }), makeEvent('dispatched', { updatedAt: LATE })], AFTER_EXPIRY, 'dispatched', 0, []],
  ['extended pledge expires at its new deadline', [makeEvent('extended', { expiresAt: T0 + 20 * DAY })], T0 + 21 * DAY, 'expired', 0, []],
  ['only one extension', [makeEvent('extended', { expiresAt: T0 + 20 * DAY }), makeEvent('extended', { expiresAt: T0 + 30 * DAY })], T0 + 21 * DAY, 'expired', 0, ['already-extended']],
  ['an extension must move the deadline later', [makeEvent('extended', { expiresAt: T0 + 10 * DAY })], AFTER_EXPIRY, 'expired', 0, ['not-later']],
  ['extension after the deadline comes too late', [makeEvent('extended', { expiresAt: T0 + 30 * DAY, updatedAt: LATE })], AFTER_EXPIRY, 'expired', 0, ['after-expiry']],
  ['nothing to extend once dispatched', [makeEvent('dispatched'), makeEvent('extended', { expiresAt: T0 + 30 * DAY })], BEFORE_EXPIRY, 'dispatched', 0, ['too-late']],
  ['receiver may not dispatch', [makeEvent('dispatched', { by: 'receiver' })], BEFORE_EXPIRY, 'pledged', 0, ['wrong-party']],
  ['sender may not confirm its own delivery', [makeEvent('received', { by: 'sender' })], BEFORE_EXPIRY, 'pledged', 0, ['wrong-party']],
  ['a third municipality is nobody here', [makeEvent('cancelled', { byMunicipalityId: KRAKOW })], BEFORE_EXPIRY, 'pledged', 0, ['wrong-party']],
  ['a receipt needs a quantity', [makeEvent('received', { quantity: undefined })], BEFORE_EXPIRY, 'pledged', 0, ['missing-quantity']],
  ['an extension needs a deadline', [makeEvent('extended')], BEFORE_EXPIRY, 'pledged', 0, ['missing-expiry']],
];

describe('derivePledgeState', () => {
  it.each(CASES)('%s', (_name, events, now, status, received, ignored) => {
    const state = derivePledgeState(pledge, events, now);
    expect(state.status).toBe(status);
    expect(state.receivedQuantity).toBe(received);
    expect(state.ignored.map((entry) => entry.reason)).toEqual(ignored);
    expect(state.applied.length + state.ignored.length).toBe(events.length);
  });

  it('receipts of 0.7 and 0.1 tonnes fully receive a pledge of 0.8', () => {
    const tonnes = makePledge({ quantity: 0.8, unit: 'tonnes' });
    const events = [makeEvent('received', { quantity: 0.7 }), makeEvent('received', { quantity: 0.1 })];
    expect(derivePledgeState(tonnes, events, BEFORE_EXPIRY)).toMatchObject({ status: 'received', receivedQuantity: 0.8 });
  });

  it('skips events of other pledges and deleted ones', () => {
    const events = [makeEvent('dispatched', { pledgeId: 'pledge-other-0001' }), { ...makeEvent('cancelled'), _deleted: true }];
    expect(derivePledgeState(pledge, events, BEFORE_EXPIRY)).toMatchObject({ status: 'pledged', applied: [], ignored: [] });
  });

  it('orders events by stamp, then by id, whatever the array order', () => {
    const cancel = makeEvent('cancelled', { id: 'event-bbbbbbbb', updatedAt: T0 + 500 });
    const dispatch = makeEvent('delivered', { id: 'event-aaaaaaaa', updatedAt: T0 + 500 });
    expect(derivePledgeState(pledge, [cancel, dispatch], BEFORE_EXPIRY).status).toBe('delivered');
    expect(derivePledgeState(pledge, [dispatch, cancel], BEFORE_EXPIRY).status).toBe('delivered');
  });
});

/** checkPledgeEventWrite: event, writer's municipality → refusal (null: stored). */
const WRITES: [string, PledgeEvent, string, ReturnType<typeof checkPledgeEventWrite>][] = [
  ['sender dispatches', makeEvent('dispatched'), MUNICH, null],
  ['receiver confirms a quantity', makeEvent('received', { quantity: 3 }), KYIV, null],
  ['receiver declines', makeEvent('cancelled', { by: 'receiver' }), KYIV, null],
  ['an event written in another municipality’s name', makeEvent('dispatched'), KYIV, 'not-your-event'],
  ['receiver dispatches', makeEvent('dispatched', { by: 'receiver' }), KYIV, 'wrong-party'],
  ['sender confirms receipt', makeEvent('received', { by: 'sender' }), MUNICH, 'wrong-party'],
  ['an outsider', makeEvent('cancelled', { byMunicipalityId: KRAKOW }), KRAKOW, 'wrong-party'],
  ['another pledge’s event', makeEvent('dispatched', { pledgeId: 'pledge-other-0001' }), MUNICH, 'other-pledge'],
  ['receipt without quantity', makeEvent('received', { quantity: undefined }), KYIV, 'missing-quantity'],
  ['extension without deadline', makeEvent('extended'), MUNICH, 'missing-expiry'],
  ['deadline on a dispatch', makeEvent('dispatched', { expiresAt: T0 }), MUNICH, 'unexpected-expiry'],
  ['late dispatch is stored (and ignored by the derivation)', makeEvent('dispatched', { updatedAt: LATE }), MUNICH, null],
];

describe('checkPledgeEventWrite', () => {
  it.each(WRITES)('%s', (_name, event, actor, expected) => {
    expect(checkPledgeEventWrite(pledge, event, actor)).toBe(expected);
  });
});

/** Random events of the default pledge: kinds, parties, quantities, stamps around the deadline. */
const eventArb: fc.Arbitrary<PledgeEvent> = fc
  .record({
    id: fc.stringMatching(/^event-[a-z0-9]{8}$/),
    kind: fc.constantFrom(...PLEDGE_EVENT_KINDS),
    by: fc.constantFrom<'sender' | 'receiver'>('sender', 'receiver'),
    quantity: fc.integer({ min: 1, max: 8 }),
    updatedAt: fc.integer({ min: T0, max: T0 + 20 * DAY }),
    expiresAt: fc.integer({ min: T0 + 10 * DAY, max: T0 + 30 * DAY }),
  })
  .map(({ id, kind, by, quantity, updatedAt, expiresAt }) =>
    makeEvent(kind, {
      id,
      by,
      updatedAt,
      quantity: kind === 'extended' || kind === 'cancelled' ? undefined : quantity,
      expiresAt: kind === 'extended' ? expiresAt : undefined,
    }),
  );
const eventsArb = fc.uniqueArray(eventArb, { selector: (event) => event.id, maxLength: 12 });
const nowArb = fc.integer({ min: T0, max: T0 + 40 * DAY });
const RUNS = 300;

/** Position on the way to "received"; ended statuses sit past every other. */
const progress = (status: PledgeStatus): number => (isPledgeEnded(status) ? PLEDGE_STATUSES.length : PLEDGE_STATUSES.indexOf(status));

describe('pledge status properties', () => {
  it(`every replica derives the same state whatever order events arrived in (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(eventsArb.chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length }))), nowArb, ([events, shuffled], now) => {
        expect(derivePledgeState(pledge, shuffled, now)).toEqual(derivePledgeState(pledge, events, now));
      }),
      { numRuns: RUNS },
    );
  });

  it(`status never goes backwards as events are replayed (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const ordered = [...events].sort((a, b) => a.updatedAt - b.updatedAt || (a.id < b.id ? -1 : 1));
        let previous: PledgeStatus = 'pledged';
        for (let length = 1; length <= ordered.length; length += 1) {
          // At the time of the last event, so expiry is judged as it stood then.
          const last = ordered[length - 1]!;
          const status = derivePledgeState(pledge, ordered.slice(0, length), last.updatedAt).status;
          if (isPledgeEnded(previous)) expect(status).toBe(previous);
          else expect(progress(status)).toBeGreaterThanOrEqual(progress(previous));
          previous = status;
        }
      }),
      { numRuns: RUNS },
    );
  });

  it(`with the same events, time passing only turns "pledged" into "expired" (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(eventsArb, nowArb, nowArb, (events, a, b) => {
        const [earlier, later] = a <= b ? [a, b] : [b, a];
        const before = derivePledgeState(pledge, events, earlier).status;
        const after = derivePledgeState(pledge, events, later).status;
        if (before !== after) expect([before, after]).toEqual(['pledged', 'expired']);
      }),
      { numRuns: RUNS },
    );
  });

  it(`received quantity is the sum of the applied receipts (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(eventsArb, nowArb, (events, now) => {
        const state = derivePledgeState(pledge, events, now);
        const applied = new Set(state.applied);
        const sum = events.filter((event) => event.kind === 'received' && applied.has(event.id)).reduce((total, event) => total + (event.quantity ?? 0), 0);
        expect(state.receivedQuantity).toBe(sum);
        if (state.status === 'received') expect(sum).toBeGreaterThanOrEqual(pledge.quantity);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('groupEventsByPledge', () => {
  it('groups every event under its pledge, each group in replay order', () => {
    const late = makeEvent('received', { id: 'event-late-0001', pledgeId: 'pledge-a-000001', updatedAt: T0 + 3 });
    const early = makeEvent('dispatched', { id: 'event-early-001', pledgeId: 'pledge-a-000001', updatedAt: T0 + 1 });
    const other = makeEvent('cancelled', { id: 'event-other-001', pledgeId: 'pledge-b-000001', updatedAt: T0 + 2 });
    const groups = groupEventsByPledge([late, other, early]);
    expect([...groups.keys()].sort()).toEqual(['pledge-a-000001', 'pledge-b-000001']);
    expect(groups.get('pledge-a-000001')?.map((event) => event.id)).toEqual(['event-early-001', 'event-late-0001']);
    expect(groups.get('pledge-b-000001')?.map((event) => event.id)).toEqual(['event-other-001']);
  });
});
