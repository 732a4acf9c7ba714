/**
 * The sync endpoints (DESIGN.md "Sync", "Auth and rules"): pull and push per collection, and the one
 * live stream for all collections. Every route works for the signed-in member on
 * `res.locals.actor` (sessionMiddleware, read from the store on each request), default deny:
 * - anonymous → 401 not-signed-in, on every route (after the Origin check of push);
 * - GET /:collection/pull and GET /stream: a removed member → 403 removed-member (their phone
 *   keeps its checkpoints rather than skip what it could not read); everyone else gets only what
 *   `mayRead` allows them (sync/pull.ts, sync/stream.ts); an open stream whose session is revoked
 *   or expires ends within STREAM_SESSION_CHECK_MS;
 * - POST /:collection/push: a request from another site → 403 bad-origin (checked first);
 *   each row is judged by `checkWrite` and refused rows are listed with the rule's code, the rest
 *   written with the actor as author (sync/push.ts).
 * Then 404 unknown-collection, 400 for a malformed request.
 */
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { isCollectionName, type CollectionName } from '../../domain/collections';
import { WRITE_REFUSAL_MESSAGES, type Actor } from '../../domain/permissions';
import type { PushRow } from '../../domain/sync-protocol';
import { SYNC_LIMITS } from '../../domain/sync-protocol';
import { requireSameOrigin } from '../auth/origin';
import { SessionStore } from '../auth/accounts';
import { requireSignedIn, signedIn } from '../auth/session';
import type { Config } from '../config';
import { ApiError } from '../errors';
import type { Logger } from '../logger';
import type { Couch } from '../store/couch';
import type { ChangesHub } from '../sync/changes-hub';
import { pullChanges, pullPages, sendPages } from '../sync/pull';
import { pushDocuments } from '../sync/push';
import { StreamSubscriber } from '../sync/stream';

/** The signed-in member a route works for (401 not-signed-in without one). */
function actorOf(res: Response): Actor {
  return requireSignedIn(res).actor;
}

/** A reader: signed in (401) and not removed (403 removed-member). */
const reader: RequestHandler = (_req, res, next) => {
  if (actorOf(res).memberStatus === 'removed') throw new ApiError(403, 'removed-member', WRITE_REFUSAL_MESSAGES['removed-member']);
  next();
};

function collectionOf(req: Request): CollectionName {
  const name = String(req.params.collection);
  if (!isCollectionName(name)) throw new ApiError(404, 'unknown-collection', `There is no collection "${name}"`);
  return name;
}

function readLimit(raw: unknown): number {
  if (raw === undefined) return SYNC_LIMITS.defaultPullLimit;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > SYNC_LIMITS.maxPullLimit) {
    throw new ApiError(400, 'invalid-request', `limit must be an integer from 1 to ${SYNC_LIMITS.maxPullLimit}`);
  }
  return limit;
}

/** Longer than any checkpoint this server hands out (CouchDB 3's sequences grow with the shard count). */
const MAX_CHECKPOINT_LENGTH = 8192;

/**
 * The checkpoint as sent. Anything that cannot be one (a repeated parameter, an object, junk, a
 * huge string) reads as "from the beginning" rather than a 400 that a phone would retry forever;
 * sync/feed-guard.ts decides whether a well-formed one can be continued from.
 */
/** `pages`: how many pages one pull answer may stream (1, a plain page, when absent). */
function readPages(raw: unknown): number {
  if (raw === undefined) return 1;
  const pages = Number(raw);
  if (!Number.isInteger(pages) || pages < 1 || pages > SYNC_LIMITS.maxPullPages) {
    throw new ApiError(400, 'invalid-request', `pages must be an integer from 1 to ${SYNC_LIMITS.maxPullPages}`);
  }
  return pages;
}

function readCheckpoint(raw: unknown): string {
  return typeof raw === 'string' && raw.length <= MAX_CHECKPOINT_LENGTH ? raw : '';
}

/** Checks that a body is a push (`[{ assumedMasterState?, newDocumentState: { id } }]`). */
function readPushRows(body: unknown): PushRow[] {
  if (!Array.isArray(body)) throw new ApiError(400, 'invalid-request', 'A push body is a JSON array of rows');
  if (body.length > SYNC_LIMITS.maxPushRows) {
    throw new ApiError(413, 'payload-too-large', `A push carries at most ${SYNC_LIMITS.maxPushRows} rows`);
  }
  const ids = new Set<string>();
  body.forEach((row: unknown, index) => {
    // A row that is not an object (`null`, a number, an array) is no row: read nothing from it.
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new ApiError(400, 'invalid-request', `Row ${index} is not an object`);
    const state = (row as { newDocumentState?: { id?: unknown } }).newDocumentState;
    const assumed = (row as { assumedMasterState?: unknown }).assumedMasterState;
    if (typeof state !== 'object' || state === null || Array.isArray(state) || typeof state.id !== 'string' || state.id === '') {
      throw new ApiError(400, 'invalid-request', `Row ${index} has no newDocumentState with a string id`);
    }
    if (assumed !== undefined && assumed !== null && (typeof assumed !== 'object' || Array.isArray(assumed) || (assumed as { id?: unknown }).id !== state.id)) {
      throw new ApiError(400, 'invalid-request', `Row ${index}: assumedMasterState must be the same document`);
    }
    if (ids.has(state.id)) throw new ApiError(400, 'invalid-request', `Row ${index}: document ${state.id} appears twice`);
    ids.add(state.id);
  });
  return (body as PushRow[]).map((row) => ({ ...row, assumedMasterState: row.assumedMasterState ?? undefined }));
}

