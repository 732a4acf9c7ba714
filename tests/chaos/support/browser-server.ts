/**
 * The server side of the browser campaign: the real sync server (tests/e2e/support/sync-server.ts,
 * what `npm start` runs, serving the built PWA) on a data directory this module chooses, so the
 * campaign can read the embedded store itself (through its `store.json`, as the CLI does) and
 * judge what arrived: each document once, in one revision, nothing under another id.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CollectionName } from '../../../domain/collections';
import { Couch, type StoredDocument } from '../../../sync-server/store/couch';
import { authenticatedUrl, findRunningStore } from '../../../sync-server/store/embedded-store';
import { MODERATOR_ENV } from '../../e2e/support/accounts';
import { startSyncServer, type RunningSyncServer } from '../../e2e/support/sync-server';

export type CampaignServer = RunningSyncServer & {
  /** Every live document of a collection as the store holds it (CouchDB fields included). */
  stored(collection: CollectionName): Promise<StoredDocument[]>;
};

/** Starts the sync server with the e2e moderator on a fresh data directory of ours. */
export async function startCampaignServer(): Promise<CampaignServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'c4c-chaos-browser-data-'));
  let server: RunningSyncServer;
  try {
    server = await startSyncServer({ ...MODERATOR_ENV, DATA_DIR: dataDir });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  let couch: Couch | null = null;
  const store = async () => {
    if (couch) return couch;
    const running = await findRunningStore(dataDir);
    if (!running) throw new Error(`the sync server left no running store in ${dataDir}`);
    couch = new Couch(authenticatedUrl(running), process.env.DB_PREFIX ?? 'c4c_');
    return couch;
  };
  return {
    ...server,
    async stored(collection) {
      const all = await (await store()).db(collection).list({ include_docs: true });
      return all.rows.flatMap((row) => (row.doc && !row.id.startsWith('_design/') && !row.doc._deleted ? [row.doc] : []));
    },
    async stop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type Arrival = {
  /** Documents the phone wrote that the store holds. */
  onServer: number;
  /** Written on the phone, not in the store. */
  lost: string[];
  /** Store documents beyond one per written document: the same content under another id, or an id twice. */
  duplicates: string[];
  /** Documents the store holds in more than one revision (a create written again). */
  rewritten: string[];
};

/**
 * Compares what the phone wrote (`expected`: id → a content key, e.g. the title) with what the
 * store holds of `mine` (the phone's municipality's documents).
 */
export function judgeArrival(expected: ReadonlyMap<string, string>, mine: readonly StoredDocument[], key: (doc: StoredDocument) => string): Arrival {
  const byId = new Map<string, number>();
  const byKey = new Map<string, number>();
  for (const doc of mine) {
    byId.set(doc._id, (byId.get(doc._id) ?? 0) + 1);
    byKey.set(key(doc), (byKey.get(key(doc)) ?? 0) + 1);
  }
  const lost = [...expected.keys()].filter((id) => !byId.has(id));
  const duplicates = [
    ...[...byId].filter(([, times]) => times > 1).map(([id]) => id),
    ...[...byKey].filter(([, times]) => times > 1).map(([content]) => `content ${content}`),
    ...mine.filter((doc) => !expected.has(doc._id)).map((doc) => `unexpected ${doc._id} (${key(doc)})`),
  ];
  const rewritten = mine.filter((doc) => expected.has(doc._id) && !String(doc._rev).startsWith('1-')).map((doc) => `${doc._id} at ${String(doc._rev)}`);
  return { onServer: [...expected.keys()].filter((id) => byId.has(id)).length, lost, duplicates, rewritten };
}
