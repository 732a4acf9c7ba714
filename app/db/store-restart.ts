/**
 * What a phone does when the server's store no longer holds what it had confirmed: the pull
 * started over because the store was restored from an older backup or recreated
 * (PullResponse.startedOver, sync-server/sync/feed-guard.ts). RxDB alone would take every restored
 * older state as the server's word (its record of the server's state says the phone has nothing
 * to push) and would never send again what the store lost. Guarantees, for one collection:
 * - a pulled document this phone holds a newer copy of (by the three-way merge with no common
 *   base: each field by its stamp, domain/merge.ts) is never overwritten by the older one: the
 *   merge is pushed with the pulled state as the one assumed, and what the server then holds is
 *   what RxDB stores. Only when the server refuses it (not this member's to write) does the
 *   pulled state stand: others' documents are simply downloaded again;
 * - once the restarted pull reached the feed's end, every document this phone holds that the
 *   pull did not bring is offered again as a new write (append-only ones too: re-created only
 *   where absent, the server judges as usual). Refusals that may pass later are retried a few
 *   times over ~30 s in the background, since a document may refer to one another collection is
 *   still offering again; one refused as not this member's to write is not, and stays as the phone
 *   has it (its writer's phone offers it again);
 * - documents with a local change waiting in the outbox are left to RxDB: its fork differs from
 *   the server's state, so it keeps the local copy and pushes it against the pulled state;
 * - the state lives in memory: a phone closed during the restarted pull offers the missing ones
 *   only if the next pull starts over again (it does when the checkpoint stored was the old one).
 */
import type { RxCollection } from 'rxdb/plugins/core';
import { isAppendOnly, mergeFor, type CollectionName } from '../../domain/collections';
import { sameContent, type WireDocument } from '../../domain/documents';
import { SYNC_LIMITS, type PullResponse, type PushResponse, type PushRow } from '../../domain/sync-protocol';

export type StoreRestartOptions = {
  name: CollectionName;
  collection: RxCollection<WireDocument>;
  /** Pushes rows as the member's own writes (the same request as RxDB's pushes). */
  push: (rows: PushRow[]) => Promise<PushResponse>;
  /** Whether a local change of the document waits to be pushed (RxDB pushes it itself). */
  pending: (id: string) => boolean;
  /** Waits; resolves early when the engine is woken (reSync) or stopped. */
  wait: (ms: number) => Promise<void>;
  stopped: () => boolean;
  /** Failures of the background offers, for the status line. */
  onError: (error: unknown) => void;
};

/** Rounds (and their delays) for missing documents the server refused, before giving up. */
const MISSING_RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15_000];

/** Refusals that another round cannot change: the document is not this member's to write. */
const NOT_OURS: ReadonlySet<string> = new Set(['not-signed-in', 'removed-member', 'not-verified', 'not-your-municipality', 'not-yourself', 'coordinator-only', 'moderator-only']);

/** RxDB's own fields of a stored document, which the wire format does not have. */
function plain(doc: object): WireDocument {
  const copy = { ...doc } as Record<string, unknown>;
  delete copy._meta;
  delete copy._rev;
  delete copy._attachments;
  return copy as WireDocument;
}

export class StoreRestart {
  /** Ids the restarted pull brought so far; null when no restart is running. */
  private received: Set<string> | null = null;
  private readonly merge: ReturnType<typeof mergeFor>;
  private readonly appendOnly: boolean;
  /** Background offers of missing documents (tests and stop() wait for them). */
  private offering: Promise<void> = Promise.resolve();

  constructor(private readonly options: StoreRestartOptions) {
    this.merge = mergeFor(options.name);
    this.appendOnly = isAppendOnly(options.name);
  }

  /**
   * The documents of a pull page as RxDB must store them. May push (and throw when that fails:
   * the caller retries the page, which is idempotent here).
   */
  async page(body: PullResponse): Promise<WireDocument[]> {
    if (body.startedOver) this.received = new Set();
    const received = this.received;
    if (!received) return body.documents;
    for (const doc of body.documents) received.add(doc.id);
    const documents = await this.keepNewer(body.documents);
    if (body.remaining === 0) {
      this.received = null;
      const offering = this.offerMissing(received).catch((error: unknown) => this.options.onError(error));
      this.offering = Promise.all([this.offering, offering]).then(() => undefined);
    }
    return documents;
  }

