/**
 * The end of every campaign: with the faults off, the phones sync until quiet, then
 * - every phone holds exactly the documents the server lets its member read (the server's view is
 *   read through the real pull route, as that member, from the beginning), field for field;
 * - every document a phone created is in the store once, not deleted, and nothing of this campaign
 *   is in the store that no phone created;
 * - append-only documents (pledges, pledge events, messages) have exactly one revision, and no
 *   document has conflicting revisions;
 * - nothing was written twice: a need or offer has no more revisions than saves on the phones, and
 *   no two consecutive revisions hold the same content (a retried push written again);
 * - no edit that one side made alone is lost: each tracked field holds the last value written;
 * - no phone holds a refused write or an unsent one.
 * Each failed check is a line in `problems` (so a report lists all of them, not only the first).
 */
import fs from 'node:fs';
import { isAppendOnly, type CollectionName } from '../../../domain/collections';
import type { PullResponse } from '../../../domain/sync-protocol';
import { storeFilePath } from '../../../sync-server/store/embedded-store';
import { api, documentsOf, syncOnce } from '../../integration/support/sync-harness';
import { Ledger, PHONE_COLLECTIONS, type Phone } from './phones';

type StoredDoc = Record<string, unknown> & { _id: string; _rev: string; _conflicts?: string[]; _deleted?: boolean };

