import { describe, expect, it } from 'vitest';
import { toStored, toWire } from '../../sync-server/sync/wire';

describe('wire documents', () => {
  it('maps _id to id, hides _rev, and always carries a boolean _deleted', () => {
    expect(toWire({ _id: 'need-0001', _rev: '3-abc', title: 'x' })).toEqual({ id: 'need-0001', title: 'x', _deleted: false });
    expect(toWire({ _id: 'need-0001', _rev: '4-abc', _deleted: true, title: 'x' })).toEqual({ id: 'need-0001', title: 'x', _deleted: true });
  });

  it('stores with the current revision and keeps the body of a deletion', () => {
    expect(toStored({ id: 'need-0001', title: 'x', _deleted: false }, '3-abc')).toEqual({ _id: 'need-0001', _rev: '3-abc', title: 'x' });
    expect(toStored({ id: 'need-0001', title: 'x', _deleted: true }, undefined)).toEqual({ _id: 'need-0001', title: 'x', _deleted: true });
  });
});
