/**
 * Replication of every collection with the sync server (DESIGN.md "Sync"): RxDB's protocol over
 * HTTP pull/push per collection plus one shared live stream. Guarantees:
 * - a local write is never dropped: it waits in RxDB's fork (and in the outbox count) until the
 *   server acknowledges it, is merged with a concurrent edit, or is refused and kept as refused;
 * - a server state older than the phone's copy by its field stamps (read before the phone's own
 *   later push was answered, and delivered after it) never takes the phone back to it;
 * - a conflict of a document this phone pushed before without hearing back is merged against a
 *   base that counts those unanswered states as its own (unanswered-pushes.ts), in RxDB's conflict path;
 * - only documents this phone changed are pushed: a revision the pull wrote (pulled-marks.ts) or a
 *   row equal to the server's state is left out, whatever order pull, stream, reload and RESYNC
 *   meet in (tests/integration/sync-races.test.ts);
 * - every request has a timeout, so a hung connection never stalls replication;
 * - pushes go in batches of up to SYNC_LIMITS.maxPushRows, gzip'd where the browser can
 *   (gzip-body.ts), so a slow uplink carries about a fifth of the bytes in few round trips;
 * - the stream's (re)connection triggers a pull, so changes made while it was down arrive;
 * - a document goes out after the documents it refers to that wait on this phone too (an event
 *   after its pledge, a photo after its event): the push waits for them, at most one request
 *   timeout, then goes anyway. Should the server then refuse it as `unknown-reference` while a
 *   document it refers to still waits here (a store restart, a slow or cut link held that one
 *   back), the refusal is not final: the row waits for that document again and is pushed again,
 *   until the server has it. Only a reference that waits nowhere on this phone (not here at all,
 *   or itself refused) leaves the document refused (tests/integration/sync-reference-refusals.test.ts);
 * - a 401 is reported through `onSignInRequired`; the push waits for the next `reSync()` (the
 *   member signed in again) and then goes out at once with the queued writes unchanged;
 * - a failed pull or push is retried after a capped exponential back-off with jitter
 *   (sync-retry.ts), and at once on `reSync()` (the browser came back online, "Sync now");
 * - a push that keeps failing never keeps its collection from receiving: its back-off lets RxDB's
 *   downstream run (`backOffHearing`; tests/integration/sync-pull-while-push-fails.test.ts);
 * - the server's state of a document that arrived while this phone's write of it waited, or was
 *   in a push not yet answered, is handed to RxDB again once the write settles (held-echoes.ts),
 *   so the writer's phone ends with the server's `meta` too (the link-fault campaign's end check
 *   counts a `meta` difference as a problem; seeds 1531256642 at 0.6 and 2022318673);
 * - a pull streams many batches in one answer (pull-pages.ts), so a first sync pays one round trip,
 *   not one per batch; a retried pull asks again from the checkpoint of the last batch received,
 *   and RxDB stores that checkpoint after every batch: a cut link re-downloads at most the batch it cut
 *   (tests/integration/sync-first-sync-cut.test.ts);
 * - a pull that started over because the server's store was restored from an older backup (or
 *   recreated) never overwrites a newer local copy with the restored older one, and this phone
 *   offers again what the store lost (store-restart.ts);
 * - the status counts, per collection, the documents received in this round and what the server
 *   says is left (sync-progress.ts), what waits in the outbox, the last success and the last error.
 */
import { BehaviorSubject, Subject, type Observable } from 'rxjs';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { RxCollection, RxReplicationPullStreamItem, WithDeleted } from 'rxdb/plugins/core';
import { hasFieldStamps, isAppendOnly, mergeFor, type CollectionName } from '../../domain/collections';
import { rebaseOnUnanswered } from '../../domain/merge';
import { isOlderState } from '../../domain/field-stamps';
import { writeReferences } from '../../domain/references';
import { sameContent, type WireDocument } from '../../domain/documents';
import { SYNC_LIMITS, type Checkpoint, type PushResponse, type PushRow, type StreamEvent } from '../../domain/sync-protocol';
import { encodeJsonBody } from './gzip-body';
import type { LocalStore } from './local-store';
import type { Outbox } from './outbox';
import { HeldEchoes } from './held-echoes';
import { isPulledAsIs } from './pulled-marks';
import { PagedPull, storedFromChanges } from './pull-pages';
import type { RefusedItem, RefusedWrites } from './refused-writes';
import { openSyncStream } from './sync-stream';
import { syncErrorKind, type SyncErrorKind } from './sync-errors';
import { StoreRestart } from './store-restart';
import { unansweredPushesOf } from './unanswered-pushes';
import { catchUpOf, recordPullBatch, type ProgressTotals, type SyncProgress } from './sync-progress';
import { retrying, Waker, type BackoffOptions } from './sync-retry';

