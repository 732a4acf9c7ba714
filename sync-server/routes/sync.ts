/** The sync endpoints: pull and push per collection, and the one live stream for all collections. */
import express, { Router, type Request, type Response } from 'express';
import { isCollectionName, type CollectionName } from '../../domain/collections';
import type { PushRow } from '../../domain/sync-protocol';
import { SYNC_LIMITS } from '../../domain/sync-protocol';
import { ApiError } from '../errors';
import type { Couch } from '../store/couch';
import type { ChangesHub } from '../sync/changes-hub';
import { pullChanges } from '../sync/pull';
import { pushDocuments } from '../sync/push';

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

function readCheckpoint(raw: unknown): string {
  if (raw === undefined || raw === '') return '0';
  if (typeof raw !== 'string' || raw.length > 1000 || /[\s"]/.test(raw)) {
    throw new ApiError(400, 'invalid-checkpoint', 'checkpoint must be a sequence previously returned by this server');
  }
  return raw;
}

/** Checks that a body is a push (`[{ assumedMasterState?, newDocumentState: { id } }]`). */
function readPushRows(body: unknown): PushRow[] {
  if (!Array.isArray(body)) throw new ApiError(400, 'invalid-request', 'A push body is a JSON array of rows');
  if (body.length > SYNC_LIMITS.maxPushRows) {
    throw new ApiError(413, 'payload-too-large', `A push carries at most ${SYNC_LIMITS.maxPushRows} rows`);
  }
  const ids = new Set<string>();
  body.forEach((row: unknown, index) => {
    const state = (row as { newDocumentState?: { id?: unknown } } | null)?.newDocumentState;
    const assumed = (row as { assumedMasterState?: unknown }).assumedMasterState;
    if (typeof state !== 'object' || state === null || typeof state.id !== 'string' || state.id === '') {
      throw new ApiError(400, 'invalid-request', `Row ${index} has no newDocumentState with a string id`);
    }
    if (assumed !== undefined && assumed !== null && (typeof assumed !== 'object' || (assumed as { id?: unknown }).id !== state.id)) {
      throw new ApiError(400, 'invalid-request', `Row ${index}: assumedMasterState must be the same document`);
    }
    if (ids.has(state.id)) throw new ApiError(400, 'invalid-request', `Row ${index}: document ${state.id} appears twice`);
    ids.add(state.id);
  });
  return (body as PushRow[]).map((row) => ({ ...row, assumedMasterState: row.assumedMasterState ?? undefined }));
}

function openEventStream(req: Request, res: Response, hub: ChangesHub): void {
  res.status(200).set({
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  res.write('retry: 5000\n: connected\n\n');
  const unsubscribe = hub.subscribe((event) => {
    res.write(`event: change\ndata: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), SYNC_LIMITS.heartbeatMs);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

export function syncRoutes(couch: Couch, hub: ChangesHub): Router {
  const router = Router();
  router.get('/stream', (req, res) => openEventStream(req, res, hub));
  router.get('/:collection/pull', async (req, res) => {
    const collection = collectionOf(req);
    const limit = readLimit(req.query.limit);
    const since = readCheckpoint(req.query.checkpoint);
    res.json(await pullChanges(couch, collection, since, limit));
  });
  router.post('/:collection/push', express.json({ limit: SYNC_LIMITS.maxBodyBytes }), async (req, res) => {
    const collection = collectionOf(req);
    const rows = readPushRows(req.body);
    // Until accounts exist nobody is a member: no attribution and no moderator privileges (default deny).
    res.json(await pushDocuments(couch, collection, rows, { memberId: null, role: 'official' }));
  });
  return router;
}