/** Everything `member`'s pull of `collection` brings from the beginning, by the real route. */
export async function serverView(server: { url: string }, phone: Phone, collection: CollectionName): Promise<Record<string, unknown>[]> {
  const documents: Record<string, unknown>[] = [];
  let checkpoint = '';
  for (let page = 0; page < 1000; page++) {
    const query = new URLSearchParams({ limit: '500', ...(checkpoint ? { checkpoint } : {}) });
    const answer = await api<PullResponse>(server, `/api/sync/${collection}/pull?${query}`, {}, phone.member);
    if (answer.status !== 200) throw new Error(`pull of ${collection} as ${phone.role} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    documents.push(...(answer.body.documents as Record<string, unknown>[]));
    checkpoint = answer.body.checkpoint.seq;
    if (answer.body.documents.length < 500) break;
  }
  const latest = new Map(documents.map((doc) => [String(doc.id), doc]));
  return [...latest.values()].filter((doc) => doc._deleted !== true).map(comparable).sort(byId);
}

const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.id).localeCompare(String(b.id));

/** A document without the fields one side has and the other not (RxDB's and CouchDB's own). */
function comparable(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([key, value]) => !key.startsWith('_') && value !== undefined));
}

/** Reads the store directly (store.json's address), for revisions the routes never show. */
export class StoreReader {
  constructor(private readonly dataDir: string) {}

  private async request<T>(pathname: string): Promise<T> {
    const { url, user, password } = JSON.parse(fs.readFileSync(storeFilePath(this.dataDir), 'utf8')) as { url: string; user: string; password: string };
    const response = await fetch(`${url}${pathname}`, { headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } });
    if (!response.ok) throw new Error(`store ${pathname} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  async all(collection: CollectionName): Promise<StoredDoc[]> {
    const body = await this.request<{ rows: { doc?: StoredDoc }[] }>(`/c4c_${collection}/_all_docs?include_docs=true&conflicts=true`);
    return body.rows.flatMap((row) => (row.doc ? [row.doc] : []));
  }

  /** The bodies of a document's revisions still kept, oldest first (compacted ones are skipped). */
  async history(collection: CollectionName, id: string): Promise<StoredDoc[]> {
    const info = await this.request<{ _revs_info?: { rev: string; status: string }[] }>(`/c4c_${collection}/${encodeURIComponent(id)}?revs_info=true`);
    const available = (info._revs_info ?? []).filter((rev) => rev.status === 'available').map((rev) => rev.rev).reverse();
    const bodies: StoredDoc[] = [];
    for (const rev of available) bodies.push(await this.request<StoredDoc>(`/c4c_${collection}/${encodeURIComponent(id)}?rev=${rev}`));
    return bodies;
  }
}

/** Generation of a revision (`3-abc` → 3). */
const generation = (rev: string) => parseInt(rev, 10);

export type EndReport = {
  problems: string[];
  documents: Partial<Record<CollectionName, number>>;
  revisions: number;
  settleRounds: number;
  /** For each document with a finding: its edits on the phones and its stored revisions, to tell how it happened. */
  histories?: Record<string, unknown>;
};

const SYNC_ROUND_MS = 30_000;

/** How `promise` ended within `ms`: 'done', 'timeout', or its error (a sync that failed is a finding too). */
async function within(promise: Promise<unknown>, ms: number): Promise<'done' | 'timeout' | { error: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  try {
    return await Promise.race([promise.then(() => 'done' as const, (error: unknown) => ({ error })), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Turns the faults off (by the caller), then syncs every phone until nothing waits and each matches the server; at most `timeoutMs`. */
export async function settle(server: { url: string }, phones: readonly Phone[], timeoutMs = 120_000, describeStuck: (phone: Phone) => unknown = () => ''): Promise<{ rounds: number; problems: string[]; metaOnly: string[] }> {
  const deadline = Date.now() + timeoutMs;
  let problems: string[] = [];
  let metaOnly: string[] = [];
  for (let round = 1; ; round++) {
    const stuck: string[] = [];
    for (const phone of phones) {
      // Bounded: a phone that never gets in sync is a finding, not a hung campaign.
      const outcome = await within(syncOnce(phone.client), SYNC_ROUND_MS);
      if (outcome === 'timeout') stuck.push(`${phone.role}: not in sync within ${SYNC_ROUND_MS / 1000} s ${JSON.stringify(describeStuck(phone))}`);
      else if (outcome !== 'done') stuck.push(`${phone.role}: its sync failed: ${String(outcome.error)} ${JSON.stringify(describeStuck(phone))}`);
    }
    problems = [...stuck];
    metaOnly = [];
    for (const phone of phones) {
      for (const collection of PHONE_COLLECTIONS[phone.role]) {
        const waiting = phone.client.store.outboxes[collection]?.size ?? 0;
        if (waiting > 0) problems.push(`${phone.role}: ${waiting} ${collection} still waiting to be sent`);
        const [local, remote] = [(await documentsOf(phone.client, collection)).map(comparable), await serverView(server, phone, collection)];
        const found = differences(`${phone.role} ${collection}`, local, remote);
        problems.push(...found.problems);
        metaOnly.push(...found.metaOnly);
      }
      for (const item of phone.client.store.refused.list()) problems.push(`${phone.role}: refused ${item.collection}/${item.id}: ${item.code} ${item.message}`);
    }
    if (problems.length === 0 || Date.now() > deadline) return { rounds: round, problems, metaOnly };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * What differs between a phone's documents and the server's view. A document equal but for the
 * server-set `meta` is a problem too, and also listed apart (`metaOnly`) for the report: the
 * writer's own phone kept its pushed state without the server's stamps when the echo of its write
 * arrived while that write was still being pushed (RxDB skips a pulled state over a pending local
 * write, then takes the pushed state as the server's), 218 documents in the link-fault campaign's
 * full run of seed 1531256642 at a fault rate of 0.6, until app/db/held-echoes.ts handed such echoes
 * to RxDB again once the write settled.
 */
function differences(where: string, local: Record<string, unknown>[], remote: Record<string, unknown>[]): { problems: string[]; metaOnly: string[] } {
  const problems: string[] = [];
  const metaOnly: string[] = [];
  const remoteById = new Map(remote.map((doc) => [String(doc.id), doc]));
  const localById = new Map(local.map((doc) => [String(doc.id), doc]));
  for (const [id, doc] of localById) {
    const other = remoteById.get(id);
    if (!other) problems.push(`${where}: ${id} is on the phone, not readable on the server`);
    else if (JSON.stringify(sortKeys(doc)) !== JSON.stringify(sortKeys(other))) {
      const withoutMeta = ({ meta: _meta, ...rest }: Record<string, unknown>) => JSON.stringify(sortKeys(rest));
      if (withoutMeta(doc) === withoutMeta(other)) {
        metaOnly.push(`${where}: ${id}`);
        problems.push(`${where}: ${id} differs in its server-set meta only: phone ${JSON.stringify(doc.meta)} server ${JSON.stringify(other.meta)}`);
      } else problems.push(`${where}: ${id} differs: phone ${JSON.stringify(doc)} server ${JSON.stringify(other)}`);
    }
  }
  for (const id of remoteById.keys()) if (!localById.has(id)) problems.push(`${where}: ${id} is on the server, missing on the phone`);
  return { problems, metaOnly };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
  return value;
}

const CAMPAIGN_COLLECTIONS: CollectionName[] = ['needs', 'offers', 'pledges', 'pledge_events', 'messages'];

/** The store against the ledger: every write there once, nothing twice, every one-sided edit kept. */
export async function checkStore(reader: StoreReader, ledger: Ledger, idPrefix: string): Promise<Omit<EndReport, 'settleRounds'>> {
  const problems: string[] = [];
  const documents: Partial<Record<CollectionName, number>> = {};
  const histories: Record<string, unknown> = {};
  let revisions = 0;
  for (const collection of CAMPAIGN_COLLECTIONS) {
    const stored = (await reader.all(collection)).filter((doc) => doc._id.startsWith(idPrefix));
    documents[collection] = stored.length;
    const storedById = new Map(stored.map((doc) => [doc._id, doc]));
    for (const doc of stored) {
      const found = problems.length;
      const entry = ledger.entries.get(Ledger.key(collection, doc._id));
      if (!entry) problems.push(`store ${collection}/${doc._id}: no phone created it`);
      if (doc._conflicts?.length) problems.push(`store ${collection}/${doc._id}: conflicting revisions ${doc._conflicts.join(', ')}`);
      const gen = generation(doc._rev);
      revisions += gen;
      if (isAppendOnly(collection) && gen !== 1) problems.push(`store ${collection}/${doc._id}: append-only document written ${gen} times`);
      if (entry && gen > entry.saves) problems.push(`store ${collection}/${doc._id}: ${gen} revisions for ${entry.saves} saves on the phones`);
      if (entry) {
        for (const [field, value] of Object.entries(entry.fields)) {
          if (JSON.stringify(doc[field]) !== JSON.stringify(value)) {
            problems.push(`store ${collection}/${doc._id}: ${field} is ${JSON.stringify(doc[field])}, the last one-sided edit wrote ${JSON.stringify(value)}`);
          }
        }
      }
      if (!isAppendOnly(collection) && gen > 1) {
        const history = await reader.history(collection, doc._id);
        for (let i = 1; i < history.length; i++) {
          if (sameStored(history[i - 1]!, history[i]!)) problems.push(`store ${collection}/${doc._id}: revision ${history[i]!._rev} repeats ${history[i - 1]!._rev} (written twice)`);
        }
      }
      if (problems.length > found && !isAppendOnly(collection)) {
        const revisionsKept = await reader.history(collection, doc._id);
        histories[`${collection}/${doc._id}`] = {
          edits: entry?.log,
          revisions: revisionsKept.map(({ _id: _i, _revisions: _r, ...revision }) => revision),
        };
      }
    }
    for (const entry of ledger.entries.values()) {
      if (entry.collection !== collection) continue;
      const doc = storedById.get(entry.id);
      if (!doc) problems.push(`store ${collection}/${entry.id}: created on ${entry.creator}, missing in the store`);
      else if (doc._deleted) problems.push(`store ${collection}/${entry.id}: deleted`);
    }
  }
  return { problems, documents, revisions, histories };
}

/** Two stored revisions with the same content, apart from the revision and the server-set `meta`. */
function sameStored(a: StoredDoc, b: StoredDoc): boolean {
  const strip = ({ _rev: _a, _revisions: _b, _revs_info: _c, meta: _d, ...rest }: Record<string, unknown>) => JSON.stringify(sortKeys(rest));
  return strip(a) === strip(b);
}
