/**
 * Races between the pull, the live stream, a reload and a rights change, made deterministic: a
 * slow disk holds the replication's bookkeeping of pulled documents, and the wire holds pull
 * answers and stream bytes so they arrive in the order each test chooses. The guarantee under test:
 * a phone pushes only documents it changed itself.
 *
 * The world: a verified Ukrainian municipality with three open needs, and in each test a German
 * municipality that registers (pending: it cannot read the Ukrainian needs yet) and that a
 * moderator verifies while its phone is running.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveDocument } from '../../app/db/local-store';
import type { CollectionName } from '../../domain/collections';
import type { Need } from '../../domain/schemas/need';
import { freshNeed } from '../support/factories';
import { SlowDisk, Wire } from './support/race-controls';
import {
  api,
  documentsOf,
  makeClient,
  moderatorOf,
  pendingMunicipality,
  reloadClient,
  startTestServer,
  syncOnce,
  verifiedMunicipality,
  waitFor,
  type ClientOptions,
  type TestClient,
  type TestMember,
  type TestServer,
} from './support/sync-harness';

const COLLECTIONS: readonly CollectionName[] = ['needs', 'municipalities'];

let server: TestServer;
let ukrainian: TestMember;
const ukrainianNeeds: Need[] = [];
const phones: TestClient[] = [];
/** Disks of this test: a failed test may leave bookkeeping held, which would hold up closing. */
const disks: SlowDisk[] = [];

beforeAll(async () => {
  server = await startTestServer();
  ukrainian = await verifiedMunicipality(server);
  for (let i = 0; i < 3; i++) ukrainianNeeds.push(freshNeed({ municipalityId: ukrainian.municipalityId, status: 'open' }));
  const pushed = await api(
    server,
    '/api/sync/needs/push',
    { method: 'POST', body: JSON.stringify(ukrainianNeeds.map((need) => ({ newDocumentState: need }))) },
    ukrainian,
  );
  expect(pushed).toMatchObject({ status: 200, body: { conflicts: [], refused: [] } });
});

afterEach(async () => {
  for (const disk of disks.splice(0)) disk.release();
  await Promise.all(phones.splice(0).map((phone) => phone.close()));
});

afterAll(async () => {
  await server.stop();
});

/** A German phone on a disk the test controls, whose wire records what it pushes. */
async function germanPhone(member: TestMember, disk: SlowDisk, options: ClientOptions = {}): Promise<{ phone: TestClient; wire: Wire }> {
  let wire!: Wire;
  const phone = await makeClient(server, member, COLLECTIONS, undefined, {
    ...options,
    storage: disk.storage,
    wrapFetch: (fetch) => (wire = new Wire(fetch)).fetch,
  });
  phones.push(phone);
  return { phone, wire };
}

/**
 * The page is reloaded: its sync stops, whatever bookkeeping `disk` still held is lost with the
 * tab, and a new page opens the same database with a new engine.
 */
async function reloaded(phone: TestClient, disk: SlowDisk): Promise<{ phone: TestClient; wire: Wire }> {
  phones.splice(phones.indexOf(phone), 1);
  const closing = phone.close();
  // The replication has stopped once a task has passed (its writes wait on the held checkpoints).
  await new Promise((resolve) => setTimeout(resolve, 0));
  disk.closeTab();
  await closing;
  let wire!: Wire;
  const again = await reloadClient(server, phone, { wrapFetch: (fetch) => (wire = new Wire(fetch)).fetch });
  phones.push(again);
  return { phone: again, wire };
}

async function verify(member: TestMember): Promise<void> {
  const moderator = await moderatorOf(server);
  const path = `/api/moderation/municipalities/${member.municipalityId}/verify`;
  const answer = await moderator.browser.request('POST', path);
  expect(answer.status, `POST ${path}`).toBe(200);
}

async function ukrainianNeedsOn(phone: TestClient): Promise<string[]> {
  const ids = new Set(ukrainianNeeds.map((need) => need.id));
  return (await documentsOf(phone, 'needs')).map((doc) => String(doc.id)).filter((id) => ids.has(id));
}

function newDisk(): SlowDisk {
  const disk = new SlowDisk(wrappedValidateAjvStorage({ storage: getRxStorageMemory() }));
  disks.push(disk);
  return disk;
}

describe('a phone pushed documents it never changed', () => {
  it('a reload that cut short the bookkeeping of pulled needs does not push them back as the phone’s own', async () => {
    const german = await pendingMunicipality(server);
    const disk = newDisk();
    const first = await germanPhone(german, disk);
    await syncOnce(first.phone);
    expect(await ukrainianNeedsOn(first.phone)).toEqual([]);

    disk.holdBookkeeping();
    await verify(german);
    // The rights change restarts the pull: the Ukrainian needs are written, their meta rows wait.
    await waitFor(async () => expect(await ukrainianNeedsOn(first.phone)).toHaveLength(3));
    await waitFor(() => expect(disk.held).toBeGreaterThan(0));
    const second = await reloaded(first.phone, disk);
    await syncOnce(second.phone);
    await syncOnce(second.phone);
    expect(second.wire.pushedIds()).toEqual([]);
    expect(second.phone.engine.refused.list()).toEqual([]);
    expect((await ukrainianNeedsOn(second.phone)).sort()).toEqual(ukrainianNeeds.map((need) => need.id).sort());
  });
});

