import { afterAll, describe, expect, it } from 'vitest';
import { addRxPlugin, createRxDatabase, type RxDatabase } from 'rxdb/plugins/core';
import { RxDBDevModePlugin, checkSchema, disableWarnings } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import type { CollectionSpec } from '../../domain/collections';
import { ALL_COLLECTIONS, type EveryCollectionName } from '../../domain/schemas/index';
import { validateDocument } from '../../domain/validation';
import { makeNeed, oneOfEach } from './domain-factories';

const VALID = oneOfEach();

const NAMES = Object.keys(ALL_COLLECTIONS) as EveryCollectionName[];

describe('collection registry', () => {
  it('stays inside the free tier and uses CouchDB-safe names', () => {
    expect(NAMES.length).toBeLessThanOrEqual(13);
    for (const name of NAMES) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it.each(NAMES)('%s passes RxDB dev-mode schema checks', (name) => {
    expect(() => checkSchema(ALL_COLLECTIONS[name].schema)).not.toThrow();
  });

  it.each(NAMES)('%s: every type carries updatedAt and meta, and nothing unexpected', (name) => {
    const { schema } = ALL_COLLECTIONS[name];
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['id', 'updatedAt', 'meta']));
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'updatedAt']));
  });

  it.each(NAMES)('%s: the factory document is valid for the shared ajv', (name) => {
    expect(validateDocument(ALL_COLLECTIONS[name].schema, VALID[name])).toEqual([]);
  });
});

/** One broken field per row: collection, patch → the field the error names. */
const INVALID: [EveryCollectionName, Record<string, unknown>, string][] = [
  ['municipalities', { country: 'Ukraine' }, 'country'],
  ['municipalities', { adm1: 'UA4' }, 'adm1'],
  ['municipalities', { verification: { status: 'approved' } }, 'verification.status'],
  ['municipalities', { location: { lat: 91, lon: 0 } }, 'location.lat'],
  ['municipalities', { partnerIds: [LONG_ID()] }, 'partnerIds.0'],
  ['members', { role: 'mayor' }, 'role'],
  ['members', { languages: ['uk', 'uk'] }, 'languages'],
  ['contacts', { email: 'not-an-email' }, 'email'],
  ['contacts', { phone: '0441234567' }, 'phone'],
  ['needs', { status: 'partly-pledged' }, 'status'],
  ['offers', { deliveryOptions: [] }, 'deliveryOptions'],
  ['offers', { deliveryOptions: ['by-drone'] }, 'deliveryOptions.0'],
  ['offers', { availableUntil: '30.04.2026' }, 'availableUntil'],
  ['offers', { status: 'reserved-for-kyiv' }, 'status'],
  ['pledges', { quantity: 0 }, 'quantity'],
  ['pledges', { expiresAt: 1.5 }, 'expiresAt'],
  ['pledges', { status: 'pledged' }, 'status'],
  ['pledge_events', { kind: 'expired' }, 'kind'],
  ['pledge_events', { byMunicipalityId: undefined }, 'byMunicipalityId'],
  ['messages', { body: '' }, 'body'],
  ['messages', { threadId: 'no-separators' }, 'threadId'],
  ['photos', { sha256: 'ABC' }, 'sha256'],
  ['photos', { mimeType: 'image/heic' }, 'mimeType'],
  ['photos', { size: 50 * 1024 * 1024 }, 'size'],
];

function LONG_ID(): string {
  return 'x'.repeat(65);
}

describe('schemas refuse bad documents with field errors', () => {
  it.each(INVALID)('%s with %o → error on %s', (name, patch, field) => {
    const doc = { ...VALID[name], ...patch };
    const errors = validateDocument(ALL_COLLECTIONS[name].schema, doc);
    expect(errors.map((error) => error.field)).toContain(field);
  });

  it.each(NAMES)('%s: server-set meta is accepted, unknown fields are not', (name) => {
    const withMeta = { ...VALID[name], meta: { createdBy: 'member-1', createdAt: 1, serverUpdatedAt: 2 } };
    expect(validateDocument(ALL_COLLECTIONS[name].schema, withMeta)).toEqual([]);
    const errors = validateDocument(ALL_COLLECTIONS[name].schema, { ...VALID[name], surprise: true });
    expect(errors).toContainEqual(expect.objectContaining({ field: 'surprise', keyword: 'additionalProperties' }));
  });
});

describe('an RxDB database with every collection (dev-mode, ajv-validated memory storage)', () => {
  let db: RxDatabase | undefined;
  afterAll(async () => {
    await db?.close();
  });

  it('opens and stores one document of each type', async () => {
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
    addRxPlugin(RxDBMigrationSchemaPlugin);
    db = await createRxDatabase({
      name: 'domain-schemas',
      storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    });
    await db.addCollections(
      Object.fromEntries(
        NAMES.map((name) => {
          const spec: Pick<CollectionSpec<unknown>, 'migrationStrategies'> & Pick<(typeof ALL_COLLECTIONS)[typeof name], 'schema'> = ALL_COLLECTIONS[name];
          return [name, { schema: spec.schema, ...(spec.migrationStrategies ? { migrationStrategies: spec.migrationStrategies } : {}) }];
        }),
      ),
    );
    for (const name of NAMES) {
      await db.collections[name]!.insert(VALID[name]);
      expect(await db.collections[name]!.count().exec()).toBe(1);
    }
    await expect(db.collections.needs!.insert(makeNeed({ id: 'need-invalid-01', status: 'pledged' as never }))).rejects.toThrow();
  });
});
