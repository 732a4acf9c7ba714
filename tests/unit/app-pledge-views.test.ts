/**
 * The pledge screens' pure helpers: views derived in one pass (dispatched quantity, what our side
 * must do), the list order (needing action first), the tab the URL or the data chooses, the actions
 * the rules leave to each party, and the event forms (the v1 dispatch fields, their checks).
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/permissions';
import { derivePledgeState } from '../../domain/rules/pledge-status';
import type { Pledge } from '../../domain/schemas/pledge';
import type { PledgeEvent } from '../../domain/schemas/pledge-event';
import { validateDocument } from '../../domain/validation';
import { PLEDGE_EVENT_SCHEMA } from '../../domain/schemas/pledge-event';
import { pledgeActions } from '../../app/features/pledges/pledge-actions';
import {
  endOfLocalDay,
  exceedsRemaining,
  formToCancellation,
  formToDispatch,
  formToExtension,
  formToReceipt,
  localDayOf,
  newDispatchForm,
  newReceiptForm,
  receiptEvent,
  type EventFormContext,
} from '../../app/features/pledges/pledge-event-forms';
import { chosenSide, derivePledgeViews, dispatchedQuantity, remainingQuantity, splitBySide } from '../../app/features/pledges/pledge-views';
import { DAY, HOUR, KRAKOW, KYIV, MUNICH, T0, makeEvent, makePledge } from './domain-factories';

const validate = (doc: unknown) => validateDocument(PLEDGE_EVENT_SCHEMA, doc);
const actorOf = (municipalityId: string, memberId: string): Actor => ({ memberId, municipalityId, role: 'official', memberStatus: 'active', municipalityVerified: true });
const SENDER = actorOf(MUNICH, 'member-hans-001');
const RECEIVER = actorOf(KYIV, 'member-olena-01');
const VOLUNTEER: Actor = { ...actorOf(KYIV, 'member-taras-01'), role: 'volunteer' };
const THIRD = actorOf(KRAKOW, 'member-anna-001');

const pledge = makePledge({ quantity: 8, expiresAt: T0 + 14 * DAY });
const NOW = T0 + 2 * DAY;

function stateOf(events: PledgeEvent[], target: Pledge = pledge, now = NOW) {
  return derivePledgeState(target, events, now);
}

describe('dispatched quantity', () => {
  it('is zero before anything left', () => {
    expect(dispatchedQuantity(pledge, [], stateOf([]))).toBe(0);
  });

  it('is the pledged quantity for a dispatch that names none', () => {
    const events = [makeEvent('dispatched')];
    expect(dispatchedQuantity(pledge, events, stateOf(events))).toBe(8);
  });

  it('adds up trucks; one without a quantity carries the rest', () => {
    const five = [makeEvent('dispatched', { quantity: 5 })];
    expect(dispatchedQuantity(pledge, five, stateOf(five))).toBe(5);
    const rest = [...five, makeEvent('dispatched')];
    expect(dispatchedQuantity(pledge, rest, stateOf(rest))).toBe(8);
  });

  it('counts a pledge received without a recorded dispatch as dispatched in full', () => {
    const events = [makeEvent('received', { quantity: 3 })];
    expect(dispatchedQuantity(pledge, events, stateOf(events))).toBe(8);
  });

  it('leaves out dispatches the rules ignored', () => {
    const late = [makeEvent('dispatched', { updatedAt: T0 + 15 * DAY })];
    expect(dispatchedQuantity(pledge, late, stateOf(late, pledge, T0 + 16 * DAY))).toBe(0);
  });
});

describe('remaining quantity and receipts', () => {
  it('suggests the remainder, which partial receipts shrink (0.7 + 0.1 of 0.8 t leaves nothing)', () => {
    const tonnes = makePledge({ quantity: 0.8, unit: 'tonnes' });
    const first = [makeEvent('received', { quantity: 0.7 })];
    expect(remainingQuantity(tonnes, stateOf(first, tonnes))).toBe(0.1);
    expect(newReceiptForm(0.1).quantity).toBe('0.1');
    const both = [...first, makeEvent('received', { quantity: 0.1 })];
    expect(remainingQuantity(tonnes, stateOf(both, tonnes))).toBe(0);
    expect(newReceiptForm(0).quantity).toBe('');
  });

  it('warns above the remainder without refusing it', () => {
    expect(exceedsRemaining({ quantity: '9' }, 8)).toBe(true);
    expect(exceedsRemaining({ quantity: '8' }, 8)).toBe(false);
    const context: EventFormContext = { id: 'event-receipt-01', pledge, actor: RECEIVER, language: 'uk', today: '2026-03-03' };
    const result = formToReceipt({ quantity: '9', note: ' Один зайвий ' }, context, validate, ['photo-0001']);
    expect(result).toEqual({
      ok: true,
      event: {
        id: 'event-receipt-01',
        pledgeId: pledge.id,
        kind: 'received',
        byMemberId: RECEIVER.memberId,
        byMunicipalityId: KYIV,
        language: 'uk',
        quantity: 9,
        note: 'Один зайвий',
        photoIds: ['photo-0001'],
      },
    });
  });

  it.each([
    ['', 'required'],
    ['0', 'mustBePositive'],
    ['-1', 'mustBePositive'],
    ['abc', 'notANumber'],
    ['2.5', 'wholeNumber'],
  ])('refuses a receipt of %j pieces (%s)', (quantity, key) => {
    const context: EventFormContext = { id: 'event-receipt-02', pledge, actor: RECEIVER, language: 'en', today: '2026-03-03' };
    const result = formToReceipt({ quantity, note: '' }, context, validate);
    expect(result.ok ? null : result.errors.quantity?.key).toBe(key);
  });

  it('saveReceipt’s event keeps the photo ids and leaves out an empty note', () => {
    const event = receiptEvent({ quantity: 2, note: '  ', photoIds: ['photo-a-0001', 'photo-b-0001'] }, { id: 'event-x-0001', pledge, actor: VOLUNTEER, language: 'uk' });
    expect(event).toEqual({ id: 'event-x-0001', pledgeId: pledge.id, kind: 'received', byMemberId: VOLUNTEER.memberId, byMunicipalityId: KYIV, language: 'uk', quantity: 2, photoIds: ['photo-a-0001', 'photo-b-0001'] });
    expect(validate({ ...event, updatedAt: NOW })).toEqual([]);
  });
});

describe('the dispatch form', () => {
  const context: EventFormContext = { id: 'event-dispatch-01', pledge, actor: SENDER, language: 'de', today: '2026-03-03' };

  it('suggests the quantity not yet dispatched', () => {
    expect(newDispatchForm(pledge, 0).quantity).toBe('8');
    expect(newDispatchForm(pledge, 5).quantity).toBe('3');
  });

  it('writes the v1 dispatch fields, trimmed, and a schema-valid event', () => {
    const result = formToDispatch(
      { quantity: '8', carrier: ' Spedition Huber ', vehiclePlate: ' M-AB 1234 ', expectedArrivalOn: '2026-03-10', note: 'Zwei Paletten' },
      context,
      validate,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.event).toMatchObject({ kind: 'dispatched', quantity: 8, carrier: 'Spedition Huber', vehiclePlate: 'M-AB 1234', expectedArrivalOn: '2026-03-10', note: 'Zwei Paletten', byMunicipalityId: MUNICH, language: 'de' });
    expect(validate({ ...result.event, updatedAt: NOW })).toEqual([]);
  });

  it('leaves the optional details out when empty', () => {
    const result = formToDispatch({ quantity: '8', carrier: '', vehiclePlate: '', expectedArrivalOn: '', note: '' }, context, validate);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(Object.keys(result.event).sort()).toEqual(['byMemberId', 'byMunicipalityId', 'id', 'kind', 'language', 'pledgeId', 'quantity']);
  });

  it('says what is wrong with each field', () => {
    const result = formToDispatch({ quantity: '', carrier: 'x'.repeat(161), vehiclePlate: 'M', expectedArrivalOn: '2026-03-01', note: 'n'.repeat(2001) }, context, validate);
    expect(result.ok ? null : result.errors).toEqual({
      quantity: { key: 'required' },
      carrier: { key: 'tooLong', count: 160 },
      vehiclePlate: { key: 'tooShort', count: 2 },
      expectedArrivalOn: { key: 'inThePast' },
      note: { key: 'tooLong', count: 2000 },
    });
  });

  it('lets the schema catch what the hand checks miss (a carrier of invisible characters)', () => {
    const result = formToDispatch({ quantity: '8', carrier: '\u200b', vehiclePlate: '', expectedArrivalOn: '', note: '' }, context, validate);
    expect(result.ok ? null : result.errors.carrier).toEqual({ key: 'invalid' });
  });
});

describe('cancelling and extending', () => {
  const context: EventFormContext = { id: 'event-form-01', pledge, actor: SENDER, language: 'de', today: localDayOf(NOW) };

  it('a cancellation needs a reason', () => {
    const empty = formToCancellation({ reason: '   ' }, context, validate);
    expect(empty.ok ? null : empty.errors.reason).toEqual({ key: 'required' });
    const given = formToCancellation({ reason: ' LKW ausgefallen ' }, context, validate);
    expect(given.ok && given.event).toMatchObject({ kind: 'cancelled', note: 'LKW ausgefallen' });
  });

  it('an extension moves the deadline to the end of a later day', () => {
    const day = localDayOf(pledge.expiresAt + 7 * DAY);
    const result = formToExtension({ date: day }, { ...context, currentExpiresAt: pledge.expiresAt }, validate);
    expect(result.ok && result.event).toMatchObject({ kind: 'extended', expiresAt: endOfLocalDay(day) });
  });

  it('refuses a day that is not later than the current deadline', () => {
    const currentExpiresAt = endOfLocalDay(localDayOf(pledge.expiresAt));
    const result = formToExtension({ date: localDayOf(pledge.expiresAt) }, { ...context, currentExpiresAt }, validate);
    expect(result.ok ? null : result.errors.date).toEqual({ key: 'notLater', date: localDayOf(pledge.expiresAt) });
  });
});

describe('the actions each side is offered', () => {
  const at = (actor: Actor | null, events: PledgeEvent[] = [], now = NOW) => {
    const dispatched = dispatchedQuantity(pledge, events, stateOf(events, pledge, now));
    const { party: _party, ...actions } = pledgeActions(actor, pledge, events, now, dispatched);
    return actions;
  };

  it('the sender dispatches, extends and cancels a pledge waiting for dispatch', () => {
    expect(at(SENDER)).toEqual({ dispatch: true, receive: false, cancel: true, extend: true });
  });

  it('the receiver (official or volunteer) confirms and may decline while only pledged', () => {
    expect(at(RECEIVER)).toEqual({ dispatch: false, receive: true, cancel: true, extend: false });
    expect(at(VOLUNTEER)).toEqual({ dispatch: false, receive: true, cancel: true, extend: false });
  });

  it('a third city and a signed-out reader see nothing', () => {
    expect(at(THIRD)).toEqual({ dispatch: false, receive: false, cancel: false, extend: false });
    expect(at(null)).toEqual({ dispatch: false, receive: false, cancel: false, extend: false });
  });

  it('once dispatched: the sender may still cancel, the receiver only confirms', () => {
    const events = [makeEvent('dispatched', { updatedAt: T0 + HOUR })];
    expect(at(SENDER, events)).toEqual({ dispatch: false, receive: false, cancel: true, extend: false });
    expect(at(RECEIVER, events)).toEqual({ dispatch: false, receive: true, cancel: false, extend: false });
  });

  it('after a partial dispatch, the sender may send the rest', () => {
    const events = [makeEvent('dispatched', { quantity: 5, updatedAt: T0 + HOUR })];
    expect(at(SENDER, events).dispatch).toBe(true);
  });

  it('an expired pledge offers nothing', () => {
    const late = T0 + 15 * DAY;
    expect(at(SENDER, [], late)).toEqual({ dispatch: false, receive: false, cancel: false, extend: false });
    expect(at(RECEIVER, [], late)).toEqual({ dispatch: false, receive: false, cancel: false, extend: false });
  });

  it('a pending member is offered nothing', () => {
    expect(at({ ...SENDER, memberStatus: 'pending' })).toEqual({ dispatch: false, receive: false, cancel: false, extend: false });
  });
});

describe('the lists', () => {
  const other = (id: string, overrides: Partial<Pledge> = {}) => makePledge({ id, ...overrides });

  it('splits by side, needing action first, then under way, then ended, most recent first', () => {
    // Munich pledged three to Kyiv; Krakow pledged three to Munich; one is between Kyiv and Krakow.
    const toDispatch = other('p-by-dispatch', { updatedAt: T0 });
    const waiting = other('p-by-waiting', { updatedAt: T0 + 1 });
    const cancelled = other('p-by-cancelled', { updatedAt: T0 + 9 });
    const toConfirm = other('p-to-confirm', { fromMunicipalityId: KRAKOW, toMunicipalityId: MUNICH, updatedAt: T0 + 2 });
    const toConfirmNewer = other('p-to-confirm-2', { fromMunicipalityId: KRAKOW, toMunicipalityId: MUNICH, updatedAt: T0 + 3 });
    const received = other('p-to-received', { fromMunicipalityId: KRAKOW, toMunicipalityId: MUNICH, updatedAt: T0 + 5 });
    const elsewhere = other('p-elsewhere', { fromMunicipalityId: KRAKOW });
    const events = [
      makeEvent('dispatched', { pledgeId: waiting.id, updatedAt: T0 + HOUR }),
      makeEvent('cancelled', { pledgeId: cancelled.id, updatedAt: T0 + HOUR }),
      makeEvent('dispatched', { pledgeId: toConfirm.id, byMunicipalityId: KRAKOW, updatedAt: T0 + HOUR }),
      makeEvent('dispatched', { pledgeId: toConfirmNewer.id, byMunicipalityId: KRAKOW, updatedAt: T0 + 2 * HOUR }),
      makeEvent('received', { pledgeId: received.id, byMunicipalityId: MUNICH, updatedAt: T0 + 3 * HOUR }),
    ];
    const split = splitBySide(derivePledgeViews([received, toDispatch, elsewhere, cancelled, toConfirm, waiting, toConfirmNewer], events, MUNICH, NOW));
    expect(split['by-us'].map((view) => [view.pledge.id, view.todo, view.otherMunicipalityId])).toEqual([
      ['p-by-dispatch', 'dispatch', KYIV],
      ['p-by-waiting', null, KYIV],
      ['p-by-cancelled', null, KYIV],
    ]);
    expect(split['to-us'].map((view) => [view.pledge.id, view.todo, view.otherMunicipalityId])).toEqual([
      ['p-to-confirm-2', 'confirm', KRAKOW],
      ['p-to-confirm', 'confirm', KRAKOW],
      ['p-to-received', null, KRAKOW],
    ]);
  });

  it('opens the tab the URL names, else "to us" when anything was pledged to us', () => {
    const views = derivePledgeViews([makePledge({ id: 'p-1' })], [], KYIV, NOW);
    expect(chosenSide('?side=by-us', splitBySide(views))).toBe('by-us');
    expect(chosenSide('', splitBySide(views))).toBe('to-us');
    expect(chosenSide('?side=nonsense', splitBySide([]))).toBe('by-us');
  });

  it('derives 2,000 pledges with 6,000 events in one pass (timing printed, not asserted)', () => {
    const pledges = Array.from({ length: 2000 }, (_, index) => makePledge({ id: `pledge-${String(index).padStart(5, '0')}`, updatedAt: T0 + index }));
    const events = pledges.flatMap((item, index) => [
      makeEvent('dispatched', { pledgeId: item.id, updatedAt: T0 + HOUR + index }),
      makeEvent('received', { pledgeId: item.id, quantity: 3, updatedAt: T0 + 2 * HOUR + index }),
      makeEvent('received', { pledgeId: item.id, quantity: 5, updatedAt: T0 + 3 * HOUR + index }),
    ]);
    const started = performance.now();
    const split = splitBySide(derivePledgeViews(pledges, events, KYIV, NOW));
    const elapsed = performance.now() - started;
    expect(split['to-us']).toHaveLength(2000);
    expect(split['to-us'].every((view) => view.state.status === 'received' && view.dispatchedQuantity === 8)).toBe(true);
    console.log(`pledge views: 2,000 pledges with 6,000 events derived and split in ${elapsed.toFixed(0)} ms`);
  });
});
