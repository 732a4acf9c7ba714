/**
 * Photo bytes over the real routes (`PUT`/`GET /api/photos/:id`) on the real embedded store: who may
 * upload and fetch them, the size limit, the image types judged by content, the checksum, uploads
 * cut in the middle and retried (stored once, intact), and what the attachment must not change in
 * document sync (pull, a retried metadata push, the server's own re-saves).
 *
 * The people: verified municipalities A, B and C, and pending P. B pledged to A and dispatched (the
 * event's photo is B's to upload, any verified member's to see); C wrote to A in a thread B is not
 * part of (the message's photo is C's to upload, A's and C's to see).
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName } from '../../domain/collections';
import type { WireDocument } from '../../domain/documents';
import { messageThreadId } from '../../domain/rules/message-thread';
import type { Photo } from '../../domain/schemas/photo';
import type { PushResponse } from '../../domain/sync-protocol';
import { Couch } from '../../sync-server/store/couch';
import { authenticatedUrl, findRunningStore } from '../../sync-server/store/embedded-store';
import { fresh, freshNeed, makeEvent, makeMessage, makeId, makePhoto, makePledge } from '../support/factories';
import { pullAll } from './support/browser';
import { moderatorOf, pendingMunicipality, startTestServer, verifiedMunicipality, type TestMember, type TestServer } from './support/sync-harness';

const LIMIT = 1024 * 1024;

let server: TestServer;
let store: Couch;
let a: TestMember;
let b: TestMember;
let c: TestMember;
let p: TestMember;
let moderator: TestMember;
/** The dispatch event of B's pledge to A, and C's message to A: the owners of the photos below. */
let dispatchId: string;
let messageId: string;

// ---- Image bytes: real headers that file-type recognises, padded to any size. ----

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const WEBP_1X1 = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
const GIF_1X1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>');
const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');

let seed = 0;

