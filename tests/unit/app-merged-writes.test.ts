/**
 * Merges the phone records per record (app/db/merged-writes.ts): only when the other side's edit
 * changed something of the phone's, never for an echo of the phone's own content; shown until
 * dismissed or for MERGED_SHOWN_DAYS; and the write states every record shows (waiting, sent,
 * refused, merged) read from the outbox, the refused writes and the merges.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conflictHandlerFor } from '../../app/db/database';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import { MERGED_SHOWN_DAYS, mergedFieldsOf, mergedWritesOf, recordMerge } from '../../app/db/merged-writes';
import { writeStateOf } from '../../app/db/usePending';
import { mergeFor } from '../../domain/collections';
import type { Need } from '../../domain/schemas/need';
import { DAY, freshNeed } from '../support/factories';

const merge = mergeFor('needs');
const base = freshNeed({ status: 'open', quantity: 10, unit: 'pieces', urgency: 'high', updatedAt: 1000 });
const edit = (changes: Partial<Need>, updatedAt: number): Need => ({ ...base, ...changes, updatedAt });

describe('what the other side changed of the phone’s edit (mergedFieldsOf)', () => {
  // local (the phone's edit), master (the server's now) → fields the phone now shows from the other side, and all of theirs
  const cases: [string, Need, Need, string[], string[]][] = [
    ['different fields: theirs is shown', edit({ urgency: 'critical' }, 3000), edit({ status: 'fulfilled' }, 2000), ['status'], ['status']],
    ['the same field, theirs newer: theirs is shown', edit({ title: 'Ours' }, 2000), edit({ title: 'Theirs' }, 3000), ['title'], ['title']],
    ['the same field, ours newer: ours is kept', edit({ title: 'Ours' }, 3000), edit({ title: 'Theirs' }, 2000), [], ['title']],
    ['an echo of our own content', edit({ title: 'Ours' }, 3000), edit({ title: 'Ours' }, 3000), [], []],
    ['the same change made on both sides', edit({ urgency: 'critical' }, 3000), edit({ urgency: 'critical' }, 2000), [], []],
    ['only server-set fields differ', edit({ title: 'Ours' }, 3000), { ...edit({ title: 'Ours' }, 3000), meta: { updatedBy: 'member-x', serverUpdatedAt: 9 } }, [], []],
    ['quantity and unit travel together', edit({ title: 'Ours' }, 3000), edit({ quantity: 2, unit: 'pallets' }, 2000), ['quantity', 'unit'], ['quantity', 'unit']],
    [
      'field stamps are bookkeeping, never shown as a merged field',
      { ...edit({ urgency: 'critical' }, 3000), fieldStamps: { urgency: 3000 } },
      { ...edit({ quantity: 6 }, 2000), fieldStamps: { quantity: 2000 } },
      ['quantity'],
      ['quantity'],
    ],
  ];
  it.each(cases)('%s', (_name, local, master, fields, theirFields) => {
    const merged = merge(base, master, local);
    const found = mergedFieldsOf(base, master, local, merged);
    expect(found.fields.sort()).toEqual(fields);
    expect(found.theirFields.sort()).toEqual(theirFields);
  });

  it('with no common base, every field the two differ in counts as theirs', () => {
    const local = edit({ title: 'Ours' }, 3000);
    const master = edit({ title: 'Theirs', urgency: 'low' }, 2000);
    expect(mergedFieldsOf(undefined, master, local, merge(undefined, master, local)).theirFields.sort()).toEqual(['title', 'urgency']);
  });
});

let store: LocalStore;

beforeAll(async () => {
  store = await openLocalStore(getRxStorageMemory(), `merged-${Date.now()}`, ['needs', 'messages']);
});

afterAll(async () => {
  await store.db.close();
});

/** Lets the local document's change reach the in-memory copy. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('recording merges', () => {
  it('records a merge that took a field of the other side, with who wrote it, and nothing for an echo', async () => {
    const local = edit({ urgency: 'critical' }, 3000);
    const master = { ...edit({ status: 'fulfilled' }, 2000), meta: { updatedBy: 'member-coordinator' } } as Need;
    expect(await recordMerge(store.db, 'needs', { base, master, local, merged: merge(base, master, local) }, Date.now())).toBe(true);
    await tick();
    expect(mergedWritesOf(store.db).find('needs', base.id)).toMatchObject({ fields: ['status'], by: 'member-coordinator', municipalityId: base.municipalityId });

    const other = freshNeed();
    const echo = { ...other, title: 'Same on both' };
    expect(await recordMerge(store.db, 'needs', { base: other, master: echo, local: echo, merged: echo })).toBe(false);
    await tick();
    expect(mergedWritesOf(store.db).find('needs', other.id)).toBeUndefined();
  });

  it('is shown until dismissed, and not after MERGED_SHOWN_DAYS', async () => {
    const need = freshNeed();
    const local = { ...need, title: 'Ours', updatedAt: need.updatedAt + 2 };
    const master = { ...need, status: 'closed' as const, updatedAt: need.updatedAt + 1 };
    await recordMerge(store.db, 'needs', { base: need, master, local, merged: merge(need, master, local) });
    await tick();
    const merges = mergedWritesOf(store.db);
    expect(merges.find('needs', need.id)).toBeDefined();
    expect(merges.find('needs', need.id, Date.now() + (MERGED_SHOWN_DAYS + 1) * DAY)).toBeUndefined();
    await merges.dismiss('needs', need.id);
    await tick();
    expect(merges.find('needs', need.id)).toBeUndefined();
  });

  it('the conflict handler records what the server’s edit changed of the phone’s, and returns the merge', async () => {
    const need = freshNeed({ quantity: 10, unit: 'pieces' });
    const handler = conflictHandlerFor('needs', store.db);
    const local = { ...need, quantity: 12, updatedAt: need.updatedAt + 2, _deleted: false };
    const master = { ...need, status: 'closed', updatedAt: need.updatedAt + 1, _deleted: false };
    const resolved = await handler.resolve({ assumedMasterState: { ...need, _deleted: false }, realMasterState: master, newDocumentState: local }, 'test');
    expect(resolved).toMatchObject({ quantity: 12, status: 'closed' });
    await tick();
    expect(mergedWritesOf(store.db).find('needs', need.id)?.fields).toEqual(['status']);
  });

  it('append-only collections never record a merge', async () => {
    const handler = conflictHandlerFor('messages', store.db);
    const doc = { id: 'message-x', body: 'a', updatedAt: 1, _deleted: false };
    await handler.resolve({ assumedMasterState: undefined, realMasterState: { ...doc, body: 'b' }, newDocumentState: doc }, 'test');
    await tick();
    expect(mergedWritesOf(store.db).find('messages', doc.id)).toBeUndefined();
  });
});

describe('write states (writeStateOf)', () => {
  it('waiting while in the outbox, refused with a refusal, merged with a recorded merge, sent otherwise', async () => {
    const waiting = freshNeed();
    const { updatedAt: _stamp, ...input } = waiting;
    await saveDocument(store, 'needs', input);
    const refused = freshNeed();
    await store.refused.record([
      { id: refused.id, collection: 'needs', code: 'status-not-reachable', message: 'no', document: refused, serverState: null, refusedAt: Date.now() },
    ]);
    const merged = freshNeed();
    const master = { ...merged, status: 'closed' as const, updatedAt: merged.updatedAt + 1 };
    const local = { ...merged, title: 'Ours', updatedAt: merged.updatedAt + 2 };
    await recordMerge(store.db, 'needs', { base: merged, master, local, merged: merge(merged, master, local) });
    await tick();
    const states = [waiting, refused, merged, freshNeed()].map((need) => writeStateOf(store, 'needs', need.id));
    expect(states).toEqual(['waiting', 'refused', 'merged', 'sent']);
  });
});
