import { describe, expect, it } from 'vitest';
import { NEED_STATUSES, OFFER_STATUSES, type NeedStatus, type OfferStatus } from '../../domain/constants';
import { mergeThreeWay } from '../../domain/merge';
import { canMoveNeed, NEED_TRANSITIONS, needStatusRule } from '../../domain/rules/need-status';
import { canMoveOffer, OFFER_TRANSITIONS, offerStatusRule } from '../../domain/rules/offer-status';
import { canReach } from '../../domain/rules/status-transitions';
import { makeNeed, makeOffer, T0 } from './domain-factories';

/** Every pair of statuses and whether the move is allowed; `from → to: allowed`. */
const NEED_MOVES: [NeedStatus, NeedStatus, boolean][] = [
  ['draft', 'open', true],
  ['draft', 'withdrawn', true],
  ['draft', 'fulfilled', false],
  ['draft', 'closed', false],
  ['open', 'fulfilled', true],
  ['open', 'closed', true],
  ['open', 'withdrawn', true],
  ['open', 'draft', false],
  ['fulfilled', 'open', true],
  ['fulfilled', 'closed', true],
  ['fulfilled', 'withdrawn', false],
  ['fulfilled', 'draft', false],
  ['closed', 'open', true],
  ['closed', 'fulfilled', false],
  ['closed', 'withdrawn', false],
  ['closed', 'draft', false],
  ['withdrawn', 'draft', false],
  ['withdrawn', 'open', true],
  ['withdrawn', 'fulfilled', false],
  ['withdrawn', 'closed', false],
];

const OFFER_MOVES: [OfferStatus, OfferStatus, boolean][] = [
  ['open', 'reserved', true],
  ['open', 'exhausted', true],
  ['open', 'withdrawn', true],
  ['reserved', 'open', true],
  ['reserved', 'exhausted', true],
  ['reserved', 'withdrawn', true],
  ['exhausted', 'open', true],
  ['exhausted', 'withdrawn', true],
  ['exhausted', 'reserved', false],
  ['withdrawn', 'open', true],
  ['withdrawn', 'reserved', false],
  ['withdrawn', 'exhausted', false],
];

describe('need status transitions', () => {
  it.each(NEED_MOVES)('%s → %s: %s', (from, to, allowed) => {
    expect(canMoveNeed(from, to)).toBe(allowed);
  });
  it('lists every ordered pair once', () => {
    expect(NEED_MOVES).toHaveLength(NEED_STATUSES.length * (NEED_STATUSES.length - 1));
  });
  it.each(NEED_STATUSES)('staying %s is always allowed', (status) => expect(canMoveNeed(status, status)).toBe(true));
});

/** from → to: reachable through some sequence of allowed moves (what a push may carry). */
const NEED_REACHABLE: [NeedStatus, NeedStatus, boolean][] = [
  ['draft', 'fulfilled', true],
  ['draft', 'closed', true],
  ['open', 'draft', false],
  ['fulfilled', 'withdrawn', true],
  ['closed', 'withdrawn', true],
  ['closed', 'fulfilled', true],
  ['withdrawn', 'closed', true],
  ['withdrawn', 'draft', false],
  ['fulfilled', 'draft', false],
  ['closed', 'draft', false],
];

describe('need statuses reachable through several moves (the server’s check of a push)', () => {
  it.each(NEED_REACHABLE)('%s ⇒ %s: %s', (from, to, reachable) => {
    expect(canReach(NEED_TRANSITIONS, from, to)).toBe(reachable);
  });
  it.each(NEED_MOVES.filter(([, , allowed]) => allowed))('a single allowed move %s → %s is reachable', (from, to) => {
    expect(canReach(NEED_TRANSITIONS, from, to)).toBe(true);
  });
  it('once published, a need never becomes a draft again', () => {
    for (const from of NEED_STATUSES.filter((status) => status !== 'draft')) expect(canReach(NEED_TRANSITIONS, from, 'draft')).toBe(false);
  });
  it('every offer status is reachable from every other', () => {
    for (const from of OFFER_STATUSES) for (const to of OFFER_STATUSES) expect(canReach(OFFER_TRANSITIONS, from, to)).toBe(true);
  });
});

