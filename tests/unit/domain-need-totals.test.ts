import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deriveNeedTotals, type NeedTotals } from '../../domain/rules/need-totals';
import type { Pledge } from '../../domain/schemas/pledge';
import type { PledgeEvent } from '../../domain/schemas/pledge-event';
import { DAY, KRAKOW, T0, makeEvent, makeNeed, makePledge } from './domain-factories';

const NOW = T0 + 7 * DAY;
const need = makeNeed({ quantity: 10, unit: 'pieces' });
const pledgeA = makePledge({ id: 'pledge-a-000001', quantity: 6 });
const pledgeB = makePledge({ id: 'pledge-b-000001', quantity: 4, fromMunicipalityId: KRAKOW });
const on = (pledge: Pledge, kind: PledgeEvent['kind'], overrides: Partial<PledgeEvent> = {}) =>
  makeEvent(kind, { pledgeId: pledge.id, byMunicipalityId: kind === 'received' ? pledge.toMunicipalityId : pledge.fromMunicipalityId, ...overrides });

/** pledges, events → totals. */
const CASES: [string, Pledge[], PledgeEvent[], Partial<NeedTotals>][] = [
  ['no pledges', [], [], { pledged: 0, received: 0, livePledges: 0, coverage: 'none' }],
  ['one pledge of 6 of 10', [pledgeA], [], { pledged: 6, livePledges: 1, coverage: 'partly' }],
  ['6 + 4 of 10', [pledgeA, pledgeB], [], { pledged: 10, coverage: 'fully' }],
  ['a cancelled pledge no longer counts', [pledgeA, pledgeB], [on(pledgeB, 'cancelled')], { pledged: 6, livePledges: 1, coverage: 'partly' }],
  ['an expired pledge no longer counts', [pledgeA, makePledge({ id: 'pledge-c-000001', quantity: 4, expiresAt: NOW - 1 })], [], { pledged: 6, coverage: 'partly' }],
  ['received adds up across pledges', [pledgeA, pledgeB], [on(pledgeA, 'received', { quantity: 6 }), on(pledgeB, 'received', { quantity: 1 })], { pledged: 10, received: 7 }],
  ['another need’s pledge is skipped', [pledgeA, makePledge({ id: 'pledge-d-000001', needId: 'need-other-00001' })], [], { pledged: 6, livePledges: 1 }],
  ['another unit is counted apart, not added', [pledgeA, makePledge({ id: 'pledge-e-000001', unit: 'kg', quantity: 500 })], [], { pledged: 6, livePledges: 2, livePledgesInOtherUnits: 1, coverage: 'partly' }],
  ['more pledged than needed is still fully', [pledgeA, pledgeB, makePledge({ id: 'pledge-f-000001', quantity: 3 })], [], { pledged: 13, coverage: 'fully' }],
];

describe('deriveNeedTotals', () => {
  it.each(CASES)('%s', (_name, pledges, events, expected) => {
    expect(deriveNeedTotals(need, pledges, events, NOW)).toMatchObject(expected);
  });

  it('a need without quantity (expertise) is fully pledged by any live pledge', () => {
    const expertise = makeNeed({ category: 'expertise', quantity: undefined, unit: 'person-days' });
    expect(deriveNeedTotals(expertise, [], [], NOW).coverage).toBe('none');
    expect(deriveNeedTotals(expertise, [makePledge({ quantity: 5, unit: 'person-days' })], [], NOW).coverage).toBe('fully');
  });

  it('decimal quantities add up exactly enough (0.7 + 0.1 tonnes cover 0.8)', () => {
    const tonnes = makeNeed({ quantity: 0.8, unit: 'tonnes' });
    const pledges = [makePledge({ id: 'pledge-t-000001', quantity: 0.7, unit: 'tonnes' }), makePledge({ id: 'pledge-t-000002', quantity: 0.1, unit: 'tonnes' })];
    expect(deriveNeedTotals(tonnes, pledges, [], NOW)).toMatchObject({ pledged: 0.8, coverage: 'fully' });
  });

  it('does not depend on the order pledges and events arrive in (300 runs)', () => {
    const pledges = [pledgeA, pledgeB, makePledge({ id: 'pledge-g-000001', quantity: 2 })];
    const events = [on(pledgeA, 'dispatched'), on(pledgeA, 'received', { quantity: 2 }), on(pledgeB, 'cancelled'), on(pledgeA, 'received', { quantity: 4 })];
    const expected = deriveNeedTotals(need, pledges, events, NOW);
    fc.assert(
      fc.property(fc.shuffledSubarray(pledges, { minLength: 3 }), fc.shuffledSubarray(events, { minLength: 4 }), (p, e) => {
        expect(deriveNeedTotals(need, p, e, NOW)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