export type SyncOptions = {
  /** Origin of the sync server, '' for the page's own origin. */
  baseUrl: string;
  fetch?: typeof fetch;
  requestTimeoutMs?: number;
  /** The first retry's delay; later ones double (with jitter) up to `maxRetryTimeMs`. */
  retryTimeMs?: number;
  maxRetryTimeMs?: number;
  /** Whether the browser has a network (tells "offline" from "server unreachable"); default `navigator.onLine`. */
  isBrowserOnline?: () => boolean;
  pullBatchSize?: number;
  /**
   * Pull batches one request may stream (pull-pages.ts): a first sync or a long catch-up arrives
   * without a round trip between batches; 1 asks for one batch per request.
   */
  pullPagesPerRequest?: number;
  /**
   * Rows per push request (default SYNC_LIMITS.maxPushRows, the most the server takes): on a slow
   * link every request costs a round trip, and RxDB sends the batches that wait meanwhile in parallel.
   */
  pushBatchSize?: number;
  /** Whether push bodies may be gzip'd (gzip-body.ts); default true. */
  gzipPush?: boolean;
  streamMinDelayMs?: number;
  /**
   * Told `true` when the server answers 401 (the session expired or was revoked: writes keep
   * queueing until the member signs in again) and `false` once a sync request is accepted again.
   */
  onSignInRequired?: (required: boolean) => void;
};

export type SyncStatus = {
  /** The live stream is connected: the server is reachable. */
  connected: boolean;
  /** Some replication is sending or receiving right now. */
  active: boolean;
  /** Local changes the server has not acknowledged yet. */
  pending: number;
  /** Last replication error, for the status line (cleared by the next success). */
  lastError: string | null;
  lastSyncedAt: number | null;
  /** What kind of error `lastError` is, for words the member understands. */
  lastErrorKind?: SyncErrorKind | null;
  /** Per collection: documents received in this sync round and what the server says is left. */
  progress?: SyncProgress;
  /** The whole round's totals while a first sync or a catch-up bigger than one pull batch runs, else null. */
  catchUp?: ProgressTotals | null;
  /** Per collection: what waits, the last success and the last error. */
  collections?: Partial<Record<CollectionName, CollectionSyncStatus>>;
};

export type CollectionSyncStatus = {
  /** Local changes of this collection the server has not acknowledged yet. */
  pending: number;
  lastSyncedAt: number | null;
  lastError: string | null;
  lastErrorKind: SyncErrorKind | null;
};

export type SyncEngine = {
  status$: Observable<SyncStatus>;
  refused: RefusedWrites;
  outboxes: Partial<Record<CollectionName, Outbox>>;
  replications: Partial<Record<CollectionName, RxReplicationState<WireDocument, Checkpoint>>>;
  /** Resolves when every collection has pushed and pulled what it can see now. */
  awaitInSync(): Promise<void>;
  /** Pull everything again and reconnect the stream now (e.g. the browser came back online). */
  reSync(): void;
  stop(): Promise<void>;
};

/**
 * The longest a pull page waits for the one before it to be stored (pull-pages.ts): a page whose
 * documents were all on the phone already writes nothing to wait for.
 */
const PAGE_STORED_WAIT_MS = 2000;

/** How often a push's back-off tells RxDB again that its upstream is idle (see `backOffHearing`). */
const HEARING_SLICE_MS = 250;

/** How often a push waiting for the documents it refers to looks again. */
const REFERENCE_POLL_MS = 200;

/** How long a push refused with 401 waits for the member to sign in again before it is retried anyway. */
const SIGN_IN_WAIT_MS = 60_000;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

