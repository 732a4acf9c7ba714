/**
 * The matches feature's helpers: the reader's calendar day (matching counts "needed in N days" from
 * the day on the reader's wall, not from UTC's: in Kyiv, UTC is still on yesterday until 02:00 or
 * 03:00), and whether a suggestion may offer "pledge" (the server's own rule).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCalendarDay, msUntilNextLocalDay } from '../../app/features/matches/local-day';
import { mayPledge } from '../../app/features/matches/may-pledge';
import { KYIV, LVIV, makeMunicipality, makeNeed, makeOffer } from './domain-factories';
import { makeProfile } from '../support/profiles';

const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Kyiv';
});
afterAll(() => {
  process.env.TZ = originalTz;
});

describe('localCalendarDay', () => {
  it('is already tomorrow in Kyiv while UTC is still on today', () => {
    const lateEvening = new Date('2026-03-01T22:30:00Z');
    expect(lateEvening.toISOString().slice(0, 10)).toBe('2026-03-01');
    expect(localCalendarDay(lateEvening)).toBe('2026-03-02');
  });

  it('pads months and days', () => {
    expect(localCalendarDay(new Date(2026, 0, 5, 12))).toBe('2026-01-05');
  });
});

describe('msUntilNextLocalDay', () => {
  it('counts to local midnight', () => {
    expect(msUntilNextLocalDay(new Date(2026, 2, 1, 23, 0))).toBe(3_600_000);
  });

  it('knows the night the clocks go forward is an hour shorter', () => {
    // Kyiv moves from 03:00 to 04:00 on the last Sunday of March 2026 (29 March).
    expect(msUntilNextLocalDay(new Date(2026, 2, 29, 0, 0))).toBe(23 * 3_600_000);
  });
});

describe('mayPledge', () => {
  const lviv = makeMunicipality({ id: LVIV, adm1: 'UA46' });
  const theirNeed = makeNeed({ id: 'need-lviv-01', municipalityId: LVIV });
  const myOffer = makeOffer({ id: 'offer-kyiv-01', municipalityId: KYIV });

  it('lets a verified member pledge from their own offer against another verified municipality\'s open need', () => {
    expect(mayPledge(makeProfile().actor, theirNeed, myOffer, lviv)).toBe(true);
  });

  it.each([
    ['a pending member', makeProfile({ member: { status: 'pending' } }).actor, theirNeed, myOffer, lviv],
    ['against my own need', makeProfile().actor, makeNeed({ municipalityId: KYIV }), myOffer, makeMunicipality()],
    ['from another municipality\'s offer', makeProfile().actor, theirNeed, makeOffer({ municipalityId: LVIV }), lviv],
    ['against a need of an unverified municipality', makeProfile().actor, theirNeed, myOffer, makeMunicipality({ id: LVIV, verification: { status: 'pending' } })],
    ['when nobody is signed in', null, theirNeed, myOffer, lviv],
  ] as const)('refuses %s', (_case, actor, need, offer, municipality) => {
    expect(mayPledge(actor, need, offer, municipality)).toBe(false);
  });
});