/** Open streams' sessions in one read at most, SESSION_CHECK_CHUNK ids a request. */
const SESSION_CHECK_CHUNK = 500;

/**
 * The sessions of the open streams, checked together every `everyMs` (one read for up to
 * SESSION_CHECK_CHUNK streams, rather than a read per stream): a stream whose session is revoked
 * or expired is closed within `everyMs` (plus the read). A failed read is logged and tried again
 * at the next check; the streams stay open meanwhile.
 */
class StreamSessionChecks {
  private readonly watched = new Map<symbol, { sessionId: string; close: () => void }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly sessions: SessionStore,
    private readonly everyMs: number,
    private readonly logger: Logger,
  ) {}

  /** Closes the stream (`close`) once `sessionId` no longer holds; the returned function stops watching. */
  watch(sessionId: string, close: () => void): () => void {
    const key = Symbol(sessionId);
    this.watched.set(key, { sessionId, close });
    this.timer ??= setInterval(() => void this.check(), this.everyMs);
    return () => {
      this.watched.delete(key);
      if (this.watched.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  private async check(): Promise<void> {
    const streams = [...this.watched.values()];
    const ids = [...new Set(streams.map((stream) => stream.sessionId))];
    const valid = new Set<string>();
    try {
      for (let first = 0; first < ids.length; first += SESSION_CHECK_CHUNK) {
        for (const id of await this.sessions.validAmong(ids.slice(first, first + SESSION_CHECK_CHUNK), Date.now())) valid.add(id);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not check the live streams’ sessions; checking again later');
      return;
    }
    for (const stream of streams) if (!valid.has(stream.sessionId)) stream.close();
  }
}

function openEventStream(req: Request, res: Response, hub: ChangesHub, couch: Couch, logger: Logger, sessionChecks: StreamSessionChecks): void {
  const { session } = requireSignedIn(res);
  res.status(200).set({
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  res.write('retry: 5000\n: connected\n\n');
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), SYNC_LIMITS.heartbeatMs);
  const subscriber = new StreamSubscriber(
    actorOf(res),
    couch,
    {
      // One frame, one write to the socket.
      send: (frame) => res.write(frame),
      end: () => {
        clearInterval(heartbeat);
        unwatch();
        unsubscribe();
        res.end();
      },
    },
    logger,
  );
  const unsubscribe = hub.subscribe(subscriber.receive);
  // A session revoked elsewhere (sign-out, a password change after a phone was lost) must not keep
  // its stream: the client reconnects, gets 401 and asks the member to sign in again.
  const unwatch = sessionChecks.watch(session._id, () => subscriber.close());
  req.on('close', () => subscriber.close());
}

export function syncRoutes(couch: Couch, hub: ChangesHub, logger: Logger, config: Pick<Config, 'streamSessionCheckMs'>): Router {
  const sessionChecks = new StreamSessionChecks(new SessionStore(couch), config.streamSessionCheckMs, logger);
  const router = Router();
  // Another site's request is refused before anything else, as on every state-changing route (GETs pass).
  router.use(requireSameOrigin, signedIn);
  router.get('/stream', reader, (req, res) => openEventStream(req, res, hub, couch, logger, sessionChecks));
  router.get('/:collection/pull', reader, async (req, res) => {
    const collection = collectionOf(req);
    const limit = readLimit(req.query.limit);
    const checkpoint = readCheckpoint(req.query.checkpoint);
    const pages = readPages(req.query.pages);
    if (pages === 1) res.json(await pullChanges(couch, collection, checkpoint, limit, actorOf(res)));
    else {
      const onError = (error: unknown) => logger.warn({ err: error, collection }, 'a streamed pull stopped before its end');
      await sendPages(req, res, pullPages(couch, collection, checkpoint, limit, actorOf(res), pages), onError);
    }
  });
  router.post('/:collection/push', express.json({ limit: SYNC_LIMITS.maxBodyBytes }), async (req, res) => {
    const collection = collectionOf(req);
    const rows = readPushRows(req.body);
    res.json(await pushDocuments(couch, collection, rows, actorOf(res)));
  });
  return router;
}
