/**
 * `npm run seed` against the real embedded store of a running test server, reached the way the
 * command reaches it (DATA_DIR/store.json): what it writes, that its accounts work through the real
 * routes, and that it refuses stores holding demo or real data without changing them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTIONS, COLLECTION_NAMES, type CollectionName } from '../../domain/collections';
import { CATEGORIES } from '../../domain/constants';
import type { Need } from '../../domain/schemas/need';
import type { PullResponse } from '../../domain/sync-protocol';
import { validateDocument } from '../../domain/validation';
import { seedDemoData, type SeedOutcome } from '../../sync-server/seed/seed';
import { Couch } from '../../sync-server/store/couch';
import { authenticatedUrl, findRunningStore } from '../../sync-server/store/embedded-store';
import { toWire } from '../../sync-server/sync/wire';
import { Browser, registerMunicipality } from './support/accounts';
import { startTestServer, type TestServer } from './support/sync-harness';

let server: TestServer;
let couch: Couch;
let first: SeedOutcome;

async function storedDocuments(collection: CollectionName): Promise<Record<string, unknown>[]> {
  const all = await couch.db(collection).list({ include_docs: true });
  return all.rows.flatMap((row) => (row.doc && !row.id.startsWith('_design/') ? [row.doc] : [])).map((doc) => {
    const { _deleted: _ignored, ...wire } = toWire(doc);
    return wire;
  });
}

/** Each database's update sequence: equal before and after means nothing was written. */
async function updateSequences(): Promise<unknown[]> {
  const names = [...COLLECTION_NAMES.map((collection) => couch.dbName(collection)), 'c4c_accounts', 'c4c_sessions'];
  return Promise.all(names.map(async (name) => (await couch.nano.db.get(name)).update_seq));
}

beforeAll(async () => {
  server = await startTestServer();
  const running = await findRunningStore(server.dataDir);
  if (!running) throw new Error('the test server left no store.json');
  couch = new Couch(authenticatedUrl(running), 'c4c_');
  first = await seedDemoData(couch, { seed: 9 });
});

afterAll(async () => {
  await server?.stop();
});

describe('npm run seed', () => {
  it('fills an empty store (a moderator from ADMIN_EMAIL is not data) with documents that all pass their schema', async () => {
    expect(first.status).toBe('seeded');
    const stored = Object.fromEntries(await Promise.all(COLLECTION_NAMES.map(async (collection) => [collection, await storedDocuments(collection)] as const)));
    for (const collection of COLLECTION_NAMES) {
      for (const doc of stored[collection]!) expect(validateDocument(COLLECTIONS[collection].schema, doc), `${collection}/${String(doc.id)}`).toEqual([]);
    }
    const municipalities = stored.municipalities!;
    expect(municipalities.filter((m) => m.country === 'UA').length).toBeGreaterThanOrEqual(30);
    expect(municipalities.filter((m) => m.country !== 'UA')).toHaveLength(30);
    expect(stored.needs).toHaveLength(300);
    expect(stored.offers).toHaveLength(150);
    expect(new Set(stored.needs!.map((need) => need.category))).toEqual(new Set(CATEGORIES));
    expect(new Set(stored.offers!.map((offer) => offer.category))).toEqual(new Set(CATEGORIES));
    expect(stored.pledges!.length).toBeGreaterThan(0);
    expect(stored.pledge_events!.length).toBeGreaterThan(0);
    expect(stored.messages!.length).toBeGreaterThan(0);
  });

  it('prints accounts that sign in through the real login and pull other municipalities’ needs', async () => {
    if (first.status !== 'seeded') throw new Error('not seeded');
    expect(first.accounts.map((account) => account.role).sort()).toEqual(['coordinator', 'coordinator', 'moderator', 'official', 'volunteer']);
    const partner = first.accounts.find((account) => account.municipality === 'Nürnberg')!;
    const browser = new Browser(() => server.url);
    const login = await browser.login(partner.email, partner.password);
    expect(login.status).toBe(200);
    expect(login.body.actor).toMatchObject({ role: 'coordinator', memberStatus: 'active', municipalityVerified: true });
    const pull = await browser.request<PullResponse<Need>>('GET', '/api/sync/needs/pull?limit=100');
    expect(pull.status).toBe(200);
    expect(pull.body.documents.length).toBe(100);
    expect(pull.body.documents.every((need) => need.status !== 'draft')).toBe(true);
  });

  it('refuses a second run without --replace and changes nothing', async () => {
    const before = await updateSequences();
    const again = await seedDemoData(couch, { seed: 9 });
    expect(again).toMatchObject({ status: 'refused', code: 'demo-data-present' });
    expect(await updateSequences()).toEqual(before);
  });

  it('refuses a store with real data without --force, even with --replace, and changes nothing', async () => {
    await registerMunicipality(server.url);
    const before = await updateSequences();
    const refused = await seedDemoData(couch, { seed: 9, replace: true });
    expect(refused).toMatchObject({ status: 'refused', code: 'real-data-present' });
    if (refused.status === 'refused') expect(refused.message).toMatch(/--force/);
    expect(await updateSequences()).toEqual(before);
  });

  it('with --force --replace deletes its own earlier data, leaves the real data and seeds again (same seed, same ids)', async () => {
    const real = (await storedDocuments('municipalities')).filter((m) => !String(m.id).startsWith('demo-'));
    const again = await seedDemoData(couch, { seed: 9, force: true, replace: true, password: 'demo password 123' });
    expect(again.status).toBe('seeded');
    if (again.status === 'seeded') expect(again.deleted).toBeGreaterThan(700);
    expect(await storedDocuments('needs')).toHaveLength(300);
    const municipalities = await storedDocuments('municipalities');
    expect(municipalities.filter((m) => !String(m.id).startsWith('demo-'))).toEqual(real);
    expect((await new Browser(() => server.url).login('kharkiv.volunteer@demo.cities4cities.example', 'demo password 123')).status).toBe(200);
  });
});