describe('offer status transitions', () => {
  it.each(OFFER_MOVES)('%s → %s: %s', (from, to, allowed) => {
    expect(canMoveOffer(from, to)).toBe(allowed);
  });
  it('lists every ordered pair once', () => {
    expect(OFFER_MOVES).toHaveLength(OFFER_STATUSES.length * (OFFER_STATUSES.length - 1));
  });
});

/** base, master, local, newer side → merged status. */
const NEED_STATUS_MERGES: [NeedStatus, NeedStatus, NeedStatus, 'local' | 'master', NeedStatus][] = [
  // the newer edit follows legally from the older one: it wins
  ['open', 'closed', 'fulfilled', 'master', 'closed'],
  ['open', 'fulfilled', 'closed', 'local', 'closed'],
  ['draft', 'open', 'withdrawn', 'local', 'withdrawn'],
  ['draft', 'withdrawn', 'open', 'master', 'withdrawn'],
  // the newer edit follows from the older one through several legal moves: it wins too (the
  // closure the server accepts; a stale base makes a phone's own earlier status look concurrent)
  ['open', 'withdrawn', 'fulfilled', 'local', 'fulfilled'],
  ['open', 'fulfilled', 'withdrawn', 'master', 'fulfilled'],
  ['open', 'closed', 'withdrawn', 'local', 'withdrawn'],
  // no sequence of legal moves leads to the newer edit (back to draft): the older one stands
  ['withdrawn', 'draft', 'open', 'master', 'open'],
];

describe('need status merge (both phones changed the status)', () => {
  it.each(NEED_STATUS_MERGES)('base %s, master %s, local %s, %s newer → %s', (base, master, local, newer, expected) => {
    const localIsNewer = newer === 'local';
    expect(needStatusRule({ base, master, local, localIsNewer })).toBe(expected);
    const merged = mergeThreeWay(
      makeNeed({ status: base, updatedAt: T0 }),
      makeNeed({ status: master, updatedAt: localIsNewer ? T0 + 1 : T0 + 2 }),
      makeNeed({ status: local, updatedAt: localIsNewer ? T0 + 2 : T0 + 1 }),
      { fieldRules: { status: needStatusRule } },
    );
    expect(merged.status).toBe(expected);
  });

  it('is the same whichever phone merges (symmetric in master and local)', () => {
    for (const master of NEED_STATUSES) {
      for (const local of NEED_STATUSES) {
        const one = needStatusRule({ base: 'open', master, local, localIsNewer: true });
        const other = needStatusRule({ base: 'open', master: local, local: master, localIsNewer: false });
        expect(one).toBe(other);
      }
    }
  });
});

const OFFER_STATUS_MERGES: [OfferStatus, OfferStatus, OfferStatus, 'local' | 'master', OfferStatus][] = [
  ['open', 'reserved', 'exhausted', 'local', 'exhausted'],
  // every offer status leads back to open and on: the newer one wins
  ['open', 'exhausted', 'reserved', 'local', 'reserved'],
  ['open', 'withdrawn', 'reserved', 'local', 'reserved'],
  ['reserved', 'open', 'withdrawn', 'master', 'open'],
];

describe('offer status merge', () => {
  it.each(OFFER_STATUS_MERGES)('base %s, master %s, local %s, %s newer → %s', (base, master, local, newer, expected) => {
    expect(offerStatusRule({ base, master, local, localIsNewer: newer === 'local' })).toBe(expected);
    const merged = mergeThreeWay(
      makeOffer({ status: base }),
      makeOffer({ status: master, updatedAt: newer === 'master' ? T0 + 2 : T0 + 1 }),
      makeOffer({ status: local, updatedAt: newer === 'local' ? T0 + 2 : T0 + 1 }),
      { fieldRules: { status: offerStatusRule } },
    );
    expect(merged.status).toBe(expected);
  });
});