async function requestJson<T>(fetchImpl: typeof fetch, url: string, init: RequestInit, timeoutMs: number): Promise<T> {
  const response = await fetchImpl(url, {
    ...init,
    credentials: 'same-origin',
    cache: 'no-store',
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw await httpErrorOf(response, url);
  const body = (await response.json().catch(() => null)) as unknown;
  // A 200 whose body was cut short is a failed request, not an empty answer: read as "nothing new",
  // a pull would end the round and RxDB would drop the stream events that came meanwhile.
  if (body === null || typeof body !== 'object') throw new Error(`unreadable answer from ${url}`);
  return body as T;
}

/** The error of a response that is not ok, from its `{ error: { code, message } }` body when it has one. */
async function httpErrorOf(response: Response, url: string): Promise<HttpError> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  return new HttpError(response.status, body?.error?.code ?? 'http-error', body?.error?.message ?? `HTTP ${response.status} from ${url}`);
}

/** The name RxDB keeps a collection's checkpoints under, for one server (wipe-detection.ts resets them). */
export function replicationIdentifierOf(name: CollectionName, baseUrl: string): string {
  return `c4c-http-${name}-${baseUrl || 'same-origin'}`;
}

/** Starts replicating every collection of `db`; stop it with `stop()`. */
export function startSync(store: LocalStore, options: SyncOptions): SyncEngine {
  const { db, clock, refused, outboxes, collections } = store;
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const onSignInRequired = options.onSignInRequired;
  // Every sync request passes here, so one place learns whether the session is still accepted.
  const fetchImpl: typeof fetch = onSignInRequired
    ? async (input, init) => {
        const response = await baseFetch(input, init);
        if (response.status === 401) onSignInRequired(true);
        else if (response.ok) onSignInRequired(false);
        return response;
      }
    : baseFetch;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const api = `${options.baseUrl}/api/sync`;
  const pullBatchSize = options.pullBatchSize ?? 200;
  const pullPagesPerRequest = Math.min(options.pullPagesPerRequest ?? 100, SYNC_LIMITS.maxPullPages);
  const pagedPulls: PagedPull[] = [];
  const restarts: StoreRestart[] = [];
  // Shared by all collections: once the server refuses a gzip'd body (415), every push goes plain.
  const gzipPush = { allowed: options.gzipPush ?? true };
  const isBrowserOnline = options.isBrowserOnline ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine));

  const status = new BehaviorSubject<SyncStatus>({
    connected: false,
    active: false,
    pending: collections.reduce((sum, name) => sum + (outboxes[name]?.size ?? 0), 0),
    lastError: null,
    lastSyncedAt: null,
    lastErrorKind: null,
    progress: {},
    catchUp: null,
    collections: Object.fromEntries(
      collections.map((name) => [name, { pending: outboxes[name]?.size ?? 0, lastSyncedAt: null, lastError: null, lastErrorKind: null }]),
    ),
  });
  const patchStatus = (patch: Partial<SyncStatus>) => status.next({ ...status.value, ...patch });
  const patchCollection = (name: CollectionName, patch: Partial<CollectionSyncStatus>, overall: Partial<SyncStatus> = {}) => {
    const current = status.value.collections?.[name] ?? { pending: 0, lastSyncedAt: null, lastError: null, lastErrorKind: null };
    patchStatus({ ...overall, collections: { ...status.value.collections, [name]: { ...current, ...patch } } });
  };
  const describe = (error: unknown) => ({ lastError: describeError(error), lastErrorKind: syncErrorKind(error, isBrowserOnline()) });
  const succeeded = (name: CollectionName, overall: Partial<SyncStatus> = {}) => {
    const now = Date.now();
    patchCollection(name, { lastSyncedAt: now, lastError: null, lastErrorKind: null }, { ...overall, lastError: null, lastErrorKind: null, lastSyncedAt: now });
  };
  const failed = (name: CollectionName, error: unknown) => {
    const described = describe(error);
    patchCollection(name, described, described);
  };
  const streams = {} as Record<CollectionName, Subject<RxReplicationPullStreamItem<WireDocument, Checkpoint>>>;
  /** Per collection: server states that came while a local write of theirs waited (held-echoes.ts). */
  const echoes = {} as Record<CollectionName, HeldEchoes>;
  /** Per collection: the last checkpoint handed to RxDB, for handing it held echoes again. */
  const handedCheckpoints: Partial<Record<CollectionName, Checkpoint>> = {};
  /** Per collection: whether a local write of a document waits, or is in a push RxDB has not had the answer to. */
  const waitingToBeSent = {} as Record<CollectionName, (id: string) => boolean>;
  const replications: Partial<Record<CollectionName, RxReplicationState<WireDocument, Checkpoint>>> = {};
  const subscriptions: { unsubscribe(): void }[] = [];
  const activeCollections = new Set<CollectionName>();

  // Retries, and pushes that met a 401, wait here for the next reSync() (the member signed in
  // again, the network came back, "Sync now") or for their back-off, whichever is first: RxDB's
  // own retry waits a fixed time, even after the member had signed in or the network came back.
  const retryTimeMs = options.retryTimeMs ?? 2000;
  const backoff: BackoffOptions = { baseMs: retryTimeMs, maxMs: options.maxRetryTimeMs ?? retryTimeMs * 15 };
  const waker = new Waker();
  let stopped = false;
  const wakeUp = () => waker.wake();
  const pushOnceSignedIn = async (push: () => Promise<PushResponse>): Promise<PushResponse> => {
    try {
      return await push();
    } catch (error) {
      if (!(error instanceof HttpError && error.status === 401)) throw error;
      await waker.wait(Math.max(retryTimeMs, SIGN_IN_WAIT_MS));
      return push();
    }
  };

  /** Waits (bounded) until no document the rows refer to waits in this phone's outboxes. */
  const referencesSent = async (name: CollectionName, rows: readonly PushRow[]): Promise<void> => {
    const references = rows.flatMap((row) => writeReferences(name, row.newDocumentState));
    if (references.length === 0) return;
    const waiting = () => references.some((reference) => outboxes[reference.collection]?.has(reference.id) === true);
    const deadline = Date.now() + timeoutMs;
    while (waiting() && Date.now() < deadline && !stopped) await new Promise((resolve) => setTimeout(resolve, REFERENCE_POLL_MS));
  };

  /**
   * Whether a document this phone holds and has not had accepted yet is one `doc` refers to: the
   * server's `unknown-reference` for `doc` may then pass once that one is sent. A listing in an
   * outbox without the document on the phone (its write never landed) does not count.
   */
  const waitsForReference = async (name: CollectionName, doc: WireDocument): Promise<boolean> => {
    for (const reference of writeReferences(name, doc)) {
      if (outboxes[reference.collection]?.has(reference.id) !== true) continue;
      const held = await db[reference.collection].storageInstance.findDocumentsById([reference.id], false);
      if (held.length > 0) return true;
    }
    return false;
  };

  for (const name of collections) {
    const outbox = outboxes[name]!;
    streams[name] = new Subject();
    echoes[name] = new HeldEchoes();
    /** Documents in a push RxDB has not been answered for yet: a pulled state of theirs is skipped like one over a waiting write. */
    const pushing = new Set<string>();
    waitingToBeSent[name] = (id) => outbox.has(id) || pushing.has(id);
    const collection = db[name] as unknown as RxCollection<WireDocument>;
    const unanswered = unansweredPushesOf(db, name);
    /**
     * Sends rows. Every row says the schema version its document was written under (the phone's
     * collection migrates what it holds, so that is the collection's version), whichever path
     * built it: the server takes a row without one for an older build's and throws away its field
     * stamps, stamping each changed field with the document's `updatedAt` instead. A merge pushed
     * after a lost answer went so once, and another phone's edit then lost to an older value
     * stamped later, or a revision was written again with nothing changed (the link-fault
     * campaign; tests/integration/sync-lost-one-sided-edit.test.ts).
     */
    const post = async (unversioned: PushRow[]): Promise<PushResponse> => {
      const rows = unversioned.map((row) => ({ ...row, schemaVersion: collection.schema.version }));
      const { body, headers } = await encodeJsonBody(JSON.stringify(rows), gzipPush.allowed);
      try {
        return await requestJson<PushResponse>(fetchImpl, `${api}/${name}/push`, { method: 'POST', headers, body }, timeoutMs);
      } catch (error) {
        // A server (or a proxy before it) that does not take gzip'd bodies: send this one and the rest plain.
        if (!(error instanceof HttpError && error.status === 415 && 'content-encoding' in headers)) throw error;
        gzipPush.allowed = false;
        return requestJson<PushResponse>(fetchImpl, `${api}/${name}/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rows) }, timeoutMs);
      }
    };
    /**
     * Pushes rows, keeping count of what is sent without an answer: a conflict of a document
     * this phone pushed before without hearing back is merged by the conflict handler against
     * those states (unanswered-pushes.ts), through RxDB's own conflict path, so RxDB's record of
     * the server's state stays what the server said. (Merged and pushed again here, the merge
     * once went without its schema version, and RxDB recorded the unmerged state as the
     * server's: the link-fault campaign, seeds 1511989267 and 969650242.)
     */
    const pushRows = async (rows: PushRow[]): Promise<PushResponse> => {
      const sent = rows.map((row) => row.newDocumentState);
      const before = new Map(sent.map((doc) => [doc.id, unanswered.of(doc.id)]));
      unanswered.sending(sent);
      const answer = await post(rows);
      unanswered.answered(sent, before, new Set(answer.conflicts.map((doc) => doc.id)));
      return answer;
    };
    const pulls = new PagedPull(async (checkpoint, limit, signal) => {
      const params = new URLSearchParams({ limit: String(limit) });
      if (pullPagesPerRequest > 1) params.set('pages', String(pullPagesPerRequest));
      if (checkpoint) params.set('checkpoint', checkpoint);
      const url = `${api}/${name}/pull?${params}`;
      const response = await fetchImpl(url, { credentials: 'same-origin', cache: 'no-store', signal });
      if (!response.ok) throw await httpErrorOf(response, url);
      return response;
    }, timeoutMs, storedFromChanges(collection.storageInstance.changeStream(), PAGE_STORED_WAIT_MS));
    pagedPulls.push(pulls);
    const replicationIdentifier = replicationIdentifierOf(name, options.baseUrl);
    /**
     * The rows that carry a change made on this phone. RxDB's upstream offers every document whose
     * stored copy differs from its record of the server's state; but the pull writes a document and
     * that record in two separate writes, so a document pulled just before a reload (or while the
     * upstream re-reads everything after a RESYNC) would be offered as if the phone had written it:
     * a member would "write" other municipalities' needs and be refused. A row is left out when the
     * stored revision is the one the pull wrote (pulled-marks.ts), or when it says what the server
     * already holds; RxDB then records it as the server's state, which it is.
     */
    const ownChanges = async (rows: readonly PushRow[]): Promise<PushRow[]> => {
      const stored = await collection.storageInstance.findDocumentsById(
        rows.map((row) => row.newDocumentState.id),
        true,
      );
      const pulledAsIs = new Set(stored.filter(isPulledAsIs).map((doc) => doc.id));
      return rows.filter(
        (row) =>
          !pulledAsIs.has(row.newDocumentState.id) &&
          !(row.assumedMasterState && sameContent(row.assumedMasterState, row.newDocumentState)),
      );
    };
    const retryOptions = {
      backoff,
      wait: (ms: number) => waker.wait(ms),
      stopped: () => stopped || replications[name]?.isStoppedOrPaused() === true,
      onError: (error: unknown) => failed(name, error),
    };
    // A pull that started over for a restored store: offer again what the store lost (store-restart.ts).
    const restart = new StoreRestart({
      name,
      collection,
      push: (rows) => pushOnceSignedIn(() => post(rows)),
      pending: (id) => outbox.has(id),
      ...retryOptions,
    });
    restarts.push(restart);
    const replication = replicateRxCollection<WireDocument, Checkpoint>({
      collection: collection as never,
      replicationIdentifier,
      live: true,
      // Only for RxDB's own failures: the handlers retry by themselves (sync-retry.ts).
      retryTime: retryTimeMs,
      waitForLeadership: false,
      pull: {
        batchSize: pullBatchSize,
        stream$: streams[name].asObservable(),
        // RxDB asks again with the same checkpoint until one answer comes: a cut costs one batch at
        // most. The batches after it are already streaming in (pull-pages.ts).
        handler: async (checkpoint, batchSize) => {
          const body = await retrying(() => pulls.next(checkpoint?.seq ?? '', batchSize), retryOptions);
          // Stopped while retrying: RxDB ends the pull on an empty answer.
          if (!body) return { documents: [], checkpoint: checkpoint ?? { seq: '' } };
          const restarted = await retrying(() => restart.page(body), retryOptions);
          if (!restarted) return { documents: [], checkpoint: checkpoint ?? { seq: '' } };
          echoes[name].observe(restarted, waitingToBeSent[name]);
          const documents = [...(await newerThanHeld(name, restarted)), ...(await settledEchoes(name, restarted, true))];
          for (const doc of documents) observeServerTime(doc);
          handedCheckpoints[name] = body.checkpoint;
          await clock.save();
          const progress = recordPullBatch(status.value.progress ?? {}, name, body.documents.length, body.remaining ?? 0);
          succeeded(name, { progress, catchUp: catchUpOf(progress, pullBatchSize) });
          return { documents: documents as WithDeleted<WireDocument>[], checkpoint: body.checkpoint };
        },
      },
      push: {
        batchSize: options.pushBatchSize ?? SYNC_LIMITS.maxPushRows,
        handler: async (candidates) => {
          const ids = candidates.map((row) => row.newDocumentState.id);
          for (const id of ids) pushing.add(id);
          try {
            return (await retrying(() => pushCandidates(candidates), { ...retryOptions, wait: (ms) => backOffHearing(name, ms) })) ?? [];
          } finally {
            for (const id of ids) pushing.delete(id);
            handBackEchoes(name, ids);
          }
        },
      },
    });
    /**
     * Pushes what of `candidates` this phone changed; returns the conflicts for RxDB to resolve.
     * Rows refused only because a document they refer to has not reached the server yet are
     * pushed again after it (see the header). RxDB is told about the batch only once no row waits
     * so: a reload meanwhile pushes the whole batch again (a repeated write is taken as done).
     */
    async function pushCandidates(candidates: PushRow[]): Promise<WithDeleted<WireDocument>[]> {
      let rows = await ownChanges(candidates);
      const conflicts: WireDocument[] = [];
      while (rows.length > 0) {
        await referencesSent(name, rows);
        // Stopped while the rows waited: throwing tells RxDB nothing was written (sync-retry.ts ends the retries).
        if (retryOptions.stopped()) throw new Error(`the sync of ${name} stopped`);
        const answer = await pushOnce(rows);
        succeeded(name);
        conflicts.push(...answer.conflicts);
        rows = answer.waiting;
      }
      return conflicts as WithDeleted<WireDocument>[];
    }
    /**
     * One push of rows and its bookkeeping; returns the conflicts, and the rows refused as
     * `unknown-reference` while a document they refer to still waits on this phone (not recorded
     * as refused, still counted as waiting).
     */
    async function pushOnce(rows: readonly PushRow[]): Promise<{ conflicts: WireDocument[]; waiting: PushRow[] }> {
      const sent: PushRow[] = rows.map((row) => {
        const previouslyRefused = refused.find(name, row.newDocumentState.id);
        // A retry of a refused write is based on what the server still holds, not on the refused state.
        return previouslyRefused
          ? { assumedMasterState: previouslyRefused.serverState ?? undefined, newDocumentState: row.newDocumentState }
          : { assumedMasterState: row.assumedMasterState, newDocumentState: row.newDocumentState };
      });
      const body = await pushOnceSignedIn(() => pushRows(sent));
      const refusedIds = new Set(body.refused.map((item) => item.id));
      const conflictIds = new Set(body.conflicts.map((doc) => doc.id));
      const waitingIds = new Set<string>();
      for (const item of body.refused) {
        const row = rows.find((candidate) => candidate.newDocumentState.id === item.id);
        if (item.code === 'unknown-reference' && row && (await waitsForReference(name, row.newDocumentState))) waitingIds.add(item.id);
      }
      const now = Date.now();
      const newlyRefused: RefusedItem[] = body.refused.filter((item) => !waitingIds.has(item.id)).map((item) => {
        const row = sent.find((candidate) => candidate.newDocumentState.id === item.id);
        return {
          ...item,
          collection: name,
          document: row?.newDocumentState ?? { id: item.id },
          serverState: row?.assumedMasterState ?? null,
          refusedAt: now,
        };
      });
      await refused.record(newlyRefused);
      const accepted = sent.filter((row) => !refusedIds.has(row.newDocumentState.id) && !conflictIds.has(row.newDocumentState.id));
      await refused.forget(name, accepted.map((row) => row.newDocumentState.id));
      // Written or refused, a row no longer waits (refused ones are listed apart); a conflict
      // waits while the merge RxDB is about to make keeps something of the phone's to push (the
      // same merge as the conflict handler's, database.ts), else it is settled if the server
      // already holds something newer (see outbox.ts); a row whose reference is still on its way waits.
      const mergeKeepsOurs = (master: WireDocument): boolean => {
        const row = sent.find((candidate) => candidate.newDocumentState.id === master.id);
        if (!row || isAppendOnly(name)) return false;
        const base = rebaseOnUnanswered(row.assumedMasterState, master, unanswered.of(master.id));
        return !sameContent(mergeFor(name)(base, master, row.newDocumentState), master);
      };
      await outbox.settle([
        ...sent
          .filter((row) => !conflictIds.has(row.newDocumentState.id) && !waitingIds.has(row.newDocumentState.id))
          .map((row) => ({ id: row.newDocumentState.id, updatedAt: row.newDocumentState.updatedAt ?? 0 })),
        ...body.conflicts.filter((doc) => !mergeKeepsOurs(doc)).map((doc) => ({ id: doc.id, updatedAt: doc.updatedAt ?? 0 })),
      ]);
      for (const doc of body.conflicts) observeServerTime(doc);
      return { conflicts: body.conflicts, waiting: rows.filter((row) => waitingIds.has(row.newDocumentState.id)) };
    }
    replications[name] = replication;
    subscriptions.push(
      replication.error$.subscribe((error) => failed(name, error)),
      replication.active$.subscribe((isActive) => {
        activeCollections[isActive ? 'add' : 'delete'](name);
        patchStatus({ active: activeCollections.size > 0 });
      }),
      outbox.size$.subscribe((size) =>
        patchCollection(name, { pending: size }, { pending: collections.reduce((sum, other) => sum + (outboxes[other]?.size ?? 0), 0) }),
      ),
    );
  }

  /**
   * A failed push's back-off, during which the collection still hears from the server. RxDB 17.6
   * (replication-protocol/downstream.js) holds every stream event and RESYNC of a collection while
   * its upstream is active, and a push retried inside the push handler keeps the upstream active:
   * a push that kept failing (an uplink that drops every request, a batch that always outlasts the
   * timeout) left the phone deaf to that collection for as long, even with the pull link and the
   * stream working (tests/integration/sync-pull-while-push-fails.test.ts). Nothing is on the wire
   * while the push waits, so the wait tells RxDB the upstream is idle, again after each slice since
   * every write the downstream makes marks it active, and active again before the next try.
   * A pulled state of a document whose push waits is left for the push to settle, as RxDB leaves
   * any pulled state over a local write it has not pushed yet.
   */
  async function backOffHearing(name: CollectionName, ms: number): Promise<void> {
    const upstreamActive = replications[name]?.internalReplicationState?.events.active.up;
    let waited = false;
    const backOff = waker.wait(ms).then(() => {
      waited = true;
    });
    while (!waited) {
      if (upstreamActive?.getValue() === true) upstreamActive.next(false);
      await Promise.race([backOff, new Promise((resolve) => setTimeout(resolve, HEARING_SLICE_MS))]);
    }
    if (!stopped) upstreamActive?.next(true);
  }

  /** Per collection, the last stream item being handed to RxDB. */
  const streamItems = new Map<CollectionName, Promise<unknown>>();
  /** Hands a stream item (an event's documents are first read against the phone's copies) to RxDB after the ones before it. */
  function inOrder(name: CollectionName, task: () => unknown): void {
    const next = (streamItems.get(name) ?? Promise.resolve()).then(task);
    streamItems.set(name, next.catch((error: unknown) => patchStatus(describe(error))));
  }

  /**
   * Server states as RxDB must get them: one older than the phone's copy (domain/field-stamps.ts
   * `isOlderState`: read before the phone's own later push was answered) is replaced by that copy,
   * which RxDB then takes as "already the same" instead of going back to the older state. Only
   * where field stamps tell; the batch keeps its length (RxDB reads a short pull batch as the end).
   */
  async function newerThanHeld(name: CollectionName, documents: WireDocument[]): Promise<WireDocument[]> {
    if (!hasFieldStamps(name) || documents.length === 0) return documents;
    const held = new Map(
      (await db[name].storageInstance.findDocumentsById(documents.map((doc) => doc.id), true)).map((doc) => [doc.id, doc as unknown as WireDocument]),
    );
    return documents.map((doc) => {
      const mine = held.get(doc.id);
      return mine && isOlderState(doc, mine) ? withoutRxdbFields(mine) : doc;
    });
  }

  /**
   * Once RxDB has the answer to a push of `settled`, hands it again the server states held while
   * their writes waited (held-echoes.ts), after the stream items before them and with the last
   * checkpoint handed, so nothing is skipped and nothing pulled again. RxDB takes them once it has
   * recorded the push (it holds stream items while the upstream is busy); a document written again
   * meanwhile, or whose merge still waits to be pushed, is left to its own push.
   */
  function handBackEchoes(name: CollectionName, settled: readonly string[]): void {
    echoes[name].settle(settled.filter((id) => !waitingToBeSent[name](id)));
    if (echoes[name].readyIds().length === 0) return;
    inOrder(name, async () => {
      const checkpoint = handedCheckpoints[name];
      if (!checkpoint) return;
      const documents = await settledEchoes(name, [], false);
      if (documents.length > 0) streams[name].next({ documents: documents as WithDeleted<WireDocument>[], checkpoint });
    });
  }

  /**
   * The held echoes of settled writes (held-echoes.ts) to hand RxDB, leaving out documents in
   * `batch`. A stream item may be dropped by RxDB when a pull starts after it (downstream.js), so
   * they are kept for the next pull answer too, which `consume`s them.
   */
  async function settledEchoes(name: CollectionName, batch: readonly WireDocument[], consume: boolean): Promise<WireDocument[]> {
    const ready = echoes[name].readyIds();
    // The common case on every pull batch: nothing held, nothing to look up.
    if (ready.length === 0) return [];
    const inBatch = new Set(batch.map((doc) => doc.id));
    const ids = ready.filter((id) => !inBatch.has(id));
    if (ids.length === 0) return [];
    const stored = await db[name].storageInstance.findDocumentsById(ids, true);
    const mine = new Map(stored.map((doc) => [doc.id, withoutRxdbFields(doc as unknown as WireDocument)]));
    return echoes[name].ready(ids, mine, consume);
  }

  function observeServerTime(doc: WireDocument): void {
    clock.observe((doc.meta as { serverUpdatedAt?: number } | undefined)?.serverUpdatedAt);
  }

  subscriptions.push(store.backgroundErrors.subscribe((error) => patchStatus(describe(error))));

  const stream = openSyncStream(
    { url: `${api}/stream`, fetch: fetchImpl, minDelayMs: options.streamMinDelayMs },
    {
      onConnected() {
        patchStatus({ connected: true });
        for (const name of collections) inOrder(name, () => requestResync(streams[name]));
      },
      onDisconnected(error) {
        patchStatus({ connected: false, ...describe(error) });
      },
      onEvent(event: StreamEvent) {
        if (!collections.includes(event.collection as CollectionName)) return;
        const name = event.collection as CollectionName;
        inOrder(name, async () => {
          if ('resync' in event) return requestResync(streams[name]);
          for (const doc of event.documents) observeServerTime(doc);
          echoes[name].observe(event.documents, waitingToBeSent[name]);
          const documents = await newerThanHeld(name, event.documents);
          handedCheckpoints[name] = event.checkpoint;
          streams[name].next({ documents: documents as WithDeleted<WireDocument>[], checkpoint: event.checkpoint });
        });
      },
    },
  );

  return {
    status$: status.asObservable(),
    refused,
    outboxes,
    replications,
    async awaitInSync() {
      await Promise.all(Object.values(replications).map((replication) => replication.awaitInSync()));
      // Documents a restored store lost are offered again in the background once its pull ended.
      await Promise.all(restarts.map((restart) => restart.settled()));
    },
    reSync() {
      wakeUp();
      stream.reconnectNow();
      for (const name of collections) inOrder(name, () => requestResync(streams[name]));
    },
    async stop() {
      stopped = true;
      wakeUp();
      stream.close();
      for (const pulls of pagedPulls) pulls.stop();
      for (const subscription of subscriptions) subscription.unsubscribe();
      await Promise.all(Object.values(replications).map((replication) => replication.cancel()));
      await clock.save();
    },
  };
}

/** A stored document as the wire has it: without RxDB's own fields, with its deletion flag. */
function withoutRxdbFields(stored: WireDocument): WireDocument {
  const { _meta: _m, _rev: _r, _attachments: _a, ...doc } = stored as Record<string, unknown>;
  return { ...doc, _deleted: stored._deleted === true } as WireDocument;
}

/**
 * Asks RxDB to pull again. Sent twice on purpose: RxDB's downstream (rxdb 17.6,
 * replication-protocol/downstream.js) takes the waiting tasks in one batch and, when a RESYNC
 * follows a stream event in that batch, takes it out of the queue and drops it; later stream events
 * then carry the checkpoint past whatever the lost RESYNC would have pulled (a change sent while the
 * stream was down is skipped for good). The second RESYNC stays queued and runs next; a RESYNC
 * that finds another already waiting, or a pull started after it, costs nothing more.
 */
function requestResync(subject: Subject<RxReplicationPullStreamItem<WireDocument, Checkpoint>>): void {
  subject.next('RESYNC');
  subject.next('RESYNC');
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { parameters?: { errors?: unknown[] } }).parameters?.errors?.[0];
    return cause instanceof Error ? cause.message : error.message;
  }
  return String(error);
}
