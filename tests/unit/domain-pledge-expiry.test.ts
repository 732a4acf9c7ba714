/**
 * Expiry as both sides see it coming, and the pledger's one extension: whole days left (rounded
 * down), the warning window, and when an extension may still be offered. Edge cases: exactly at the
 * deadline, an extension stamped after expiry, a second extension; partial receipts adding up.
 */
import { describe, expect, it } from 'vitest';
import { canExtend, daysUntilExpiry, EXPIRY_WARNING_DAYS, isExpiringSoon } from '../../domain/rules/pledge-expiry';
import { derivePledgeState } from '../../domain/rules/pledge-status';
import { DAY, HOUR, T0, makeEvent, makePledge } from './domain-factories';

const DEADLINE = T0 + 14 * DAY;
const pledge = makePledge({ quantity: 8, expiresAt: DEADLINE });

describe('daysUntilExpiry', () => {
  it.each([
    ['two weeks before', T0, 14],
    ['a day and a half before', DEADLINE - DAY - 12 * HOUR, 1],
    ['exactly a day before', DEADLINE - DAY, 1],
    ['an hour before', DEADLINE - HOUR, 0],
    ['exactly at the deadline', DEADLINE, 0],
  ])('%s → %i whole days left', (_when, now, days) => {
    expect(daysUntilExpiry(derivePledgeState(pledge, [], now), now)).toBe(days);
  });

  it('says nothing once the deadline has passed (the pledge is expired)', () => {
    const now = DEADLINE + 1;
    const state = derivePledgeState(pledge, [], now);
    expect(state.status).toBe('expired');
    expect(daysUntilExpiry(state, now)).toBeNull();
  });

  it('says nothing once the pledge was dispatched or cancelled: expiry no longer applies', () => {
    for (const event of [makeEvent('dispatched'), makeEvent('cancelled')]) {
      expect(daysUntilExpiry(derivePledgeState(pledge, [event], DEADLINE - HOUR), DEADLINE - HOUR)).toBeNull();
    }
  });

  it('counts from the extended deadline', () => {
    const extended = makeEvent('extended', { expiresAt: DEADLINE + 10 * DAY });
    const now = DEADLINE - HOUR;
    expect(daysUntilExpiry(derivePledgeState(pledge, [extended], now), now)).toBe(10);
  });
});

describe('isExpiringSoon', () => {
  it(`warns ${EXPIRY_WARNING_DAYS} whole days before and not earlier`, () => {
    const at = (now: number) => isExpiringSoon(derivePledgeState(pledge, [], now), now);
    expect(at(DEADLINE - 4 * DAY)).toBe(false);
    expect(at(DEADLINE - 4 * DAY + 1)).toBe(true);
    expect(at(DEADLINE - 3 * DAY)).toBe(true);
    expect(at(DEADLINE)).toBe(true);
    expect(at(DEADLINE + 1)).toBe(false);
  });

  it('takes another window when asked', () => {
    const now = DEADLINE - 6 * DAY;
    const state = derivePledgeState(pledge, [], now);
    expect(isExpiringSoon(state, now)).toBe(false);
    expect(isExpiringSoon(state, now, 7)).toBe(true);
  });

  it('does not warn about a dispatched pledge', () => {
    const now = DEADLINE - HOUR;
    expect(isExpiringSoon(derivePledgeState(pledge, [makeEvent('dispatched')], now), now)).toBe(false);
  });
});

describe('canExtend', () => {
  const BEFORE = DEADLINE - 2 * DAY;

  it('lets the pledger extend a pledge still waiting for dispatch, up to the deadline itself', () => {
    expect(canExtend(pledge, [], BEFORE)).toBe(true);
    expect(canExtend(pledge, [], DEADLINE)).toBe(true);
  });

  it('not after the deadline', () => {
    expect(canExtend(pledge, [], DEADLINE + 1)).toBe(false);
  });

  it('once: a counted extension ends it', () => {
    const first = makeEvent('extended', { expiresAt: DEADLINE + 7 * DAY, updatedAt: BEFORE - DAY });
    expect(canExtend(pledge, [first], BEFORE)).toBe(false);
  });

  it('a second extension is ignored and the first deadline holds', () => {
    const first = makeEvent('extended', { expiresAt: DEADLINE + 7 * DAY, updatedAt: BEFORE - DAY });
    const second = makeEvent('extended', { expiresAt: DEADLINE + 30 * DAY, updatedAt: BEFORE });
    const state = derivePledgeState(pledge, [first, second], BEFORE);
    expect(state.expiresAt).toBe(DEADLINE + 7 * DAY);
    expect(state.ignored).toEqual([{ id: second.id, reason: 'already-extended' }]);
    expect(canExtend(pledge, [first, second], BEFORE)).toBe(false);
  });

  it('an extension stamped after expiry is ignored: the pledge stays expired and cannot be extended', () => {
    const late = makeEvent('extended', { expiresAt: DEADLINE + 7 * DAY, updatedAt: DEADLINE + 1 });
    const state = derivePledgeState(pledge, [late], DEADLINE + HOUR);
    expect(state.status).toBe('expired');
    expect(state.ignored).toEqual([{ id: late.id, reason: 'after-expiry' }]);
    expect(canExtend(pledge, [late], DEADLINE + HOUR)).toBe(false);
  });

  it('an extension that was not later does not count, so the pledger may still extend', () => {
    const earlier = makeEvent('extended', { expiresAt: DEADLINE - DAY, updatedAt: BEFORE - DAY });
    expect(derivePledgeState(pledge, [earlier], BEFORE).ignored).toEqual([{ id: earlier.id, reason: 'not-later' }]);
    expect(canExtend(pledge, [earlier], BEFORE)).toBe(true);
  });

  it('not once dispatched or cancelled', () => {
    expect(canExtend(pledge, [makeEvent('dispatched')], BEFORE)).toBe(false);
    expect(canExtend(pledge, [makeEvent('cancelled', { by: 'receiver' })], BEFORE)).toBe(false);
  });
});

describe('partial receipts', () => {
  it('0.7 + 0.1 of a 0.8-tonne pledge adds up to received', () => {
    const tonnes = makePledge({ quantity: 0.8, unit: 'tonnes', expiresAt: DEADLINE });
    const first = makeEvent('received', { quantity: 0.7 });
    const afterFirst = derivePledgeState(tonnes, [first], T0);
    expect(afterFirst.status).toBe('partly-received');
    const state = derivePledgeState(tonnes, [first, makeEvent('received', { quantity: 0.1 })], T0);
    expect(state.receivedQuantity).toBe(0.8);
    expect(state.status).toBe('received');
  });
});
