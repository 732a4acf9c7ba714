import { describe, expect, it } from 'vitest';
import { toStored, toStoredOver, toWire } from '../../sync-server/sync/wire';

const IMAGE = { content_type: 'image/jpeg', digest: 'md5-AAAAAAAAAAAAAAAAAAAAAA==', length: 2048, revpos: 2 };

describe('wire documents', () => {
  it('maps _id to id, hides _rev, and always carries a boolean _deleted', () => {
    expect(toWire({ _id: 'need-0001', _rev: '3-abc', title: 'x' })).toEqual({ id: 'need-0001', title: 'x', _deleted: false });
    expect(toWire({ _id: 'need-0001', _rev: '4-abc', _deleted: true, title: 'x' })).toEqual({ id: 'need-0001', title: 'x', _deleted: true });
  });

  it('never sends CouchDB’s own fields, a photo’s attachment stubs among them (the phone’s schemas allow none)', () => {
    const stored = { _id: 'photo-0001', _rev: '3-abc', _attachments: { image: { ...IMAGE, stub: true } }, _conflicts: ['2-def'], sha256: 'a'.repeat(64) };
    expect(toWire(stored)).toEqual({ id: 'photo-0001', sha256: 'a'.repeat(64), _deleted: false });
  });

  it('stores with the current revision and keeps the body of a deletion', () => {
    expect(toStored({ id: 'need-0001', title: 'x', _deleted: false }, '3-abc')).toEqual({ _id: 'need-0001', _rev: '3-abc', title: 'x' });
    expect(toStored({ id: 'need-0001', title: 'x', _deleted: true }, undefined)).toEqual({ _id: 'need-0001', title: 'x', _deleted: true });
  });

  it('writes over a stored document at its revision, naming its attachments as stubs so CouchDB keeps them', () => {
    const previous = { _id: 'photo-0001', _rev: '3-abc', _attachments: { image: { ...IMAGE, data: 'base64…' } }, size: 1 };
    expect(toStoredOver({ id: 'photo-0001', size: 1, _deleted: false }, previous)).toEqual({
      _id: 'photo-0001',
      _rev: '3-abc',
      size: 1,
      _attachments: { image: { ...IMAGE, stub: true } },
    });
    expect(toStoredOver({ id: 'need-0001', title: 'x' }, { _id: 'need-0001', _rev: '1-a', title: 'w' })).toEqual({ _id: 'need-0001', _rev: '1-a', title: 'x' });
    expect(toStoredOver({ id: 'need-0001', title: 'x' }, undefined)).toEqual({ _id: 'need-0001', title: 'x' });
  });
});
