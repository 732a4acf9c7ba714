import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CATEGORIES, OFFER_STATUSES, URGENCIES } from '../../domain/constants';
import { daysBetween, dayOf } from '../../domain/dates';
import { distanceKm } from '../../domain/geo';
import { MATCH_WEIGHTS, scoreMatch, type MatchReason } from '../../domain/rules/matching';
import { T0, makeNeed, makeOffer } from './domain-factories';

const TODAY = '2026-03-01';
const LVIV_PLACE = { settlement: 'Lviv', pcode: 'UA46', lat: 49.84, lon: 24.03 };

describe('geo and dates', () => {
  it.each([
    ['Kyiv → Lviv', { lat: 50.45, lon: 30.52 }, { lat: 49.84, lon: 24.03 }, 468],
    ['Kyiv → Munich', { lat: 50.45, lon: 30.52 }, { lat: 48.14, lon: 11.58 }, 1393],
    ['same point', { lat: 50.45, lon: 30.52 }, { lat: 50.45, lon: 30.52 }, 0],
    ['antipodes', { lat: 0, lon: 0 }, { lat: 0, lon: 180 }, 20015],
  ])('%s ≈ %i km', (_name, a, b, km) => {
    expect(Math.round(distanceKm(a, b))).toBeCloseTo(km, -1);
  });

  it.each([
    ['2026-03-01', '2026-03-04', 3],
    ['2026-03-04', '2026-03-01', -3],
    ['2026-02-28', '2026-03-01', 1],
    ['2026-03-28', '2026-03-30', 2], // across the change to summer time in Europe
    ['2025-12-31', '2026-01-01', 1],
  ])('from %s to %s: %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it('the server’s day of an instant is its UTC date', () => expect(dayOf(T0 + 1000)).toBe(TODAY));
});

/** need patch, offer patch → score, reasons (in the order the UI lists them). */
const CASES: [string, Parameters<typeof makeNeed>[0], Parameters<typeof makeOffer>[0], number, MatchReason[]][] = [
  [
    'Munich generators for Kyiv',
    {},
    {},
    76,
    [
      { code: 'same-category' },
      { code: 'covers-quantity', percent: 80 },
      { code: 'urgency', urgency: 'high' },
      { code: 'needed-in-days', days: 14 },
      { code: 'distance-km', km: 1393 },
    ],
  ],
  [
    'Lviv generators, same oblast as the need, critical, full quantity',
    { urgency: 'critical', place: { ...LVIV_PLACE, settlement: 'Zhovkva', pcode: 'UA4606001' } },
    { quantity: 12, place: { settlement: 'Lviv', country: 'UA', pcode: 'UA4608001', lat: 49.84, lon: 24.03 } },
    100,
    [
      { code: 'same-category' },
      { code: 'covers-quantity', percent: 100 },
      { code: 'urgency', urgency: 'critical' },
      { code: 'needed-in-days', days: 14 },
      { code: 'distance-km', km: 0 },
      { code: 'same-oblast' },
    ],
  ],
  ['different categories of one sector (heating, shelter)', { category: 'heating' }, { category: 'shelter' }, 61, expect.arrayContaining([{ code: 'related-category' }]) as never],
  ['unrelated category', { category: 'food' }, { category: 'medical' }, 0, [{ code: 'unrelated-category' }]],
  ['the offer is reserved', {}, { status: 'reserved' }, 0, [{ code: 'offer-not-open' }]],
  ['the need is fulfilled', { status: 'fulfilled' }, {}, 0, [{ code: 'need-not-open' }]],
  ['the offer ran out yesterday', {}, { availableUntil: '2026-02-28' }, 0, [{ code: 'offer-expired' }]],
  ['units differ', {}, { unit: 'kw', quantity: 200 }, 56, expect.arrayContaining([{ code: 'different-unit' }]) as never],
  ['deadline passed', { neededBy: '2026-02-25' }, {}, 66, expect.arrayContaining([{ code: 'deadline-passed', days: 4 }]) as never],
  [
    'offer ends before the deadline',
    { neededBy: '2026-04-01' },
    { availableUntil: '2026-03-10' },
    71,
    expect.arrayContaining([
      { code: 'needed-in-days', days: 31 },
      { code: 'available-for-days', days: 9 },
    ]) as never,
  ],
  [
    'remote expertise ignores distance',
    { category: 'expertise', quantity: undefined, unit: 'person-days' },
    { category: 'expertise', quantity: undefined, unit: 'person-days', deliveryOptions: ['remote'] },
    77,
    expect.arrayContaining([{ code: 'remote' }, { code: 'quantity-unknown' }]) as never,
  ],
  ['no coordinates: half the distance points', { place: { settlement: 'Kyiv' } }, { place: { settlement: 'München', country: 'DE' } }, 77, expect.not.arrayContaining([expect.objectContaining({ code: 'distance-km' })]) as never],
];

describe('scoreMatch', () => {
  it.each(CASES)('%s', (_name, needPatch, offerPatch, score, reasons) => {
    const match = scoreMatch(makeNeed(needPatch), makeOffer(offerPatch), TODAY);
    expect(match.reasons).toEqual(reasons);
    expect(match.score).toBe(score);
  });

  it('the weights add up to 100', () => {
    expect(Object.values(MATCH_WEIGHTS).reduce((sum, weight) => sum + weight, 0)).toBe(100);
  });

  it('scores stay within 0..100 and a higher urgency never scores lower (300 runs)', () => {
    const needArb = fc.record({
      category: fc.constantFrom(...CATEGORIES),
      quantity: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
      lat: fc.double({ min: 44, max: 53, noNaN: true }),
      lon: fc.double({ min: 22, max: 41, noNaN: true }),
      days: fc.integer({ min: -30, max: 120 }),
    });
    const offerArb = fc.record({
      category: fc.constantFrom(...CATEGORIES),
      quantity: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
      status: fc.constantFrom(...OFFER_STATUSES),
      lat: fc.double({ min: 35, max: 70, noNaN: true }),
      lon: fc.double({ min: -10, max: 41, noNaN: true }),
    });
    fc.assert(
      fc.property(needArb, offerArb, (n, o) => {
        const neededBy = dayOf(T0 + n.days * 86_400_000);
        const offer = makeOffer({ category: o.category, quantity: o.quantity, status: o.status, place: { settlement: 'X', country: 'DE', lat: o.lat, lon: o.lon } });
        const scores = URGENCIES.map((urgency) =>
          scoreMatch(makeNeed({ category: n.category, quantity: n.quantity, urgency, neededBy, place: { settlement: 'Y', lat: n.lat, lon: n.lon } }), offer, TODAY).score,
        );
        for (const score of scores) expect(score).toBeGreaterThanOrEqual(0);
        for (const score of scores) expect(score).toBeLessThanOrEqual(100);
        // URGENCIES runs from critical to low.
        for (let i = 1; i < scores.length; i += 1) expect(scores[i - 1]).toBeGreaterThanOrEqual(scores[i]!);
      }),
      { numRuns: 300 },
    );
  });
});
