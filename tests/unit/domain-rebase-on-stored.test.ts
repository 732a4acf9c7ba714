/**
 * `rebaseOnStored` (domain/field-stamps.ts): a write built from a copy older than the stored one
 * keeps the stored value of each field stamped after that copy (the lost urgency of the crash
 * campaign, seed 578467062), and changes nothing else.
 */
import { describe, expect, it } from 'vitest';
import type { WireDocument } from '../../domain/documents';
import { rebaseOnStored, type FieldStamps } from '../../domain/field-stamps';

type Doc = WireDocument & { title?: string; urgency?: string; quantity?: number; unit?: string; fieldStamps?: FieldStamps };
const doc = (updatedAt: number | undefined, fields: Partial<Doc>, fieldStamps?: FieldStamps): Doc => ({
  id: 'need-00000001',
  ...(updatedAt === undefined ? {} : { updatedAt }),
  ...fields,
  ...(fieldStamps ? { fieldStamps } : {}),
});
const GROUPS = [['quantity', 'unit']] as const;

describe('rebaseOnStored', () => {
  it('a field stamped after the copy the write was built from keeps the stored value; the write’s own change stays', () => {
    const stored = doc(9, { title: 'a', urgency: 'critical' }, { urgency: 9 });
    const write = doc(5, { title: 'b', urgency: 'high' }, { urgency: 5 });
    expect(rebaseOnStored(stored, write, GROUPS)).toMatchObject({ title: 'b', urgency: 'critical' });
  });

  it('a copy without stamps is dated by its updatedAt', () => {
    const stored = doc(9, { title: 'a', urgency: 'critical' }, { urgency: 9 });
    expect(rebaseOnStored(stored, doc(3, { title: 'b', urgency: 'low' }), GROUPS)).toMatchObject({ title: 'b', urgency: 'critical' });
    // Its updatedAt is later than the stored stamp: the copy already had that value's stamp, its own value is a change.
    expect(rebaseOnStored(stored, doc(10, { title: 'b', urgency: 'low' }), GROUPS)).toMatchObject({ title: 'b', urgency: 'low' });
  });

  it('a copy that says nothing of its age (neither stamps nor updatedAt) is taken as it is', () => {
    const stored = doc(9, { title: 'a', urgency: 'critical' }, { urgency: 9 });
    expect(rebaseOnStored(stored, doc(undefined, { title: 'b', urgency: 'low' }), GROUPS)).toMatchObject({ title: 'b', urgency: 'low' });
  });

  it('a group changed underneath comes whole from the stored copy, never half', () => {
    const stored = doc(9, { quantity: 20, unit: 'kg' }, { quantity: 9 });
    expect(rebaseOnStored(stored, doc(5, { quantity: 3, unit: 'pieces' }, {}), GROUPS)).toMatchObject({ quantity: 20, unit: 'kg' });
  });

  it('a field removed underneath is removed from the write too; a new document is left alone', () => {
    const stored = doc(9, { title: 'a' }, { urgency: 9 });
    expect(rebaseOnStored(stored, doc(5, { title: 'a', urgency: 'low' }, { urgency: 4 }), GROUPS)).not.toHaveProperty('urgency');
    const fresh = doc(5, { title: 'n' });
    expect(rebaseOnStored(undefined, fresh, GROUPS)).toBe(fresh);
  });
});