  /** Resolves once the background offers started so far are done. */
  settled(): Promise<void> {
    return this.offering;
  }

  /** Pulled states, each replaced by what the server holds after this phone offered its newer copy. */
  private async keepNewer(pulled: WireDocument[]): Promise<WireDocument[]> {
    // An append-only document never changes: a copy the server has is the one the phone has.
    if (this.appendOnly || pulled.length === 0) return pulled;
    const { collection, pending } = this.options;
    const stored = await collection.storageInstance.findDocumentsById(
      pulled.map((doc) => doc.id),
      true,
    );
    const local = new Map(stored.map((doc) => [doc.id, plain(doc)]));
    const rows: PushRow[] = [];
    for (const master of pulled) {
      const mine = local.get(master.id);
      if (!mine || pending(master.id)) continue;
      // No common base: both sides "changed" every field, and each keeps its later stamp.
      const merged = this.merge(undefined, master, mine);
      if (!sameContent(merged, master)) rows.push(this.row(master, merged));
    }
    if (rows.length === 0) return pulled;
    const held = await this.offer(rows);
    return pulled.map((doc) => held.get(doc.id) ?? doc);
  }

  /** Offers again, as new writes, the documents the restarted pull did not bring. */
  private async offerMissing(received: ReadonlySet<string>): Promise<void> {
    const { collection, pending, wait, stopped } = this.options;
    const all = await collection.find().exec();
    let rows = all
      .map((doc) => plain(doc.toJSON(true)))
      .filter((doc) => !received.has(doc.id) && !pending(doc.id))
      .map((doc) => this.row(undefined, doc));
    for (let round = 0; rows.length > 0 && !stopped(); round++) {
      const refused = new Map<string, string>();
      try {
        await this.offer(rows, refused);
      } catch (error) {
        this.options.onError(error);
        for (const row of rows) refused.set(row.newDocumentState.id, 'failed');
      }
      // Only what may pass later (a reference another collection is still offering, a status
      // its pledge reaches once offered again, a failed request) is offered once more.
      const later = new Set([...refused].filter(([, code]) => !NOT_OURS.has(code)).map(([id]) => id));
      const delay = MISSING_RETRY_DELAYS_MS[round];
      if (later.size === 0 || delay === undefined) return;
      rows = rows.filter((row) => later.has(row.newDocumentState.id));
      await wait(delay);
    }
  }

  /**
   * Pushes rows; returns, per id, the state the server holds afterwards where this phone knows it
   * (written, or the newer state of a conflict, merged and pushed once more). Refused ids are left
   * out (and added to `refused` with their codes).
   */
  private async offer(rows: PushRow[], refused = new Map<string, string>()): Promise<Map<string, WireDocument>> {
    const held = new Map<string, WireDocument>();
    for (let start = 0; start < rows.length; start += SYNC_LIMITS.maxPushRows) {
      const chunk = rows.slice(start, start + SYNC_LIMITS.maxPushRows);
      const again = this.settle(chunk, await this.options.push(chunk), held, refused);
      if (again.length > 0) this.settle(again, await this.options.push(again), held, refused);
    }
    return held;
  }

  /** Records an answer in `held`/`refused`; returns the conflicts worth pushing again, merged. */
  private settle(rows: PushRow[], answer: PushResponse, held: Map<string, WireDocument>, refused: Map<string, string>): PushRow[] {
    const conflicts = new Map(answer.conflicts.map((doc) => [doc.id, doc]));
    const refusedIds = new Map(answer.refused.map((item) => [item.id, item.code]));
    const again: PushRow[] = [];
    for (const row of rows) {
      const { id } = row.newDocumentState;
      const code = refusedIds.get(id);
      if (code !== undefined) {
        refused.set(id, code);
        continue;
      }
      const current = conflicts.get(id);
      if (!current) {
        held.set(id, row.newDocumentState);
        continue;
      }
      // Someone wrote it meanwhile (another phone offering it again): merge once more, by stamps.
      held.set(id, current);
      if (this.appendOnly) continue;
      const merged = this.merge(undefined, current, row.newDocumentState);
      if (!sameContent(merged, current)) again.push(this.row(current, merged));
    }
    return again;
  }

  private row(assumed: WireDocument | undefined, next: WireDocument): PushRow {
    // `push` adds the schema version (replication.ts).
    return { assumedMasterState: assumed, newDocumentState: next };
  }
}
