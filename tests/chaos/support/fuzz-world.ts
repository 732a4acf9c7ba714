/**
 * The world the fuzz campaign attacks: the real sync server on the real embedded store (loopback),
 * a built-PWA folder of our own to serve (with a secret file beside it that must never be served),
 * and signed-in people of every role, made through the real routes (tests/integration/support):
 * a moderator, the active coordinator of a verified municipality, an official and a field
 * volunteer of it, a pending official of it, and the pending coordinator of an unverified one.
 *
 * The server runs with TRUST_PROXY=loopback so each fuzz request can come from its own address
 * (X-Forwarded-For): the per-IP limits (registrations: 20 an hour, a constant) then count per
 * request, not for the whole campaign, and the campaign measures the routes rather than 429s. The
 * sign-in limits are raised through their config keys (LOGIN_LIMIT_PER_IP, LOGIN_LIMIT_PER_ACCOUNT).
 * A separate burst from one address checks that 429 answers have the JSON error shape.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Photo } from '../../../domain/schemas/photo';
import { Couch } from '../../../sync-server/store/couch';
import { authenticatedUrl, findRunningStore } from '../../../sync-server/store/embedded-store';
import { Browser, PASSWORD, refreshed, registerMunicipality, TEST_ADMIN, type Profile, type TestMember } from '../../integration/support/accounts';
import { moderatorOf, startTestServer, verifiedMunicipality, type TestServer } from '../../integration/support/sync-harness';
import { fresh, makeId, makeNeed, makePhoto } from '../../support/factories';

export type ActorName = 'anonymous' | 'moderator' | 'coordinator' | 'official' | 'volunteer' | 'pending' | 'pendingCoordinator';
export type SignedInActor = Exclude<ActorName, 'anonymous'>;
export const SIGNED_IN_ACTORS: readonly SignedInActor[] = ['moderator', 'coordinator', 'official', 'volunteer', 'pending', 'pendingCoordinator'];

/** A 1×1 PNG: the bytes of the world's photo. */
export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** Text in a file next to the served folder: an answer containing it escaped the folder. */
export const OUTSIDE_SECRET = 'c4c-fuzz-secret-outside-dist';

export type FuzzWorld = {
  server: TestServer;
  /** The store itself, as the CLI reaches it (DATA_DIR/store.json), for the audit after the run. */
  couch: Couch;
  actors: Record<SignedInActor, TestMember>;
  /** A need of the coordinator's municipality, and two photos of it: one with its bytes uploaded, one without. */
  need: { id: string };
  photoWithBytes: Photo;
  photoWithoutBytes: Photo;
  /** Emails accepted so far (register, accept): a second use is 409 email-taken, not a fuzz finding. */
  usedEmails: Set<string>;
  /** The fuzz requests' own addresses: a new one for each request (see the module header). */
  nextAddress(): string;
  stop(): Promise<void>;
};

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function expectStatus<T>(answer: { status: number; body: T }, status: number, what: string): T {
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/**
 * A new member of `coordinator`'s municipality with `role`, joined by invitation (from `address`,
 * so the per-IP limit of joins counts it apart); admitted unless `moderator` is null.
 */
export async function invitedMember(baseUrl: string, coordinator: TestMember, moderator: TestMember | null, role: 'official' | 'volunteer', address = '127.0.0.1'): Promise<TestMember> {
  const { code } = expectStatus(await coordinator.browser.request<{ code: string }>('POST', '/api/invitations', { role }), 201, 'POST /api/invitations');
  const browser = new Browser(() => baseUrl);
  const email = `fuzz-${makeId().slice(0, 12)}@hromada.example`;
  const profile = expectStatus(
    await browser.request<Profile>('POST', '/api/invitations/accept', { code, email, password: PASSWORD, displayName: 'Fuzz member', languages: ['uk'] }, { 'x-forwarded-for': address }),
    201,
    'POST /api/invitations/accept',
  );
  const member: TestMember = { browser, email, profile, id: profile.member.id, municipalityId: profile.member.municipalityId };
  if (moderator === null) return member;
  expectStatus(await moderator.browser.request('POST', `/api/moderation/members/${member.id}/verify`), 200, 'verify member');
  return refreshed(member);
}

/** A served folder of our own: index.html and one asset, with a secret file beside (not inside) it. */
function distFolder(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'c4c-fuzz-dist-'));
  const dist = path.join(root, 'dist');
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Cities4Cities</title>');
  fs.writeFileSync(path.join(dist, 'assets', 'app-abc123.js'), 'console.log("app");');
  fs.writeFileSync(path.join(root, 'secret.txt'), OUTSIDE_SECRET);
  return dist;
}

export async function startFuzzWorld(): Promise<FuzzWorld> {
  const server = await startTestServer(undefined, 0, {
    TRUST_PROXY: 'loopback',
    LOGIN_LIMIT_PER_IP: '1000000',
    LOGIN_LIMIT_PER_ACCOUNT: '1000000',
    DIST_DIR: distFolder(),
  });
  const running = await findRunningStore(server.dataDir);
  if (!running) throw new Error('the fuzz server left no store.json');
  const couch = new Couch(authenticatedUrl(running), 'c4c_');
  const moderator = await moderatorOf(server);
  const coordinator = await verifiedMunicipality(server);
  const [official, volunteer, pending, pendingCoordinator] = await Promise.all([
    invitedMember(server.url, coordinator, moderator, 'official'),
    invitedMember(server.url, coordinator, moderator, 'volunteer'),
    invitedMember(server.url, coordinator, null, 'official'),
    registerMunicipality(server.url),
  ]);
  const actors = { moderator, coordinator, official, volunteer, pending, pendingCoordinator };

  const need = { ...makeNeed({ id: makeId(), municipalityId: coordinator.municipalityId, updatedAt: Date.now() }), _deleted: false };
  const photoOf = () => fresh(makePhoto({ ownerKind: 'need', ownerId: need.id, mimeType: 'image/png', size: PNG_1X1.length, sha256: sha256(PNG_1X1), width: 1, height: 1, updatedAt: Date.now() }));
  const photoWithBytes = photoOf();
  const photoWithoutBytes = photoOf();
  for (const [collection, doc] of [['needs', need], ['photos', photoWithBytes], ['photos', photoWithoutBytes]] as const) {
    const answer = await coordinator.browser.request<{ refused: unknown[]; conflicts: unknown[] }>('POST', `/api/sync/${collection}/push`, [{ newDocumentState: { ...doc, _deleted: false } }]);
    const body = expectStatus(answer, 200, `push ${collection}`);
    if (body.refused.length > 0 || body.conflicts.length > 0) throw new Error(`the world's ${collection} were not written: ${JSON.stringify(body)}`);
  }
  const upload = await fetch(`${server.url}/api/photos/${photoWithBytes.id}`, {
    method: 'PUT',
    headers: { 'content-type': 'image/png', cookie: coordinator.browser.cookieHeader ?? '' },
    body: new Uint8Array(PNG_1X1),
  });
  if (upload.status !== 201) throw new Error(`the world's photo bytes were not stored: ${upload.status} ${await upload.text()}`);

  let address = 0;
  return {
    server,
    couch,
    actors,
    need,
    photoWithBytes,
    photoWithoutBytes,
    usedEmails: new Set([TEST_ADMIN.email, ...Object.values(actors).map((actor) => actor.email.toLowerCase())]),
    nextAddress() {
      address += 1;
      return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
    },
    stop: () => server.stop(),
  };
}
