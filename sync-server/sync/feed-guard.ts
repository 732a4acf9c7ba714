/**
 * Decides whether a checkpoint can be continued from, for the pull (pull.ts) and the stream
 * (stream.ts). Guarantees:
 * - every synced database has an identity, kept in its `_local/c4c-feed-identity` document and
 *   created when missing: a database deleted and recreated gets a new one, and a checkpoint naming
 *   another identity starts over. `_local` documents are not replicated, so a database rebuilt by
 *   replication (a backup tool that replicates) gets a new one too;
 * - a file-level restore brings the old `_local` document back, so identity alone cannot see it.
 *   Two more checks catch it: the checkpoint's sequence must not lie past the database's current
 *   end (`update_seq`, compared by their leading integers, which works for the embedded store's
 *   integers and CouchDB 3's `N-…` strings alike), and the last change the checkpoint's reader
 *   saw (its anchor: document id and revision) must still be known to the store (`_revs_diff`,
 *   which also knows revisions compacted away). A restore from an older backup loses that revision
 *   whatever happened since, so every phone that saw anything after the backup starts over;
 * - "start over" is the only answer to doubt: it costs a phone one full pull (RxDB upserts what it
 *   gets and keeps its unpushed writes), while continuing from a wrong place would hide documents
 *   from it for good. A spurious restart (e.g. the anchor document edited more often than the
 *   store's `revs_limit` since, or purged; on a CouchDB cluster, `GET /{db}` answered by a node
 *   whose shard copies lag the one that served the last pull) is therefore acceptable; silence is not;
 * - cheap on the normal path: a pull pays one `GET /{db}` (which `remaining` needs anyway). The
 *   identity is cached for CACHE_MS, and anchors this instance handed out or verified are
 *   remembered for CACHE_MS, so a phone continuing from this instance's last answer costs no
 *   `_revs_diff`. Caches of a database are dropped when its `update_seq` goes backwards (a restore
 *   or a recreation just happened) and all of them when the store connection changes (the
 *   embedded store restarted); CACHE_MS bounds the rest.
 */
import { randomBytes } from 'node:crypto';
import type { CollectionName } from '../../domain/collections';
import type { Actor } from '../../domain/permissions';
import type { Couch } from '../store/couch';
import { parseCheckpoint, sequenceNumber, type Anchor } from './checkpoints';

const IDENTITY_DOC = '_local/c4c-feed-identity';
const CACHE_MS = 60_000;
const MAX_REMEMBERED_ANCHORS = 20_000;

/** What `GET /{db}` says of a database's feed (CouchDB 3 adds `doc_del_count`; the embedded store does not). */
export type DatabaseInfo = { update_seq: string | number; doc_count: number; doc_del_count?: number };

/**
 * Where a pull reads from: the checkpoint's own place, or the beginning of the feed. `storeChanged`
 * says the beginning was chosen because the checkpoint came from a feed the store no longer holds
 * (another identity, past the end, an anchor the store forgot: a restore or a recreation), not
 * because the reader's rights changed or it had read nothing yet; the phone then offers again what
 * the store may have lost (PullResponse.startedOver).
 */
export type ReadStart = { seq: string; anchor: Anchor | null; storeChanged?: true };

export const START_OVER: ReadStart = { seq: '0', anchor: null };
const STORE_CHANGED: ReadStart = { ...START_OVER, storeChanged: true };

type Cached<T> = { value: Promise<T>; at: number };

export class FeedGuard {
  private connection: unknown = null;
  private readonly identities = new Map<string, Cached<string>>();
  private readonly highestSeq = new Map<string, number>();
  /** `db \n identity \n id \n rev` → when it was last known to exist. */
  private readonly anchors = new Map<string, number>();

  constructor(private readonly couch: Couch) {}

  /** `GET /{db}`: the database's end and size, also noticing a feed that went backwards. */
  async info(collection: CollectionName): Promise<DatabaseInfo> {
    const db = this.couch.dbName(collection);
    this.checkConnection();
    const info = (await this.couch.nano.request({ db })) as DatabaseInfo;
    const end = sequenceNumber(info.update_seq);
    if (end < (this.highestSeq.get(db) ?? -Infinity)) this.forget(db);
    this.highestSeq.set(db, Math.max(end, this.highestSeq.get(db) ?? -Infinity));
    return info;
  }

