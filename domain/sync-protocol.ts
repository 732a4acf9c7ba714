/** The wire format of the sync endpoints (DESIGN.md "Sync"), shared by the server and the app. */
import type { FieldError } from './validation';
import type { WireDocument } from './documents';
import type { WriteRefusal } from './permissions';

/**
 * Where a client is in a collection's feed; `seq` is opaque to the client (CouchDB's `_changes`
 * sequence with the reader's rights, the store database's identity and the last change read, so the
 * server can tell when it must start over: sync-server/sync/checkpoints.ts).
 */
export type Checkpoint = { seq: string };

/**
 * A pull answer: one page, or with `pages=N` (N > 1) a JSON array of up to N pages, one per line,
 * each with the checkpoint to continue from; a streamed answer that fails after its first page
 * ends with a `PullStreamError` element instead of a page.
 */
export type PullResponse<T = WireDocument> = {
  documents: T[];
  checkpoint: Checkpoint;
  /** Estimate of the documents still to come for this reader (progress bars): 0 at the end, an upper bound when rules filter documents out. */
  remaining: number;
  /**
   * On the first page of a pull that started over from the beginning because the store no longer
   * holds the feed the checkpoint came from (restored from an older backup, recreated), not because
   * the reader's rights changed: the store may have lost writes it had confirmed. The phone then
   * offers again, as the reader's own writes, its documents the store lacks or holds at an older
   * state (judged as usual: what it may not write is refused and simply downloaded again), and
   * keeps its newer copy rather than take the older one.
   */
  startedOver?: true;
};

/** The last element of a streamed pull that stopped early: the pages before it are good, continue from the last one's checkpoint. */
export type PullStreamError = { error: { code: ErrorCode; message: string } };

export type PushRow<T = WireDocument> = {
  assumedMasterState?: T;
  newDocumentState: T;
  /**
   * The schema version both states were written under, when the client says it: the server migrates
   * them from it (domain/migrations.ts). Without it, any version of the rollout window is accepted.
   */
  schemaVersion?: number;
};

/** Why the server refused one document of a push (its schema, or a rule of domain/permissions.ts); the rest of the batch is written. */
export type RefusalCode = 'invalid-document' | WriteRefusal;

export type RefusedWrite = { id: string; code: RefusalCode; message: string; details?: FieldError[] };

export type PushResponse<T = WireDocument> = { conflicts: T[]; refused: RefusedWrite[] };

/** One event of the live stream: a collection's new documents, or a request to pull again. */
export type StreamEvent<T = WireDocument> =
  | { collection: string; documents: T[]; checkpoint: Checkpoint }
  | { collection: string; resync: true };

/** Stable codes of the server's error responses `{ error: { code, message, details } }`. */
export type ErrorCode =
  | 'not-found'
  | 'unknown-collection'
  | 'invalid-request'
  // Retired: a malformed checkpoint now reads as "from the beginning" (no phone can wedge on one).
  | 'invalid-checkpoint'
  | 'payload-too-large'
  | 'store-unavailable'
  | 'internal-error'
  // Accounts and sessions (/api/auth):
  | 'not-signed-in'
  | 'invalid-credentials'
  | 'wrong-password'
  | 'password-too-short'
  | 'password-too-long'
  | 'email-taken'
  | 'bad-origin'
  | 'too-many-attempts'
  // Moderation, invitations and members (/api/moderation, /api/invitations, /api/members):
  | 'already-decided'
  | 'invalid-invitation'
  // Photo bytes (/api/photos/:id):
  /** The photo's metadata document has not synced yet: push it, then upload again. */
  | 'photo-metadata-missing'
  | 'photo-too-large'
  /** The bytes, by their content, are not an allowed image type or not the type the metadata names. */
  | 'photo-type-not-allowed'
  /** Length or SHA-256 of the bytes differ from the metadata (an upload cut short, or corrupted). */
  | 'photo-checksum-mismatch'
  /** No such photo, or one the reader may not see: the same answer for both. */
  | 'photo-not-found'
  /** The metadata is there but the bytes have not been uploaded yet ("photo on its way"). */
  | 'photo-bytes-missing'
  // A rule of domain/permissions.ts refused a server-side change (403), with the rule's own code:
  | WriteRefusal;

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

export const SYNC_LIMITS = {
  maxPullLimit: 500,
  defaultPullLimit: 100,
  /** Pages one pull request may carry (`pages=`), streamed as a JSON array of PullResponse: a first sync in one round trip. */
  maxPullPages: 200,
  maxPushRows: 200,
  maxBodyBytes: 2 * 1024 * 1024,
  heartbeatMs: 25_000,
} as const;