/** One German phone through a race: its disk, every wire it used (one per page load), and what it wrote. */
type Race = {
  german: TestMember;
  disk: SlowDisk;
  phone: TestClient;
  wires: Wire[];
  /** Ids of the documents the test wrote on the phone. */
  written: string[];
  /** Writes a German need on the phone, as a screen would. */
  write(): Promise<void>;
  reload(): Promise<void>;
};

async function startRace(): Promise<Race> {
  const german = await pendingMunicipality(server);
  const disk = newDisk();
  const { phone, wire } = await germanPhone(german, disk);
  await syncOnce(phone);
  const race: Race = {
    german,
    disk,
    phone,
    wires: [wire],
    written: [],
    async write() {
      const need = freshNeed({ municipalityId: german.municipalityId, status: 'open' });
      race.written.push(need.id);
      await saveDocument(race.phone.store, 'needs', need);
    },
    async reload() {
      const next = await reloaded(race.phone, disk);
      race.phone = next.phone;
      race.wires.push(next.wire);
    },
  };
  return race;
}

/**
 * Each scenario meets the pull restarted by a rights change (the moderator verifies the German
 * municipality while the phone runs) with one more event at the worst moment.
 */
const SCENARIOS: { name: string; run: (race: Race) => Promise<void> }[] = [
  {
    name: 'the stream reconnects (RESYNC) while the bookkeeping of the pulled needs is still being written',
    async run(race) {
      race.disk.holdBookkeeping();
      await verify(race.german);
      await waitFor(async () => expect(await ukrainianNeedsOn(race.phone)).toHaveLength(3));
      race.phone.engine.reSync();
      await race.write();
      race.disk.release();
    },
  },
  {
    name: 'the pull answers are late: the stream delivers first',
    async run(race) {
      race.wires.at(-1)!.holdPulls();
      await verify(race.german);
      await waitFor(() => expect(race.wires.at(-1)!.heldPullCount).toBeGreaterThan(0));
      await race.write();
      await new Promise((resolve) => setTimeout(resolve, 200));
      race.wires.at(-1)!.releasePulls();
    },
  },
  {
    name: 'the stream is late: the pull delivers first, then the RESYNC and the documents',
    async run(race) {
      race.wires.at(-1)!.holdStream();
      await verify(race.german);
      race.phone.engine.replications.needs!.reSync();
      race.phone.engine.replications.municipalities!.reSync();
      await waitFor(async () => expect(await ukrainianNeedsOn(race.phone)).toHaveLength(3));
      await race.write();
      race.wires.at(-1)!.releaseStream();
    },
  },
  {
    name: 'the page is reloaded before the bookkeeping of the pulled needs was written',
    async run(race) {
      race.disk.holdBookkeeping();
      await verify(race.german);
      await waitFor(async () => expect(await ukrainianNeedsOn(race.phone)).toHaveLength(3));
      // A write of the phone's own waits offline across the reload: it must still go out.
      race.phone.network.goOffline();
      await race.write();
      await race.reload();
    },
  },
  {
    name: 'the server restarts while the pull answers after the rights change are on their way',
    async run(race) {
      race.wires.at(-1)!.holdPulls();
      await verify(race.german);
      await waitFor(() => expect(race.wires.at(-1)!.heldPullCount).toBeGreaterThan(0));
      server = await server.restart();
      race.wires.at(-1)!.releasePulls();
      await race.write();
    },
  },
];

describe('a phone pushes only documents it changed', () => {
  it.each(SCENARIOS)('$name', async ({ run }) => {
    const race = await startRace();
    await run(race);
    await waitFor(async () => {
      await syncOnce(race.phone);
      expect((await ukrainianNeedsOn(race.phone)).sort()).toEqual(ukrainianNeeds.map((need) => need.id).sort());
      const onServer = await api<{ documents: { id: string }[] }>(server, '/api/sync/needs/pull?limit=500', {}, race.german);
      expect(onServer.body.documents.map((doc) => doc.id)).toEqual(expect.arrayContaining(race.written));
    });
    await syncOnce(race.phone);
    const pushed = race.wires.flatMap((wire) => wire.pushedIds());
    expect(new Set(pushed)).toEqual(new Set(race.written));
    expect(race.phone.engine.refused.list()).toEqual([]);
  });
});
