/**
 * `/api/photos/:id`: a photo's bytes (issue 10; DESIGN.md "Photo bytes"). The photo's metadata
 * document (domain/schemas/photo.ts) syncs through push and pull like any other; the phone pushes
 * it first, then uploads the bytes here, and readers fetch them here. The bytes never travel in
 * document sync. Both routes are for signed-in members only (401 not-signed-in) and answer errors
 * in the usual JSON shape; an id that is not one is 400 invalid-request.
 * - PUT /:id, body the raw image bytes, `Content-Type` one of PHOTO_MIME_TYPES → 201
 *   `{ id, size, sha256 }` when stored, 200 with the same body when the store already held exactly
 *   these bytes (a retried upload arrives once). Refusals, in the order they are checked:
 *   403 bad-origin (another site); 409 photo-metadata-missing (the metadata has not synced yet:
 *   the phone retries later); 403 with the rule's code unless `checkWrite` lets the member write
 *   that metadata, as the push did (so only members of the owner's municipality add bytes); 415
 *   photo-type-not-allowed for a declared type outside PHOTO_MIME_TYPES; 413 photo-too-large when
 *   the body (or the metadata's size) is over PHOTO_MAX_BYTES — reading stops there, nothing is
 *   buffered beyond the limit; 415 photo-type-not-allowed unless the type sniffed from the content
 *   is allowed and is the metadata's `mimeType` (a PNG sent as JPEG, a GIF, SVG, HTML or random
 *   bytes); 422 photo-checksum-mismatch unless length and SHA-256 are the metadata's (an upload cut
 *   short). Nothing is stored on any refusal.
 * - GET /:id → 200 with the bytes, `Content-Type` of the metadata, `ETag: "<sha256>"` and
 *   `X-Content-SHA256` (the phone checks the bytes against them), `nosniff`, `inline`; 304 for a
 *   matching `If-None-Match`. 403 removed-member; 404 photo-not-found for an unknown photo and for
 *   one the reader may not read (`mayRead` of the photo, i.e. of its owner document: the same rule
 *   as sync), the same answer for both; 404 photo-bytes-missing while the bytes are on their way.
 * `Cache-Control: no-store` as on all of /api: the phone keeps the bytes itself.
 */
import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { Router } from 'express';
import { fileTypeFromBuffer } from 'file-type';
import { MAX_PHOTO_BYTES, PHOTO_MIME_TYPES } from '../../domain/constants';
import { checkWrite, mayRead, WRITE_REFUSAL_MESSAGES, type Actor } from '../../domain/permissions';
import type { Photo } from '../../domain/schemas/photo';
import { requireSameOrigin } from '../auth/origin';
import { requireSignedIn, signedIn } from '../auth/session';
import type { Config } from '../config';
import { ApiError } from '../errors';
import type { Couch, StoredDocument } from '../store/couch';
import { photoAttachment, readPhotoBytes, readPhotoDocument, storePhotoBytes } from '../store/photo-bytes';
import { RelatedLookup } from '../sync/related';
import { toWire } from '../sync/wire';
import { checkIdParams } from './bodies';

/**
 * Bytes of a refused upload read and thrown away after the answer, so the phone gets its 4xx rather
 * than a connection reset mid-send; a client sending more than this has its connection cut.
 */
const DISCARD_LIMIT = 2 * MAX_PHOTO_BYTES;

const ALLOWED_TYPES: readonly string[] = PHOTO_MIME_TYPES;

/** The member a route works for: signed in (401) and not removed (403 removed-member). */
function actorOf(res: Response): Actor {
  const { actor } = requireSignedIn(res);
  if (actor.memberStatus === 'removed') throw new ApiError(403, 'removed-member', WRITE_REFUSAL_MESSAGES['removed-member']);
  return actor;
}

function photoOf(stored: StoredDocument): Photo {
  // Stored photo documents passed their schema when they were pushed.
  return toWire(stored) as unknown as Photo;
}

function tooLarge(limit: number, details: Record<string, number>): ApiError {
  return new ApiError(413, 'photo-too-large', `A photo may have at most ${limit} bytes`, { limit, ...details });
}

function typeNotAllowed(message: string, details: Record<string, unknown>): ApiError {
  return new ApiError(415, 'photo-type-not-allowed', message, { allowed: PHOTO_MIME_TYPES, ...details });
}

/** The media type of a Content-Type header, without parameters, lower case. */
function mediaType(header: string | undefined): string | null {
  return header?.split(';')[0]?.trim().toLowerCase() || null;
}

/** Reads what is left of a refused upload into nothing, up to DISCARD_LIMIT; more cuts the connection. */
function discardRest(req: Request): void {
  if (req.readableEnded || req.destroyed) return;
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT) req.socket.destroy();
  });
  req.resume();
}

/**
 * The request body, at most `limit` bytes: 413 as soon as more arrives (or is announced). A
 * connection that breaks mid-body is 422 photo-checksum-mismatch (nobody reads that answer); a body
 * that ends short of what was sent (a proxy passing on a cut upload) reads as what arrived, which
 * the checksum then refuses.
 */
