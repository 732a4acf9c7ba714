/**
 * What the home screen condenses: pledges by direction with their derived status, still-moving
 * ones first; and the newest suggestions across all of a municipality's items.
 */
import { describe, expect, it } from 'vitest';
import { newestMatches, pledgesByDirection } from '../../app/features/home/home-summaries';
import type { MunicipalityMatches } from '../../app/features/matches/matches';
import { DAY, KRAKOW, KYIV, LVIV, MUNICH, T0, makeEvent, makeNeed, makeOffer, makePledge } from './domain-factories';

describe('pledgesByDirection', () => {
  const toUs = makePledge({ id: 'pledge-to-us-new', updatedAt: T0 + 2 });
  const toUsOld = makePledge({ id: 'pledge-to-us-old', updatedAt: T0 + 1 });
  const toUsReceived = makePledge({ id: 'pledge-to-us-done', updatedAt: T0 + 3 });
  const byUs = makePledge({ id: 'pledge-by-us', fromMunicipalityId: KYIV, toMunicipalityId: LVIV, offerId: undefined });
  const others = makePledge({ id: 'pledge-others', fromMunicipalityId: MUNICH, toMunicipalityId: KRAKOW });
  const events = [
    makeEvent('received', { pledgeId: toUsReceived.id, quantity: 8 }),
    makeEvent('dispatched', { pledgeId: toUsOld.id }),
  ];

  it('splits pledges into those to us and those by us, leaving out pledges between others', () => {
    const { toUs: to, byUs: by } = pledgesByDirection([toUs, toUsOld, toUsReceived, byUs, others], events, KYIV, T0 + DAY);
    expect(to.map((line) => line.pledge.id)).toEqual(['pledge-to-us-new', 'pledge-to-us-old', 'pledge-to-us-done']);
    expect(to.map((line) => line.otherMunicipalityId)).toEqual([MUNICH, MUNICH, MUNICH]);
    expect(by.map((line) => [line.pledge.id, line.otherMunicipalityId])).toEqual([['pledge-by-us', LVIV]]);
  });

  it('derives each status from the events and the time: received last, expired after the deadline', () => {
    const { toUs: to } = pledgesByDirection([toUs, toUsOld, toUsReceived], events, KYIV, T0 + 30 * DAY);
    expect(Object.fromEntries(to.map((line) => [line.pledge.id, line.state.status]))).toEqual({
      'pledge-to-us-old': 'dispatched',
      'pledge-to-us-new': 'expired',
      'pledge-to-us-done': 'received',
    });
    expect(to[0]!.pledge.id).toBe('pledge-to-us-old');
  });
});

describe('newestMatches', () => {
  const need = makeNeed({ id: 'need-mine' });
  const offer = makeOffer({ id: 'offer-mine', municipalityId: KYIV });
  const older = makeOffer({ id: 'offer-older', updatedAt: T0 });
  const newer = makeOffer({ id: 'offer-newer', updatedAt: T0 + DAY });
  const theirNeed = makeNeed({ id: 'need-theirs', municipalityId: LVIV, updatedAt: T0 + 2 * DAY });
  const matches: MunicipalityMatches = {
    needs: [{ need, offers: [{ item: older, score: 90, reasons: [] }, { item: newer, score: 50, reasons: [] }] }],
    offers: [{ offer, needs: [{ item: theirNeed, score: 40, reasons: [] }] }],
  };

  it('takes the newest suggested items first, with the item each is for', () => {
    const pairs = newestMatches(matches, 2);
    expect(pairs.map((pair) => [pair.kind, pair.mine.id, pair.suggestion.item.id])).toEqual([
      ['need', 'offer-mine', 'need-theirs'],
      ['offer', 'need-mine', 'offer-newer'],
    ]);
  });

  it('is empty when nothing matches', () => {
    expect(newestMatches({ needs: [{ need, offers: [] }], offers: [] }, 3)).toEqual([]);
  });
});
