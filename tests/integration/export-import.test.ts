/**
 * Export and import of unsynced changes (issue 11), against the real server on the real store:
 * phone A writes needs offline and exports them; phone B (the same member, a fresh database)
 * imports the file and syncs: the server holds each need exactly once; A's own later sync adds no
 * copy (same ids); a change the server refuses shows as refused on B, like any own write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importChanges, parseChangesFile } from '../../app/db/import-changes';
import { COLLECTIONS, type CollectionName } from '../../domain/collections';
import { validateDocument } from '../../domain/validation';

const validate = (collection: CollectionName, document: unknown) => validateDocument(COLLECTIONS[collection].schema, document);
import { saveDocument } from '../../app/db/local-store';
import { listUnsynced, unsyncedChangesFile } from '../../app/db/unsynced-changes';
import { freshNeed } from '../support/factories';
import {
  ClientPool,
  documentsOf,
  startTestServer,
  syncOnce,
  verifiedMunicipality,
  waitFor,
  type TestMember,
  type TestServer,
} from './support/sync-harness';

let server: TestServer;
let official: TestMember;
let other: TestMember;
const clients = new ClientPool(() => server);

beforeAll(async () => {
  server = await startTestServer();
  [official, other] = await Promise.all([verifiedMunicipality(server), verifiedMunicipality(server)]);
});

afterAll(async () => {
  await clients.closeAll();
  await server.stop();
});

const phone = (member: TestMember, name: string) => clients.add(member, ['needs'], { name });

describe('a changes file carried to another phone', () => {
  it('reaches the server once from the importing phone, and the exporting phone adds no copy', async () => {
    const phoneA = await phone(official, 'phone-a');
    await syncOnce(phoneA);
    phoneA.network.goOffline();
    const written = [
      await saveDocument(phoneA.store, 'needs', freshNeed({ municipalityId: official.municipalityId, title: 'Generators for the clinic' })),
      await saveDocument(phoneA.store, 'needs', freshNeed({ municipalityId: official.municipalityId, title: 'Roofing felt' })),
    ];
    // Written by mistake for a municipality the member does not belong to: the server will refuse it.
    const foreign = await saveDocument(phoneA.store, 'needs', freshNeed({ municipalityId: other.municipalityId, title: 'Not ours' }));
    const file = unsyncedChangesFile(await listUnsynced(phoneA.store), { id: official.id, email: official.email, municipality: null });

    const phoneB = await phone(official, 'phone-b');
    await syncOnce(phoneB);
    const parsed = parseChangesFile(file.text, validate);
    if (!parsed.ok) throw new Error(`the file was refused: ${parsed.code}`);
    expect(parsed.file.changes).toHaveLength(3);
    expect(await importChanges(phoneB.store, parsed.file.changes)).toEqual({ written: 3, unchanged: 0, unsaved: 0 });
    await syncOnce(phoneB);

    const ids = written.map((need) => need.id);
    const reader = await phone(official, 'phone-c');
    await syncOnce(reader);
    const onServer = (await documentsOf(reader)).filter((doc) => ids.includes(String(doc.id)));
    expect(onServer.map((doc) => doc.title).sort()).toEqual(['Generators for the clinic', 'Roofing felt']);
    expect((await documentsOf(reader)).some((doc) => doc.id === foreign.id)).toBe(false);
    await waitFor(() => expect(phoneB.store.refused.find('needs', foreign.id)).toMatchObject({ code: expect.any(String) as string }));

    // Phone A comes back online with the same writes: same ids, so no second copy.
    const before = (await documentsOf(reader)).length;
    await syncOnce(phoneA);
    await syncOnce(reader);
    await syncOnce(phoneB);
    expect((await documentsOf(reader)).length).toBe(before);
    expect((await documentsOf(reader)).filter((doc) => ids.includes(String(doc.id)))).toHaveLength(2);
    expect(phoneA.store.outboxes.needs?.has(written[0]!.id)).toBe(false);
    // B keeps its refused write on the phone (to fix or discard); everything else is the server's state.
    await waitFor(async () => expect((await documentsOf(phoneB)).filter((doc) => doc.id !== foreign.id)).toEqual(await documentsOf(reader)));
  });

  it('a wrong file is refused before anything is written', async () => {
    const phoneD = await phone(official, 'phone-d');
    await syncOnce(phoneD);
    const result = parseChangesFile(JSON.stringify({ format: 'c4c-changes', version: 1, changes: [{ collection: 'needs', document: { id: 'x' } }] }), validate);
    expect(result).toMatchObject({ ok: false, code: 'invalid-document', index: 0 });
    expect(phoneD.store.outboxes.needs?.size).toBe(0);
  });
});