async function readBody(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit, { declared });
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    // Not destroyed when reading stops early: the 413 must still reach the phone.
    for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > limit) throw tooLarge(limit, {});
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // The phone's connection broke mid-upload: nobody reads this answer, and nothing is stored.
    throw new ApiError(422, 'photo-checksum-mismatch', 'The upload ended before all its bytes arrived', { received });
  }
  return Buffer.concat(chunks, received);
}

/** 403 with the rule's code unless `checkWrite` lets `actor` write this photo's metadata, as a push would. */
async function checkUploader(couch: Couch, actor: Actor, photo: Photo): Promise<void> {
  const related = await new RelatedLookup(couch).of('photos', [photo], 'write');
  const verdict = checkWrite(actor, 'photos', undefined, photo, related.get(photo.id));
  if (!verdict.allowed) throw new ApiError(403, verdict.code, verdict.message);
}

/** Whether `actor` may read the photo: the read rule of its owner document, as pull applies it. */
async function mayReadPhoto(couch: Couch, actor: Actor, photo: Photo): Promise<boolean> {
  const related = await new RelatedLookup(couch).of('photos', [photo], 'read');
  return mayRead(actor, 'photos', photo, related.get(photo.id));
}

/** 415 / 422 unless `bytes` are, by their content, the image the metadata describes. */
async function checkBytes(photo: Photo, bytes: Buffer): Promise<string> {
  const detected = (await fileTypeFromBuffer(bytes))?.mime ?? null;
  if (detected === null || !ALLOWED_TYPES.includes(detected) || detected !== photo.mimeType) {
    throw typeNotAllowed(`The bytes are not a ${photo.mimeType} image`, { detected, expected: photo.mimeType });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (bytes.length !== photo.size || sha256 !== photo.sha256) {
    throw new ApiError(422, 'photo-checksum-mismatch', 'The bytes do not match the photo’s size and checksum', {
      expected: { size: photo.size, sha256: photo.sha256 },
      received: { size: bytes.length, sha256 },
    });
  }
  return sha256;
}

/** True when an `If-None-Match` header names `etag` (or `*`), weak or strong. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

function upload(couch: Couch, limit: number): RequestHandler {
  return async (req, res) => {
    try {
      const actor = actorOf(res);
      const id = req.params.id as string;
      const stored = await readPhotoDocument(couch, id);
      if (!stored) throw new ApiError(409, 'photo-metadata-missing', `The metadata of photo ${id} has not arrived yet; sync it, then upload again`);
      const photo = photoOf(stored);
      await checkUploader(couch, actor, photo);
      const declared = mediaType(req.get('content-type'));
      if (declared === null || !ALLOWED_TYPES.includes(declared)) throw typeNotAllowed('Photos are JPEG, WebP or PNG images', { declared });
      if (photo.size > limit) throw tooLarge(limit, { size: photo.size });
      const bytes = await readBody(req, limit);
      const sha256 = await checkBytes(photo, bytes);
      const outcome = await storePhotoBytes(couch, stored, bytes, photo.mimeType);
      if (outcome === null) throw new ApiError(409, 'photo-metadata-missing', `The metadata of photo ${id} is gone`);
      res.status(outcome === 'created' ? 201 : 200).json({ id, size: bytes.length, sha256 });
    } catch (error) {
      discardRest(req);
      throw error;
    }
  };
}

function download(couch: Couch): RequestHandler {
  return async (req, res) => {
    const actor = actorOf(res);
    const id = req.params.id as string;
    const notFound = new ApiError(404, 'photo-not-found', `There is no photo ${id}`);
    const stored = await readPhotoDocument(couch, id);
    if (!stored) throw notFound;
    const photo = photoOf(stored);
    if (!(await mayReadPhoto(couch, actor, photo))) throw notFound;
    const bytesMissing = new ApiError(404, 'photo-bytes-missing', `The bytes of photo ${id} have not been uploaded yet`);
    if (!photoAttachment(stored)) throw bytesMissing;
    const etag = `"${photo.sha256}"`;
    const identity = { etag, 'x-content-sha256': photo.sha256, 'x-content-type-options': 'nosniff' };
    if (matchesEtag(req.get('if-none-match'), etag)) {
      res.status(304).set(identity).end();
      return;
    }
    const bytes = await readPhotoBytes(couch, id);
    if (!bytes) throw bytesMissing;
    res.status(200).set({ ...identity, 'content-type': photo.mimeType, 'content-length': String(bytes.length), 'content-disposition': 'inline' });
    res.end(bytes);
  };
}

export function photoRoutes(couch: Couch, config: Pick<Config, 'photoMaxBytes'>): Router {
  const router = checkIdParams(Router(), 'id');
  // Another site's upload is refused before anything else, as on every state-changing route (GETs pass).
  router.use(requireSameOrigin, signedIn);
  router.put('/:id', upload(couch, config.photoMaxBytes));
  router.get('/:id', download(couch));
  return router;
}
