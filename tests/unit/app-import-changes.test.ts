/**
 * The changes file (issue 11): its versioned format, the checks an imported file passes (format,
 * version, each document against its collection's schema, with a stable code for each failure),
 * and an import that writes the documents as the member's own writes, ids kept.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesFile, importChanges, listAllDocuments, parseChangesFile, type ParseResult } from '../../app/db/import-changes';
import { COLLECTIONS, type CollectionName } from '../../domain/collections';
import { validateDocument } from '../../domain/validation';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import { listUnsynced, unsyncedChangesFile } from '../../app/db/unsynced-changes';
import { freshNeed, makeMember } from '../support/factories';

const validate = (collection: CollectionName, document: unknown) => validateDocument(COLLECTIONS[collection].schema, document);
const who = { id: 'member-1', email: 'olena@hromada.example', municipality: 'Sambir' };
const now = new Date('2026-11-25T20:00:00Z');

describe('parseChangesFile', () => {
  const valid = changesFile([{ collection: 'needs', document: freshNeed() }], who, 'unsynced', now).text;
  const withBody = (patch: Record<string, unknown>) => JSON.stringify({ ...(JSON.parse(valid) as object), ...patch });
  const cases: [string, string, Partial<Extract<ParseResult, { ok: false }>>][] = [
    ['not JSON', '{"format": ', { code: 'not-json' }],
    ['JSON of something else', '{"hello": "world"}', { code: 'not-a-changes-file' }],
    ['another format', withBody({ format: 'other-app' }), { code: 'not-a-changes-file' }],
    ['a newer version', withBody({ version: 2 }), { code: 'unsupported-version' }],
    ['a change without a document', withBody({ changes: [{ collection: 'needs' }] }), { code: 'not-a-changes-file', index: 0 }],
    ['an unknown collection', withBody({ changes: [{ collection: 'secrets', document: { id: 'x' } }] }), { code: 'unknown-collection', index: 0, collection: 'secrets' }],
    [
      'a document its schema rejects',
      withBody({ changes: [{ collection: 'needs', document: freshNeed() }, { collection: 'needs', document: { ...freshNeed(), id: 'bad-need', urgency: 'whenever' } }] }),
      { code: 'invalid-document', index: 1, collection: 'needs', id: 'bad-need' },
    ],
  ];
  it.each(cases)('refuses %s', (_name, text, expected) => {
    const result = parseChangesFile(text, validate);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject(expected);
  });

  it('names the fields of an invalid document', () => {
    const result = parseChangesFile(withBody({ changes: [{ collection: 'needs', document: { ...freshNeed(), urgency: 'whenever' } }] }), validate);
    expect(result.ok === false && result.errors?.map((error) => error.field)).toContain('urgency');
  });

  it('reads the versioned format', () => {
    const result = parseChangesFile(valid, validate);
    expect(result).toMatchObject({ ok: true, file: { exportedAt: now.toISOString(), member: who, changes: [{ collection: 'needs' }] } });
  });
});

describe('export and import', () => {
  let phoneA: LocalStore;
  let phoneB: LocalStore;
  beforeAll(async () => {
    phoneA = await openLocalStore(getRxStorageMemory(), `export-a-${Date.now()}`, ['needs', 'members']);
    phoneB = await openLocalStore(getRxStorageMemory(), `export-b-${Date.now()}`, ['needs', 'members']);
  });
  afterAll(async () => {
    await phoneA.db.close();
    await phoneB.db.close();
  });

  it('round-trips the unsynced changes (the sign-out file too) into another phone as its own writes, ids kept', async () => {
    const needs = [await saveDocument(phoneA, 'needs', freshNeed({ title: 'Generators' })), await saveDocument(phoneA, 'needs', freshNeed({ title: 'Fuel' }))];
    const file = unsyncedChangesFile(await listUnsynced(phoneA), who, now);
    expect(JSON.parse(file.text)).toMatchObject({ format: 'c4c-changes', version: 1, scope: 'unsynced', member: who });
    const parsed = parseChangesFile(file.text, validate);
    if (!parsed.ok) throw new Error(`refused: ${parsed.code}`);
    expect(await importChanges(phoneB, parsed.file.changes)).toEqual({ written: 2, unchanged: 0, unsaved: 0 });
    for (const need of needs) {
      const copy = (await phoneB.db.needs.findOne(need.id).exec())?.toMutableJSON();
      expect(copy).toMatchObject({ id: need.id, title: need.title });
      expect(phoneB.outboxes.needs?.has(need.id)).toBe(true);
    }
    // Imported again: nothing new to write.
    expect(await importChanges(phoneB, parsed.file.changes)).toEqual({ written: 0, unchanged: 2, unsaved: 0 });
  });

  it('exports all local data, not only what waits', async () => {
    await phoneA.db.members.insert(makeMember({ id: `member-${Date.now()}` }));
    const all = await listAllDocuments(phoneA);
    expect(all.filter((change) => change.collection === 'members')).toHaveLength(1);
    const file = changesFile(all, who, 'all', now);
    expect(file.name).toBe('cities4cities-all-2026-11-25.json');
    const parsed = parseChangesFile(file.text, validate);
    expect(parsed.ok && parsed.file.changes).toHaveLength(all.length);
  });
});
