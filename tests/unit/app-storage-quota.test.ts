/**
 * A full disk (issue 11): the quota error is recognised however it is wrapped, the write it hit is
 * kept in memory (listed with the unsynced changes, so it is exported) and saved by the next write
 * or "Try again"; persistence is asked once, after the first write; the storage warning's limits.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openLocalStore, retryUnsavedWrites, saveDocument, type LocalStore } from '../../app/db/local-store';
import {
  afterLocalWrite,
  isQuotaError,
  resetPersistenceRequest,
  StorageFullError,
  storageWarning,
  unsavedWrites,
  type StorageReport,
} from '../../app/db/storage';
import { listUnsynced } from '../../app/db/unsynced-changes';
import { freshNeed } from '../support/factories';

const MB = 1024 * 1024;
const quotaDomException = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('isQuotaError', () => {
  it.each([
    ['a DOMException', quotaDomException(), true],
    ['Dexie’s QuotaExceededError wrapping it', Object.assign(new Error('QuotaExceededError Encountered full disk'), { name: 'QuotaExceededError', inner: quotaDomException() }), true],
    ['Dexie’s AbortError with the quota error inside', Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quotaDomException() }), true],
    ['RxDB’s error listing it', Object.assign(new Error('RxError (SNH)'), { parameters: { errors: [{ name: 'AbortError', inner: quotaDomException() }] } }), true],
    ['an error caused by it', new Error('write failed', { cause: quotaDomException() }), true],
    ['Firefox’s old name', { name: 'NS_ERROR_DOM_QUOTA_REACHED' }, true],
    ['a validation error', new Error('RxError (VD2): object does not match schema'), false],
    ['a string', 'QuotaExceededError', false],
    ['nothing', null, false],
  ])('%s', (_name, error, expected) => {
    expect(isQuotaError(error)).toBe(expected);
  });
});

describe('storageWarning', () => {
  const report = (usage: number | null, quota: number | null, persisted: boolean | null): StorageReport => ({ usage, quota, persisted });
  it.each([
    ['plenty of space, persistent', report(10 * MB, 2000 * MB, true), { low: false, notPersistent: false, free: 1990 * MB }],
    ['less than 50 MB free', report(970 * MB, 1000 * MB, true), { low: true, notPersistent: false, free: 30 * MB }],
    ['less than 10 % free of a large quota', report(9500 * MB, 10_000 * MB, true), { low: true, notPersistent: false, free: 500 * MB }],
    ['not persistent', report(1 * MB, 2000 * MB, false), { low: false, notPersistent: true, free: 1999 * MB }],
    ['unknown', report(null, null, null), { low: false, notPersistent: false, free: null }],
  ])('%s', (_name, input, expected) => {
    expect(storageWarning(input)).toEqual(expected);
  });
});

describe('a write that hits a full disk', () => {
  let store: LocalStore;
  beforeAll(async () => {
    store = await openLocalStore(getRxStorageMemory(), `quota-${Date.now()}`, ['needs']);
  });
  afterAll(async () => {
    await store.db.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    unsavedWrites.clear();
  });

  function failNextWrites(times: number) {
    const original = store.db.needs.incrementalUpsert.bind(store.db.needs);
    let left = times;
    return vi.spyOn(store.db.needs, 'incrementalUpsert').mockImplementation((doc) => {
      if (left-- > 0) return Promise.reject(Object.assign(new Error('AbortError'), { name: 'AbortError', inner: quotaDomException() }));
      return original(doc);
    });
  }

  it('is reported, kept in memory, exported with the unsynced changes, and saved by the next write', async () => {
    failNextWrites(1);
    const need = freshNeed({ title: 'Water tanks' });
    await expect(saveDocument(store, 'needs', need)).rejects.toBeInstanceOf(StorageFullError);
    expect(await store.db.needs.findOne(need.id).exec()).toBeNull();
    expect(unsavedWrites.list(store.db.name)).toMatchObject([{ collection: 'needs', document: { id: need.id, title: 'Water tanks' } }]);
    // Not counted as waiting: it is not in the database.
    expect(store.outboxes.needs?.has(need.id)).toBe(false);
    const kept = (await listUnsynced(store)).find((change) => change.id === need.id);
    expect(kept).toMatchObject({ unsaved: true, document: { title: 'Water tanks' } });

    await saveDocument(store, 'needs', freshNeed({ title: 'Another need' }));
    await vi.waitFor(async () => expect((await store.db.needs.findOne(need.id).exec())?.title).toBe('Water tanks'));
    expect(unsavedWrites.list(store.db.name)).toEqual([]);
    expect(store.outboxes.needs?.has(need.id)).toBe(true);
  });

  it('stays kept while the disk is still full, and "Try again" saves it once there is room', async () => {
    failNextWrites(2);
    const need = freshNeed({ title: 'Blankets' });
    await expect(saveDocument(store, 'needs', need)).rejects.toBeInstanceOf(StorageFullError);
    expect(await retryUnsavedWrites(store)).toBe(1);
    expect(await retryUnsavedWrites(store)).toBe(0);
    expect((await store.db.needs.findOne(need.id).exec())?.title).toBe('Blankets');
  });

  it('a newer saved state of the same document makes the kept one moot', async () => {
    failNextWrites(1);
    const need = freshNeed({ title: 'Old title' });
    await expect(saveDocument(store, 'needs', need)).rejects.toBeInstanceOf(StorageFullError);
    await saveDocument(store, 'needs', { ...need, title: 'New title' });
    expect(unsavedWrites.list(store.db.name)).toEqual([]);
    expect((await store.db.needs.findOne(need.id).exec())?.title).toBe('New title');
  });

  it('other errors are thrown as they are and keep nothing', async () => {
    vi.spyOn(store.db.needs, 'incrementalUpsert').mockRejectedValueOnce(new Error('RxError (VD2)'));
    await expect(saveDocument(store, 'needs', freshNeed())).rejects.toThrow('RxError (VD2)');
    expect(unsavedWrites.list()).toEqual([]);
  });
});

describe('persistence', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    resetPersistenceRequest();
  });

  it('is asked once, after the first local write', async () => {
    const persist = vi.fn(() => Promise.resolve(true));
    vi.stubGlobal('navigator', { storage: { persist, persisted: () => Promise.resolve(false) } });
    resetPersistenceRequest();
    const store = await openLocalStore(getRxStorageMemory(), `persist-${Date.now()}`, ['needs']);
    try {
      expect(persist).not.toHaveBeenCalled();
      await saveDocument(store, 'needs', freshNeed());
      await saveDocument(store, 'needs', freshNeed());
      expect(await afterLocalWrite()).toBe(true);
      expect(persist).toHaveBeenCalledTimes(1);
    } finally {
      await store.db.close();
    }
  });
});