/** A JPEG of `size` bytes: SOI, a JFIF APP0 segment, a comment of distinct filler, EOI. */
function jpeg(size = 2048): Buffer {
  seed += 1;
  const head = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const filler = Buffer.alloc(size - head.length - 2);
  for (let index = 0; index < filler.length; index++) filler[index] = (index * 31 + seed * 7) & 0xff;
  return Buffer.concat([head, filler, Buffer.from([0xff, 0xd9])]);
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

// ---- Documents and requests. ----

function wire<T extends object>(doc: T): WireDocument {
  return { ...(doc as unknown as WireDocument), _deleted: false };
}

async function push(member: TestMember, collection: CollectionName, doc: object, assumed?: object): Promise<PushResponse> {
  const answer = await member.browser.request<PushResponse>('POST', `/api/sync/${collection}/push`, [
    { ...(assumed ? { assumedMasterState: wire(assumed) } : {}), newDocumentState: wire(doc) },
  ]);
  expect(answer.status).toBe(200);
  return answer.body;
}

async function written(member: TestMember, collection: CollectionName, doc: object): Promise<void> {
  expect(await push(member, collection, doc)).toEqual({ conflicts: [], refused: [] });
}

/** Photo metadata describing `bytes`, owned by `owner`, pushed by `member` unless `pushed` is false. */
async function photoOf(member: TestMember, bytes: Buffer, owner: Pick<Photo, 'ownerKind' | 'ownerId'>, overrides: Partial<Photo> = {}, pushed = true): Promise<Photo> {
  const photo = fresh(makePhoto({ ...owner, mimeType: 'image/jpeg', size: bytes.length, sha256: sha256(bytes), width: 1, height: 1, updatedAt: Date.now(), ...overrides }));
  if (pushed) await written(member, 'photos', photo);
  return photo;
}

const eventPhoto = (bytes: Buffer, overrides: Partial<Photo> = {}) => photoOf(b, bytes, { ownerKind: 'pledgeEvent', ownerId: dispatchId }, overrides);

type Reply = { status: number; headers: Headers; bytes: Buffer; json: { error?: { code: string; message: string; details?: unknown }; id?: string; size?: number; sha256?: string } };

async function request(method: string, id: string, member: TestMember | null, body?: BodyInit, headers: Record<string, string> = {}): Promise<Reply> {
  const cookie = member?.browser.cookieHeader;
  const response = await fetch(`${server.url}/api/photos/${id}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const json = response.headers.get('content-type')?.startsWith('application/json') ? (JSON.parse(bytes.toString('utf8')) as Reply['json']) : {};
  return { status: response.status, headers: response.headers, bytes, json };
}

function upload(member: TestMember | null, id: string, bytes: Buffer, contentType = 'image/jpeg', headers: Record<string, string> = {}): Promise<Reply> {
  return request('PUT', id, member, new Uint8Array(bytes), { 'content-type': contentType, ...headers });
}

function download(member: TestMember | null, id: string, headers: Record<string, string> = {}): Promise<Reply> {
  return request('GET', id, member, undefined, headers);
}

function expectCode(reply: Reply, status: number, code: string): void {
  expect({ status: reply.status, code: reply.json.error?.code }).toEqual({ status, code });
  expect(reply.json.error?.message).toMatch(/\w/);
  expect(reply.headers.get('cache-control')).toBe('no-store');
}

/** A body sent chunk by chunk, with no Content-Length (as a proxy or a phone streaming a file may). */
function streamOf(bytes: Buffer, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(new Uint8Array(bytes.subarray(offset, offset + chunk)));
      offset += chunk;
    },
  });
}

/**
 * An upload whose connection breaks after `sent` of its bytes: Content-Length announces all of
 * them, the socket is destroyed once the first part is on its way.
 */
function cutUpload(member: TestMember, id: string, bytes: Buffer, sent: number): Promise<void> {
  const url = new URL(`${server.url}/api/photos/${id}`);
  return new Promise((resolve) => {
    const req = http.request({
      method: 'PUT',
      hostname: url.hostname,
      port: url.port,
      path: url.pathname,
      headers: { cookie: member.browser.cookieHeader!, 'content-type': 'image/jpeg', 'content-length': String(bytes.length) },
    });
    req.on('error', () => resolve());
    req.on('response', () => resolve()); // not expected: the server cannot answer an incomplete body
    req.write(bytes.subarray(0, sent), () => setTimeout(() => req.destroy(), 150));
  });
}

/** The photo document as the store holds it, attachment stubs included. */
async function storedPhoto(id: string): Promise<{ _rev?: string; _attachments?: Record<string, { digest: string; length: number; revpos: number; content_type: string }> }> {
  return (await store.db('photos').get(id));
}

beforeAll(async () => {
  server = await startTestServer();
  store = new Couch(authenticatedUrl((await findRunningStore(server.dataDir))!), 'c4c_');
  moderator = await moderatorOf(server);
  [a, b, c, p] = await Promise.all([verifiedMunicipality(server), verifiedMunicipality(server), verifiedMunicipality(server), pendingMunicipality(server)]);
  const need = freshNeed({ municipalityId: a.municipalityId, title: 'Generators for the hospital' });
  await written(a, 'needs', need);
  const pledge = fresh(makePledge({ needId: need.id, offerId: undefined, fromMunicipalityId: b.municipalityId, toMunicipalityId: a.municipalityId, quantity: 3, expiresAt: Date.now() + 30 * 86_400_000 }));
  await written(b, 'pledges', pledge);
  const dispatch = fresh(makeEvent('dispatched', { pledgeId: pledge.id, byMemberId: b.id, byMunicipalityId: b.municipalityId, updatedAt: Date.now() }));
  await written(b, 'pledge_events', dispatch);
  dispatchId = dispatch.id;
  const from = c.municipalityId;
  const to = a.municipalityId;
  const message = fresh(makeMessage({ subjectId: need.id, fromMunicipalityId: from, toMunicipalityId: to, threadId: messageThreadId(need.id, from, to), authorMemberId: c.id, body: 'Photos of the load' }));
  await written(c, 'messages', message);
  messageId = message.id;
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('PUT /api/photos/:id', () => {
  it('refuses anonymous uploads with 401 not-signed-in, storing nothing', async () => {
    const bytes = jpeg();
    const photo = await eventPhoto(bytes);
    expectCode(await upload(null, photo.id, bytes), 401, 'not-signed-in');
    expect((await storedPhoto(photo.id))._attachments).toBeUndefined();
  });

  it('refuses an upload from another site with 403 bad-origin', async () => {
    const bytes = jpeg();
    const photo = await eventPhoto(bytes);
    expectCode(await upload(b, photo.id, bytes, 'image/jpeg', { origin: 'https://evil.example' }), 403, 'bad-origin');
  });

  it('refuses bytes for another municipality’s photo with the rule’s code (403), storing nothing', async () => {
    const bytes = jpeg();
    const photo = await eventPhoto(bytes);
    expectCode(await upload(a, photo.id, bytes), 403, 'not-your-municipality');
    expectCode(await upload(c, photo.id, bytes), 403, 'not-your-municipality');
    expect((await storedPhoto(photo.id))._attachments).toBeUndefined();
  });

  it('judges the uploader by the photo rule of the push: a moderator outside the owner’s municipality is refused too', async () => {
    const bytes = jpeg();
    const photo = await eventPhoto(bytes);
    expectCode(await upload(moderator, photo.id, bytes), 403, 'not-your-municipality');
  });

  it.each(['_all_docs', '_design%2Fx', 'short', 'a'.repeat(65), 'abc%20defghij'])('refuses the id %s with 400 invalid-request', async (id) => {
    expectCode(await upload(b, id, jpeg()), 400, 'invalid-request');
  });

  it('answers 409 photo-metadata-missing while the metadata has not synced, and takes the bytes once it has', async () => {
    const bytes = jpeg();
    const photo = await photoOf(b, bytes, { ownerKind: 'pledgeEvent', ownerId: dispatchId }, {}, false);
    expectCode(await upload(b, photo.id, bytes), 409, 'photo-metadata-missing');
    await written(b, 'photos', photo);
    expect((await upload(b, photo.id, bytes)).status).toBe(201);
  });

  it('stores the bytes and gives them back intact (201, then the same bytes with their checksum)', async () => {
    const bytes = jpeg(50_000);
    const photo = await eventPhoto(bytes);
    const put = await upload(b, photo.id, bytes);
    expect(put.status).toBe(201);
    expect(put.json).toEqual({ id: photo.id, size: bytes.length, sha256: photo.sha256 });
    expect(put.headers.get('cache-control')).toBe('no-store');
    const got = await download(a, photo.id);
    expect(got.status).toBe(200);
    expect(sha256(got.bytes)).toBe(photo.sha256);
    expect(got.bytes.equals(bytes)).toBe(true);
  });

  it('stores an upload cut in the middle nowhere; the retry arrives once and intact', async () => {
    const bytes = jpeg(200_000);
    const photo = await eventPhoto(bytes);
    await cutUpload(b, photo.id, bytes, 80_000);
    // Whatever the server was doing with the broken request has ended by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await storedPhoto(photo.id))._attachments).toBeUndefined();
    expectCode(await download(a, photo.id), 404, 'photo-bytes-missing');

    expect((await upload(b, photo.id, bytes)).status).toBe(201);
    const first = (await storedPhoto(photo.id))._attachments!.image!;
    const again = await upload(b, photo.id, bytes);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ id: photo.id, size: bytes.length, sha256: photo.sha256 });
    const stored = await storedPhoto(photo.id);
    expect(Object.keys(stored._attachments!)).toEqual(['image']);
    expect(stored._attachments!.image).toEqual(first);
    expect(sha256((await download(a, photo.id)).bytes)).toBe(photo.sha256);
  });

  it('refuses a body that ended early (a cut a proxy passed on as complete) with 422 photo-checksum-mismatch', async () => {
    const bytes = jpeg(100_000);
    const photo = await eventPhoto(bytes);
    const reply = await request('PUT', photo.id, b, streamOf(bytes.subarray(0, 60_000)), { 'content-type': 'image/jpeg' });
    expectCode(reply, 422, 'photo-checksum-mismatch');
    expect((await storedPhoto(photo.id))._attachments).toBeUndefined();
  });

  it('refuses bytes over PHOTO_MAX_BYTES with 413 photo-too-large: announced, streamed, or named by the metadata', async () => {
    const big = jpeg(LIMIT + 1);
    const small = jpeg();
    // The metadata says small; the body says otherwise.
    const photo = await eventPhoto(small);
    expectCode(await upload(b, photo.id, big), 413, 'photo-too-large');
    expectCode(await request('PUT', photo.id, b, streamOf(big), { 'content-type': 'image/jpeg' }), 413, 'photo-too-large');
    const declaredBig = await eventPhoto(big);
    expectCode(await upload(b, declaredBig.id, big), 413, 'photo-too-large');
    expect((await storedPhoto(photo.id))._attachments).toBeUndefined();
    expect((await storedPhoto(declaredBig.id))._attachments).toBeUndefined();
    // The connection was kept usable: the same member uploads right after.
    expect((await upload(b, photo.id, small)).status).toBe(201);
  });

  it.each([
    ['PNG bytes sent and described as a JPEG', () => PNG_1X1, 'image/jpeg', 'image/jpeg'],
    ['JPEG bytes described as a WebP', () => jpeg(), 'image/webp', 'image/webp'],
    ['a GIF sent as a PNG', () => GIF_1X1, 'image/png', 'image/png'],
    ['an SVG sent as a PNG', () => SVG, 'image/png', 'image/png'],
    ['an HTML page sent as a JPEG', () => HTML, 'image/jpeg', 'image/jpeg'],
    ['random bytes sent as a WebP', () => Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 131 + 17) % 251)), 'image/webp', 'image/webp'],
    ['a JPEG sent as image/gif', () => jpeg(), 'image/jpeg', 'image/gif'],
    ['a JPEG sent as text/html', () => jpeg(), 'image/jpeg', 'text/html'],
  ] as const)('refuses %s with 415 photo-type-not-allowed', async (_label, bytesOf, described, sent) => {
    const bytes = bytesOf();
    const photo = await eventPhoto(bytes, { mimeType: described });
    expectCode(await upload(b, photo.id, bytes, sent), 415, 'photo-type-not-allowed');
    expect((await storedPhoto(photo.id))._attachments).toBeUndefined();
  });

  it.each([
    ['PNG', PNG_1X1, 'image/png'],
    ['WebP', WEBP_1X1, 'image/webp'],
  ] as const)('takes a %s whose content says what the metadata says', async (_label, bytes, mimeType) => {
    const photo = await eventPhoto(bytes, { mimeType });
    expect((await upload(b, photo.id, bytes, mimeType)).status).toBe(201);
    const got = await download(c, photo.id);
    expect(got.headers.get('content-type')).toBe(mimeType);
    expect(got.bytes.equals(bytes)).toBe(true);
  });

  it('refuses bytes whose checksum or length differ from the metadata with 422 photo-checksum-mismatch', async () => {
    const bytes = jpeg();
    const otherChecksum = await eventPhoto(bytes, { sha256: sha256(jpeg()) });
    const reply = await upload(b, otherChecksum.id, bytes);
    expectCode(reply, 422, 'photo-checksum-mismatch');
    expect(reply.json.error?.details).toEqual({ expected: { size: bytes.length, sha256: otherChecksum.sha256 }, received: { size: bytes.length, sha256: sha256(bytes) } });
    const otherLength = await eventPhoto(bytes, { size: bytes.length + 1 });
    expectCode(await upload(b, otherLength.id, bytes), 422, 'photo-checksum-mismatch');
    expect((await storedPhoto(otherChecksum.id))._attachments).toBeUndefined();
  });
});

describe('GET /api/photos/:id', () => {
  let messagePhoto: Photo;
  let messageBytes: Buffer;

  beforeAll(async () => {
    messageBytes = jpeg(30_000);
    messagePhoto = await photoOf(c, messageBytes, { ownerKind: 'message', ownerId: messageId });
    expect((await upload(c, messagePhoto.id, messageBytes)).status).toBe(201);
  });

  it('refuses anonymous readers with 401 not-signed-in', async () => {
    expectCode(await download(null, messagePhoto.id), 401, 'not-signed-in');
  });

  it('answers a member of a city outside the thread as for an unknown photo: 404 photo-not-found', async () => {
    const hidden = await download(b, messagePhoto.id);
    expectCode(hidden, 404, 'photo-not-found');
    const unknown = await download(b, makeId());
    expectCode(unknown, 404, 'photo-not-found');
    expect(hidden.json.error?.message.replace(messagePhoto.id, 'ID')).toBe(unknown.json.error?.message.replace(/photo \S+/, 'photo ID'));
    expect(hidden.bytes.includes(messageBytes.subarray(100, 200))).toBe(false);
  });

  it('gives the message’s photo to both cities of the thread', async () => {
    for (const reader of [a, c]) {
      const got = await download(reader, messagePhoto.id);
      expect(got.status).toBe(200);
      expect(got.bytes.equals(messageBytes)).toBe(true);
    }
  });

  it('gives a pledge event’s photo to verified members of any city, not to a pending one', async () => {
    const bytes = jpeg(20_000);
    const photo = await eventPhoto(bytes);
    expect((await upload(b, photo.id, bytes)).status).toBe(201);
    for (const reader of [a, b, c, moderator]) expect((await download(reader, photo.id)).bytes.equals(bytes)).toBe(true);
    expectCode(await download(p, photo.id), 404, 'photo-not-found');
  });

  it('answers 404 photo-bytes-missing while the bytes are on their way', async () => {
    const photo = await eventPhoto(jpeg());
    expectCode(await download(a, photo.id), 404, 'photo-bytes-missing');
  });

  it('sends the bytes with their type, length, checksum and ETag, never sniffed, never cached by the browser', async () => {
    const got = await download(a, messagePhoto.id);
    expect(got.status).toBe(200);
    expect(Object.fromEntries(['content-type', 'content-length', 'etag', 'x-content-sha256', 'x-content-type-options', 'content-disposition', 'cache-control'].map((name) => [name, got.headers.get(name)]))).toEqual({
      'content-type': 'image/jpeg',
      'content-length': String(messageBytes.length),
      etag: `"${messagePhoto.sha256}"`,
      'x-content-sha256': messagePhoto.sha256,
      'x-content-type-options': 'nosniff',
      'content-disposition': 'inline',
      'cache-control': 'no-store',
    });
  });

  it('answers 304 to If-None-Match with the photo’s ETag', async () => {
    const etag = `"${messagePhoto.sha256}"`;
    const unchanged = await download(a, messagePhoto.id, { 'if-none-match': `"other", ${etag}` });
    expect(unchanged.status).toBe(304);
    expect(unchanged.bytes.length).toBe(0);
    expect(unchanged.headers.get('etag')).toBe(etag);
    expect((await download(a, messagePhoto.id, { 'if-none-match': '"other"' })).status).toBe(200);
    // Who may not read it learns nothing from a matching ETag either.
    expectCode(await download(b, messagePhoto.id, { 'if-none-match': etag }), 404, 'photo-not-found');
  });

  it.each(['_all_docs', '_design%2Fx', 'short', '..'])('refuses the id %s with 400 (or 404), never 500', async (id) => {
    const reply = await download(a, id);
    expect([400, 404]).toContain(reply.status);
    expect(reply.json.error?.code).toMatch(/\w/);
  });
});

describe('photo documents in sync once their bytes are stored', () => {
  it('are pulled without `_attachments` (the phone’s schema allows no such field)', async () => {
    const bytes = jpeg();
    const photo = await eventPhoto(bytes);
    expect((await upload(b, photo.id, bytes)).status).toBe(201);
    expect((await storedPhoto(photo.id))._attachments?.image).toBeDefined();
    const pulled = (await pullAll<WireDocument>(a.browser, 'photos')).find((doc) => doc.id === photo.id);
    expect(pulled).toBeDefined();
    expect(Object.keys(pulled!).filter((key) => key.startsWith('_'))).toEqual(['_deleted']);
  });

  it('accept the metadata pushed again after the upload as no change, and keep the bytes', async () => {
    const bytes = jpeg();
    const photo = await eventPhoto(bytes);
    expect((await upload(b, photo.id, bytes)).status).toBe(201);
    const before = (await storedPhoto(photo.id))._rev;
    expect(await push(b, 'photos', photo)).toEqual({ conflicts: [], refused: [] });
    expect(await push(b, 'photos', photo, photo)).toEqual({ conflicts: [], refused: [] });
    expect(await push(b, 'photos', { ...photo, updatedAt: photo.updatedAt + 5 }, photo)).toEqual({ conflicts: [], refused: [] });
    expect((await storedPhoto(photo.id))._rev).toBe(before);
    expect((await download(a, photo.id)).bytes.equals(bytes)).toBe(true);
  });

  it('keep their bytes when a moderator’s verification re-saves them (photos of a pending municipality)', async () => {
    const applicant = await pendingMunicipality(server);
    const bytes = jpeg(10_000);
    const photo = await photoOf(applicant, bytes, { ownerKind: 'municipality', ownerId: applicant.municipalityId });
    expect((await upload(applicant, photo.id, bytes)).status).toBe(201);
    const before = await storedPhoto(photo.id);
    expect((await moderator.browser.request('POST', `/api/moderation/municipalities/${applicant.municipalityId}/verify`)).status).toBe(200);
    const after = await storedPhoto(photo.id);
    expect(after._rev).not.toBe(before._rev);
    expect(after._attachments?.image).toEqual(before._attachments?.image);
    expect((await download(a, photo.id)).bytes.equals(bytes)).toBe(true);
  });

  it('a server change of a document keeps its attachments (changeDocument writes the stubs)', async () => {
    const applicant = await pendingMunicipality(server);
    const municipalities = store.db('municipalities');
    const { _rev: rev } = await municipalities.get(applicant.municipalityId);
    const attachment = Buffer.from('an attachment the change must keep');
    await municipalities.attachment.insert(applicant.municipalityId, 'kept', attachment, 'application/octet-stream', { rev: rev });
    expect((await moderator.browser.request('POST', `/api/moderation/municipalities/${applicant.municipalityId}/verify`)).status).toBe(200);
    const after = await municipalities.get(applicant.municipalityId);
    expect(after.verification).toMatchObject({ status: 'verified' });
    expect((await municipalities.attachment.get(applicant.municipalityId, 'kept')).equals(attachment)).toBe(true);
    // …and the phones still never see it.
    const pulled = (await pullAll<WireDocument>(applicant.browser, 'municipalities')).find((doc) => doc.id === applicant.municipalityId);
    expect(pulled).toBeDefined();
    expect(pulled).not.toHaveProperty('_attachments');
  });
});

// Timing is printed for the note, never asserted: this machine is shared (benchmarks live in bench/).
describe('timing on loopback', () => {
  it('uploads and downloads a 300 KB photo (median of 5, printed, not asserted)', async () => {
    const uploads: number[] = [];
    const downloads: number[] = [];
    // The cost of any signed-in request on this machine now (session, member and municipality reads), for scale.
    const baseline: number[] = [];
    for (let round = 0; round < 5; round++) {
      let started = performance.now();
      expect((await a.browser.me()).status).toBe(200);
      baseline.push(performance.now() - started);
      const bytes = jpeg(300 * 1024);
      const photo = await eventPhoto(bytes);
      started = performance.now();
      expect((await upload(b, photo.id, bytes)).status).toBe(201);
      uploads.push(performance.now() - started);
      started = performance.now();
      const got = await download(a, photo.id);
      downloads.push(performance.now() - started);
      expect(sha256(got.bytes)).toBe(photo.sha256);
    }
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
    console.log(
      `photo bytes, 300 KB on loopback: upload median ${median(uploads).toFixed(1)} ms, download median ${median(downloads).toFixed(1)} ms ` +
        `(GET /api/auth/me median ${median(baseline).toFixed(1)} ms)`,
    );
  });
});
