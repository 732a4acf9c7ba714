import { describe, expect, it } from 'vitest';
import adm1 from '../../app/geo/ukraine-adm1.json';
import { CATEGORIES, COUNTABLE_UNITS, ID_PATTERN, type Unit } from '../../domain/constants';
import { hasConsistentThread } from '../../domain/rules/message-thread';
import { derivePledgeState } from '../../domain/rules/pledge-status';
import { generateDemoData, latinOf, roundForUnit, DEMO_ID_PREFIX } from '../../sync-server/seed/demo-data';
import { NEED_ITEMS, OFFER_ITEMS } from '../../sync-server/seed/catalog';
import { PARTNER_PLACES, UKRAINIAN_PLACES } from '../../sync-server/seed/places';
import { validateDemoDocuments } from '../../sync-server/seed/seed';

const NOW = Date.UTC(2026, 11, 1, 12);
const data = generateDemoData({ seed: 42, now: NOW });
const { municipalities, needs, offers, pledges, pledge_events: events, messages } = data.documents;
const PCODES = new Set(adm1.units.map((unit) => unit.pcode));
const COUNTABLE: readonly Unit[] = COUNTABLE_UNITS;

function validQuantity(unit: Unit, quantity: number | undefined): boolean {
  if (quantity === undefined) return true;
  if (COUNTABLE.includes(unit)) return Number.isInteger(quantity) && quantity >= 1;
  return quantity >= (unit === 'person-days' ? 0.5 : 0.001);
}

describe('demo data generator', () => {
  it('gives the same documents for the same seed and clock, and others for another seed', () => {
    expect(generateDemoData({ seed: 42, now: NOW })).toEqual(data);
    expect(generateDemoData({ seed: 43, now: NOW }).documents.needs[0]!.id).not.toBe(needs[0]!.id);
  });

  it('makes the promised amounts, with every category among needs and offers', () => {
    expect(municipalities.filter((m) => m.country === 'UA').length).toBeGreaterThanOrEqual(30);
    expect(municipalities.filter((m) => m.country !== 'UA')).toHaveLength(30);
    expect(needs).toHaveLength(300);
    expect(offers).toHaveLength(150);
    expect(pledges.length).toBeGreaterThanOrEqual(50);
    expect(new Set(needs.map((need) => need.category))).toEqual(new Set(CATEGORIES));
    expect(new Set(offers.map((offer) => offer.category))).toEqual(new Set(CATEGORIES));
    expect(Object.keys(NEED_ITEMS).sort()).toEqual([...CATEGORIES].sort());
    expect(Object.keys(OFFER_ITEMS).sort()).toEqual([...CATEGORIES].sort());
    expect(new Set(needs.map((need) => need.status))).toEqual(new Set(['open', 'fulfilled', 'closed', 'withdrawn', 'draft']));
    expect(needs.filter((need) => need.status === 'open').length).toBeGreaterThan(needs.length / 2);
  });

  it('passes every schema, with demo ids of the domain pattern', () => {
    expect(() => validateDemoDocuments(data.documents)).not.toThrow();
    const ids = Object.values(data.documents).flatMap((docs: { id: string }[]) => docs.map((doc) => doc.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id.startsWith(DEMO_ID_PREFIX)).toBe(true);
      expect(id).toMatch(new RegExp(ID_PATTERN));
    }
  });

  it('uses P-codes of ukraine-adm1.json and official Latin spellings for Ukrainian places', () => {
    for (const place of UKRAINIAN_PLACES) expect(PCODES.has(place.pcode), place.key).toBe(true);
    for (const municipality of municipalities.filter((m) => m.country === 'UA')) expect(PCODES.has(municipality.adm1)).toBe(true);
    for (const need of needs) expect(PCODES.has(need.place.pcode!)).toBe(true);
    expect(latinOf('Запоріжжя')).toBe('Zaporizhzhia');
    expect(municipalities.find((m) => m.nameUk === 'Харківська обласна військова адміністрація')?.nameLatin).toBe('Kharkivska oblasna viiskova administratsiia');
    for (const partner of PARTNER_PLACES) expect(partner.adm1.startsWith(`${partner.country}-`), partner.key).toBe(true);
  });

  it('links twin cities both ways', () => {
    const byId = new Map(municipalities.map((m) => [m.id, m]));
    const kyiv = municipalities.find((m) => m.nameLatin === 'Kyiv')!;
    expect(kyiv.partnerIds!.map((id) => byId.get(id)!.nameLatin)).toContain('München');
    for (const municipality of municipalities) for (const id of municipality.partnerIds ?? []) expect(byId.get(id)!.partnerIds).toContain(municipality.id);
  });

  it('keeps quantities valid for their unit', () => {
    for (const doc of [...needs, ...offers, ...pledges]) expect(validQuantity(doc.unit, doc.quantity), `${doc.unit} ${doc.quantity}`).toBe(true);
    expect(roundForUnit('pieces', 0.2)).toBe(1);
    expect(roundForUnit('vehicles', 2.6)).toBe(3);
    expect(roundForUnit('tonnes', 12.3)).toBe(12.5);
  });

  it('dates needs and offers in 2026–2027 and never stamps the future', () => {
    for (const need of needs) expect(need.neededBy).toMatch(/^202[67]-/);
    for (const offer of offers) expect(offer.availableUntil).toMatch(/^202[67]-/);
    for (const doc of Object.values(data.documents).flat()) expect(doc.updatedAt).toBeLessThanOrEqual(NOW);
  });

  it('pledges partner cities to open needs, within the need, expiring later, with events the status rule applies', () => {
    const needById = new Map(needs.map((need) => [need.id, need]));
    const partnerIds = new Set(municipalities.filter((m) => m.country !== 'UA').map((m) => m.id));
    for (const pledge of pledges) {
      const need = needById.get(pledge.needId)!;
      expect(need.status).toBe('open');
      expect(pledge.toMunicipalityId).toBe(need.municipalityId);
      expect(partnerIds.has(pledge.fromMunicipalityId)).toBe(true);
      expect(pledge.quantity).toBeLessThanOrEqual(need.quantity!);
      expect(pledge.unit).toBe(need.unit);
      expect(pledge.expiresAt).toBeGreaterThan(NOW);
      expect(derivePledgeState(pledge, events, NOW).ignored).toEqual([]);
    }
    const statuses = new Set(pledges.map((pledge) => derivePledgeState(pledge, events, NOW).status));
    expect(statuses).toEqual(new Set(['pledged', 'dispatched', 'delivered', 'partly-received', 'received', 'cancelled']));
  });

  it('threads messages by the derived thread id', () => {
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(hasConsistentThread(message)).toBe(true);
  });

  it('has one demo account per role, each with its member', () => {
    expect(data.accounts.map((account) => account.role).sort()).toEqual(['coordinator', 'coordinator', 'moderator', 'official', 'volunteer']);
    for (const account of data.accounts) expect(data.documents.members.find((member) => member.id === account.memberId)?.role).toBe(account.role);
  });
});
