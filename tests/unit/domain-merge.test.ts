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