  /** The identity of a collection's database, created when missing. */
  identity(collection: CollectionName): Promise<string> {
    const db = this.couch.dbName(collection);
    this.checkConnection();
    const cached = this.identities.get(db);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
    const value = this.readIdentity(collection);
    this.identities.set(db, { value, at: Date.now() });
    value.catch(() => this.identities.delete(db));
    return value;
  }

  /** Where `actor`'s checkpoint lets a read of `collection` start (START_OVER when in doubt). */
  async startOf(collection: CollectionName, actor: Actor, checkpoint: string, identity: string, info: DatabaseInfo): Promise<ReadStart> {
    const parsed = parseCheckpoint(actor, checkpoint);
    // No anchor means nothing was read yet: the beginning is the same place.
    if (!parsed || !parsed.anchor) return START_OVER;
    if (parsed.database !== identity) return STORE_CHANGED;
    if (sequenceNumber(parsed.seq) > sequenceNumber(info.update_seq)) return STORE_CHANGED;
    if (!(await this.isKnown(collection, identity, parsed.anchor))) return STORE_CHANGED;
    return { seq: parsed.seq, anchor: parsed.anchor };
  }

  /** Notes that the store holds `anchor` now (it was just read from its feed). */
  remember(collection: CollectionName, identity: string, anchor: Anchor | null): void {
    if (!anchor) return;
    if (this.anchors.size >= MAX_REMEMBERED_ANCHORS) this.anchors.clear();
    this.anchors.set(this.anchorKey(collection, identity, anchor), Date.now());
  }

  private async isKnown(collection: CollectionName, identity: string, anchor: Anchor): Promise<boolean> {
    const key = this.anchorKey(collection, identity, anchor);
    const seen = this.anchors.get(key);
    if (seen !== undefined && Date.now() - seen < CACHE_MS) return true;
    const diff = (await this.couch.nano.request({
      db: this.couch.dbName(collection),
      path: '_revs_diff',
      method: 'POST',
      body: { [anchor.id]: [anchor.rev] },
    })) as Record<string, { missing?: string[] } | undefined>;
    const known = !diff[anchor.id]?.missing?.includes(anchor.rev);
    if (known) this.remember(collection, identity, anchor);
    return known;
  }

  private async readIdentity(collection: CollectionName): Promise<string> {
    const db = this.couch.db(collection);
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await db.get(IDENTITY_DOC);
        if (typeof doc.identity === 'string' && doc.identity !== '') return doc.identity;
        throw new Error(`${IDENTITY_DOC} of ${this.couch.dbName(collection)} holds no identity`);
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 404 || attempt > 0) throw error;
      }
      try {
        await db.insert({ _id: IDENTITY_DOC, identity: randomBytes(9).toString('base64url') });
      } catch (error) {
        // 409: another server instance created it first; the next round reads theirs.
        if ((error as { statusCode?: number }).statusCode !== 409) throw error;
      }
    }
  }

  private anchorKey(collection: CollectionName, identity: string, anchor: Anchor): string {
    return [this.couch.dbName(collection), identity, anchor.id, anchor.rev].join('\n');
  }

  /** Drops everything remembered of one database. */
  private forget(db: string): void {
    this.identities.delete(db);
    for (const key of this.anchors.keys()) if (key.startsWith(`${db}\n`)) this.anchors.delete(key);
  }

  /** The embedded store restarted (a new client): whatever was remembered may be of other files. */
  private checkConnection(): void {
    if (this.couch.nano === this.connection) return;
    this.connection = this.couch.nano;
    this.identities.clear();
    this.highestSeq.clear();
    this.anchors.clear();
  }
}

const guards = new WeakMap<Couch, FeedGuard>();

/** The one guard of a store connection (the pull route and every stream subscriber share its caches). */
export function feedGuardOf(couch: Couch): FeedGuard {
  let guard = guards.get(couch);
  if (!guard) {
    guard = new FeedGuard(couch);
    guards.set(couch, guard);
  }
  return guard;
}
