/**
 * The sync server's photo routes as the phone sees them, for the photos unit tests: the contract of
 * `PUT /api/photos/:id` and `GET /api/photos/:id` (idempotent upload checked against the metadata
 * by SHA-256, 409 until the metadata has arrived, 413/415, 401 when signed out, 404
 * photo-bytes-missing / photo-not-found). The real routes have their own integration tests; this
 * stand-in adds faults a test asks for: a cut upload, a dropped connection, tampered bytes.
 */
import { MAX_PHOTO_BYTES, PHOTO_MIME_TYPES } from '../../domain/constants';
import type { Photo } from '../../domain/schemas/photo';
import type { PhotoDraft } from '../../app/features/photos';
import { sha256Hex } from '../../app/features/photos/checksum';

export class FakePhotoServer {
  /** Photo documents the server has (replication pushed them). */
  readonly metadata = new Map<string, Photo>();
  readonly bytes = new Map<string, Uint8Array>();
  /** Ids of every PUT and GET received, in order. */
  readonly puts: string[] = [];
  readonly gets: string[] = [];
  signedIn = true;
  maxBytes = MAX_PHOTO_BYTES;
  /** The next GETs answer with one byte changed. */
  tamper = false;
  private faults: ('cut' | 'drop')[] = [];

  /** The next upload arrives cut short (the server sees a checksum mismatch). */
  cutNextUpload(): void {
    this.faults.push('cut');
  }

  /** The next upload loses its connection before any answer. */
  dropNextUpload(): void {
    this.faults.push('drop');
  }

  /** The photo document reaches the server (what replication does). */
  receiveMetadata(photo: Photo): void {
    this.metadata.set(photo.id, photo);
  }

  readonly fetch = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const match = /\/api\/photos\/([^/?]+)$/.exec(url);
    if (!match?.[1]) return error(404, 'not-found');
    const id = decodeURIComponent(match[1]);
    const method = init.method ?? 'GET';
    if (method === 'PUT') {
      this.puts.push(id);
      const fault = this.faults.shift();
      if (fault === 'drop') throw new TypeError('Failed to fetch');
      if (!this.signedIn) return error(401, 'not-signed-in');
      const photo = this.metadata.get(id);
      if (!photo) return error(409, 'photo-metadata-missing');
      let body = new Uint8Array(init.body as ArrayBuffer);
      if (fault === 'cut') body = body.slice(0, Math.floor(body.length / 2));
      if (body.length > this.maxBytes) return error(413, 'photo-too-large');
      const type = new Headers(init.headers).get('content-type') ?? '';
      if (!(PHOTO_MIME_TYPES as readonly string[]).includes(type)) return error(415, 'photo-type-not-allowed');
      const sha256 = await sha256Hex(body);
      if (sha256 !== photo.sha256) return error(422, 'photo-checksum-mismatch');
      const existed = this.bytes.has(id);
      if (!existed) this.bytes.set(id, body);
      return json(existed ? 200 : 201, { id, size: body.length, sha256 });
    }
    this.gets.push(id);
    if (!this.signedIn) return error(401, 'not-signed-in');
    const photo = this.metadata.get(id);
    if (!photo) return error(404, 'photo-not-found');
    const stored = this.bytes.get(id);
    if (!stored) return error(404, 'photo-bytes-missing');
    const sent = stored.slice();
    if (this.tamper && sent.length > 0) sent[0] = (sent[0] ?? 0) ^ 0xff;
    return new Response(sent, { status: 200, headers: { 'content-type': photo.mimeType, 'x-content-sha256': photo.sha256 } });
  }) as typeof fetch;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function error(status: number, code: string): Response {
  return json(status, { error: { code, message: `${code} (fake server)` } });
}

/** Pseudo-photo bytes: `size` bytes that differ per `seed`. */
export function photoBytes(size = 2_000, seed = 1): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let index = 0; index < size; index++) bytes[index] = (index * 31 + seed * 17) & 0xff;
  return bytes;
}

/** A compressed photo as `compressPhoto` would hand it over. */
export async function makeDraft(bytes: Uint8Array<ArrayBuffer> = photoBytes(), id = `photo-${Math.random().toString(36).slice(2, 12)}`): Promise<PhotoDraft> {
  return {
    id,
    blob: new Blob([bytes], { type: 'image/jpeg' }),
    mimeType: 'image/jpeg',
    size: bytes.length,
    sha256: await sha256Hex(bytes),
    width: 1600,
    height: 1200,
    originalSize: bytes.length * 12,
  };
}

/** The metadata document of a photo owned by a pledge event (another phone's photo, for downloads). */
export async function photoDocument(bytes: Uint8Array<ArrayBuffer>, id: string): Promise<Omit<Photo, 'updatedAt'>> {
  return { id, ownerKind: 'pledgeEvent', ownerId: 'event-000001', mimeType: 'image/jpeg', size: bytes.length, sha256: await sha256Hex(bytes), width: 800, height: 600 };
}

/** Polls `check` until it holds (or fails after `timeoutMs`). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
