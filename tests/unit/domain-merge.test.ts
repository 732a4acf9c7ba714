import { describe, expect, it } from 'vitest';
import type { WireDocument } from '../../domain/documents';
import { mergeThreeWay } from '../../domain/merge';

type Doc = WireDocument & { title?: string; quantity?: number; urgency?: string };
const doc = (updatedAt: number, fields: Partial<Doc>): Doc => ({ id: 'need-00000001', updatedAt, ...fields });

/** base, master, local → merged fields (updatedAt aside); the comment names the winner. */
const CASES: [string, Doc | undefined, Doc, Doc, Partial<Doc>][] = [
  ['only local changed a field: local keeps it', doc(1, { title: 'a', quantity: 1 }), doc(1, { title: 'a', quantity: 1 }), doc(2, { title: 'b', quantity: 1 }), { title: 'b', quantity: 1 }],
  ['only master changed a field: master keeps it', doc(1, { title: 'a', quantity: 1 }), doc(2, { title: 'a', quantity: 5 }), doc(1, { title: 'a', quantity: 1 }), { title: 'a', quantity: 5 }],
  ['different fields on each side: both kept', doc(1, { title: 'a', quantity: 1 }), doc(3, { title: 'a', quantity: 5 }), doc(2, { title: 'b', quantity: 1 }), { title: 'b', quantity: 5 }],
  ['same field, local newer: local wins', doc(1, { title: 'a' }), doc(2, { title: 'm' }), doc(3, { title: 'l' }), { title: 'l' }],
  ['same field, master newer: master wins', doc(1, { title: 'a' }), doc(3, { title: 'm' }), doc(2, { title: 'l' }), { title: 'm' }],
  ['same field, equal stamps: larger JSON wins on every replica', doc(1, { title: 'a' }), doc(2, { title: 'm' }), doc(2, { title: 'l' }), { title: 'm' }],
  ['local removed an optional field: removal kept', doc(1, { title: 'a', quantity: 1 }), doc(1, { title: 'a', quantity: 1 }), doc(2, { title: 'a' }), { title: 'a', quantity: undefined }],
  ['master added a field local never had: kept', doc(1, { title: 'a' }), doc(2, { title: 'a', urgency: 'high' }), doc(3, { title: 'b' }), { title: 'b', urgency: 'high' }],
  ['no base (both created the id): newer side wins per field', undefined, doc(2, { title: 'm', quantity: 1 }), doc(3, { title: 'l', quantity: 1 }), { title: 'l', quantity: 1 }],
  ['both made the same change: no conflict', doc(1, { title: 'a' }), doc(2, { title: 'same' }), doc(3, { title: 'same' }), { title: 'same' }],
];

describe('mergeThreeWay', () => {
  it.each(CASES)('%s', (_name, base, master, local, expected) => {
    const merged = mergeThreeWay(base, master, local);
    for (const [field, value] of Object.entries(expected)) expect(merged[field]).toEqual(value);
    expect(merged.updatedAt).toBe(Math.max(master.updatedAt ?? 0, local.updatedAt ?? 0));
  });

  it('keeps the server-set meta of master and ignores the phone’s', () => {
    const master = { ...doc(2, { title: 'a' }), meta: { createdBy: 'server-knows' } };
    const local = { ...doc(3, { title: 'b' }), meta: { createdBy: 'phone-claims' } };
    expect(mergeThreeWay(doc(1, { title: 'a' }), master, local).meta).toEqual({ createdBy: 'server-knows' });
  });
});

type Goods = Doc & { unit?: string };
const goods = (updatedAt: number, fields: Partial<Goods>): Goods => ({ id: 'need-00000001', updatedAt, ...fields });
const QUANTITY_GROUP = { fieldGroups: [['quantity', 'unit']] } as const;

/** Field groups (quantity + unit): base, master, local → merged; the name says which side's pair wins. */
const GROUP_CASES: [string, Goods, Goods, Goods, Partial<Goods>][] = [
  ['one side changed the unit, the other the quantity: the newer pair, never a mix', goods(1, { quantity: 2, unit: 'tonnes' }), goods(2, { quantity: 2, unit: 'pallets' }), goods(3, { quantity: 0.5, unit: 'tonnes' }), { quantity: 0.5, unit: 'tonnes' }],
  ['same, master newer: master’s pair', goods(1, { quantity: 2, unit: 'tonnes' }), goods(3, { quantity: 2, unit: 'pallets' }), goods(2, { quantity: 0.5, unit: 'tonnes' }), { quantity: 2, unit: 'pallets' }],
  ['only local touched the pair: local’s pair, other fields merged', goods(1, { quantity: 2, unit: 'kg', title: 'a' }), goods(3, { quantity: 2, unit: 'kg', title: 'm' }), goods(2, { quantity: 5, unit: 'pieces', title: 'a' }), { quantity: 5, unit: 'pieces', title: 'm' }],
  ['local removed the quantity (expertise): removal kept with its unit', goods(1, { quantity: 2, unit: 'person-days' }), goods(1, { quantity: 2, unit: 'person-days' }), goods(2, { unit: 'person-days' }), { quantity: undefined, unit: 'person-days' }],
];

describe('mergeThreeWay with field groups', () => {
  it.each(GROUP_CASES)('%s', (_name, base, master, local, expected) => {
    const merged = mergeThreeWay(base, master, local, QUANTITY_GROUP);
    for (const [field, value] of Object.entries(expected)) expect(merged[field]).toEqual(value);
  });

  it('a quantity changed on one side and a unit on the other stays a valid need (regression: pallets of 0.5)', () => {
    const merged = mergeThreeWay(goods(1, { quantity: 2, unit: 'tonnes' }), goods(2, { quantity: 2, unit: 'pallets' }), goods(3, { quantity: 0.5, unit: 'tonnes' }), QUANTITY_GROUP);
    expect([merged.quantity, merged.unit]).not.toEqual([0.5, 'pallets']);
  });
});
