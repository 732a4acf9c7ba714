/**
 * The fuzz cases of every route of the sync server, and the oracle of each: whether the request,
 * as generated, must succeed (2xx), must be refused (4xx), or may be either. The oracle decides from
 * the schemas (domain/schemas, domain/validation.ts, domain/migrations.ts) and from the contracts
 * written in each route's header (restated here as JSON schemas, never imported from the route), so
 * a route that accepts what its contract refuses, or refuses what it accepts, is a finding.
 * "Either" is used only where the contract leaves the answer open (a rule of domain/permissions.ts
 * judging a valid document, a non-JSON body on a route whose body is optional, a lexically odd
 * number such as `limit=1e2`).
 *
 * Generic hostile variants apply to every route: another method, a request from another site, a
 * forged session cookie, no session; JSON routes also get bodies of the wrong type, malformed JSON,
 * bodies over the limit or nested thousands deep, and the wrong content type.
 */
import fc from 'fast-check';
import { MIN_PASSWORD_LENGTH, INVITATION_ROLES } from '../../../domain/account-protocol';
import { COLLECTIONS, COLLECTION_NAMES, isCollectionName, type CollectionName } from '../../../domain/collections';
import { migrateToCurrent, toCurrentVersion } from '../../../domain/migrations';
import { VISIBLE_TEXT_SCHEMA } from '../../../domain/schemas/fields';
import { MEMBER_SCHEMA, MUNICIPALITY_SCHEMA } from '../../../domain/schemas/index';
import { SYNC_LIMITS } from '../../../domain/sync-protocol';
import { validateDocument } from '../../../domain/validation';
import { checkpointFor, feedPosition } from '../../../sync-server/sync/checkpoints';
import { registration, TEST_ADMIN, PASSWORD } from '../../integration/support/accounts';
import { makeContact, makeEvent, makeId, makeMessage, makeNeed, makeOffer, makePhoto, makePledge } from '../../support/factories';
import { invitedMember, OUTSIDE_SECRET, PNG_1X1, SIGNED_IN_ACTORS, type ActorName, type FuzzWorld, type SignedInActor } from './fuzz-world';
import { headerSafe, type Expectation, type SuccessShape } from './fuzz-http';
import { deepJsonText, percentEncode, anyMethod, badCookie, deepValue, hostileJsonText, hostileQueryValue, hostileString, hostileValue, mutated, oddId, wrongContentType } from './fuzz-inputs';

/** One generated request, with what the oracle expects of its answer. */
export type FuzzCase = {
  route: string;
  /** The kind of hostile input (`valid` for the well-formed requests mixed in). */
  kind: string;
  actor: ActorName;
  /** A Cookie header instead of the actor's (a forged or malformed session). */
  cookie?: string;
  method: string;
  path: string;
  /** The Content-Type sent; null sends none. Undefined: `application/json` when there is a body. */
  contentType?: string | null;
  origin?: 'same' | 'foreign' | 'null';
  body?: Buffer;
  /** A body built when the request is sent (huge ones are not kept in memory in advance). */
  lazyBody?: () => Buffer;
  expect: Expectation;
  shape: SuccessShape;
  /** Route-specific checks of a 2xx answer (a push refuses each invalid row, a pull returns valid documents). */
  extra?: (json: unknown, raw: Buffer) => string | null;
  /** Work done right before sending: a fresh invitation, a fresh pending member to act on. */
  prepare?: (world: FuzzWorld) => Promise<Partial<Pick<FuzzCase, 'path' | 'body' | 'expect' | 'emailUsed' | 'cookie'>>>;
  /** The email a register/accept would take: a 409 email-taken is right when it was taken before. */
  emailUsed?: string;
  /** The route's limit on a JSON body, in bytes as sent (see `expectationAsSent`). */
  bodyLimit?: number;
};

type Base = Omit<FuzzCase, 'route' | 'actor' | 'method'> & { actor?: ActorName; method?: string };

/** Who sends a request and where to: what a route checks besides the body (session, path, path parameters). */
export type RequestHead = Pick<FuzzCase, 'actor' | 'path'>;

function jsonBody(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const actorArb = fc.constantFrom<ActorName>('anonymous', ...SIGNED_IN_ACTORS);
const signedInArb = fc.constantFrom<SignedInActor>(...SIGNED_IN_ACTORS);

/** How express.json would read `text` (a BOM is dropped): the parsed object or array, or undefined when it refuses it. */
function parsedLikeJsonParser(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    const value: unknown = JSON.parse(text.replace(/^\ufeff/, ''));
    return typeof value === 'object' && value !== null ? { ok: true, value } : { ok: false };
  } catch {
    return { ok: false };
  }
}

/**
 * How the server's JSON parser takes a Content-Type. express.json's `type` is 'application/json',
 * matched by type-is on the media type alone: `application/vnd.api+json`, the wildcards
 * (`application/*`, `*` + `/*`) and a header that does not parse leave the body unread. A JSON body
 * is UTF-8 only (RFC 8259, routes/bodies.ts `jsonBody`): any other charset is refused with 415,
 * UTF-7 and UTF-16 included, which express.json alone would decode.
 */
export function isParsedAsJson(contentType: string | null | undefined): 'json' | 'ignored' | 'refused' {
  if (contentType === undefined) return 'json';
  if (contentType === null) return 'ignored';
  // Judged as sent: the control characters a header cannot carry are dropped on the way (fuzz-http.ts).
  const [type = '', ...params] = headerSafe(contentType).split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return 'ignored';
  const charset = params.find((param) => param.startsWith('charset='))?.slice('charset='.length);
  return charset === undefined || charset === 'utf-8' ? 'json' : 'refused';
}

/**
 * What the answer to `fuzzCase` must be, judged on the bytes actually sent: a body the route reads
 * as JSON and whose UTF-8 bytes exceed its limit is refused (413) before anything looks at its
 * content, whatever the schemas say of it. Text grows when encoded ('ї' is 2 bytes, '🇺🇦' 8, a NUL
 * written by JSON.stringify as `\u0000` 6), so a body of few characters can be over the limit; and a
 * body the route leaves unread (another content type) is judged without it, at any size.
 */
export function expectationAsSent(fuzzCase: FuzzCase, body: Buffer | undefined): Expectation {
  const overLimit = fuzzCase.bodyLimit !== undefined && body !== undefined && body.length > fuzzCase.bodyLimit;
  return overLimit && isParsedAsJson(fuzzCase.contentType) !== 'ignored' ? 'refused' : fuzzCase.expect;
}

// ---- Contracts of the route headers, restated (sync-server/routes/*.ts). ----

const EMAIL = { type: 'string', format: 'email', maxLength: 254 } as const;
const PASSWORD_FIELD = { type: 'string', minLength: 1, maxLength: 4096 } as const;

const REGISTER_CONTRACT = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'password', 'municipality', 'member'],
  properties: { email: EMAIL, password: PASSWORD_FIELD, municipality: { type: 'object' }, member: { type: 'object' } },
} as const;

const LOGIN_CONTRACT = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'password'],
  properties: { email: { type: 'string', minLength: 1, maxLength: 254 }, password: PASSWORD_FIELD },
} as const;

const PASSWORD_CONTRACT = {
  type: 'object',
  additionalProperties: false,
  required: ['currentPassword', 'newPassword'],
  properties: { currentPassword: PASSWORD_FIELD, newPassword: PASSWORD_FIELD },
} as const;

const ACCEPT_CONTRACT = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'email', 'password', 'displayName', 'languages'],
  properties: { code: { type: 'string', minLength: 1, maxLength: 64 }, email: EMAIL, password: PASSWORD_FIELD, displayName: { type: 'string' }, languages: { type: 'array' } },
} as const;

const REASON_CONTRACT = { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: { ...VISIBLE_TEXT_SCHEMA, maxLength: 500 } } } as const;

/** The password policy: MIN_PASSWORD_LENGTH to 1024 characters (code points). */
function meetsPolicy(password: string): boolean {
  const length = [...password].length;
  return length >= MIN_PASSWORD_LENGTH && length <= 1024;
}

function without(input: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const copy = { ...input };
  for (const field of fields) delete copy[field];
  return copy;
}

const SOME_ID = 'fuzz-oracle-0001';

/** Register: the contract, the policy, and the documents the server builds from the body, each valid. */
function registerIsValid(body: unknown): boolean {
  if (validateDocument(REGISTER_CONTRACT, body).length > 0) return false;
  const { password, municipality, member } = body as { password: string; municipality: Record<string, unknown>; member: Record<string, unknown> };
  if (!meetsPolicy(password)) return false;
  const now = Date.now();
  // Field stamps too: the server drops any an application claims (a new document has none).
  const asMunicipality = { ...without(municipality, ['id', 'verification', 'updatedAt', 'fieldStamps', 'meta']), id: SOME_ID, verification: { status: 'pending' }, updatedAt: now };
  const asMember = { ...without(member, ['id', 'municipalityId', 'role', 'status', 'updatedAt', 'meta']), id: SOME_ID, municipalityId: SOME_ID, role: 'coordinator', status: 'pending', updatedAt: now };
  return validateDocument(MUNICIPALITY_SCHEMA, asMunicipality).length === 0 && validateDocument(MEMBER_SCHEMA, asMember).length === 0;
}

/** Accept: the contract, the policy, and the member the server builds, valid (the code is checked apart). */
function acceptIsValid(body: unknown): boolean {
  if (validateDocument(ACCEPT_CONTRACT, body).length > 0) return false;
  const { password, displayName, languages } = body as { password: string; displayName: string; languages: unknown };
  if (!meetsPolicy(password)) return false;
  const member = { id: SOME_ID, municipalityId: SOME_ID, displayName, role: 'official', languages, status: 'pending', updatedAt: Date.now() };
  return validateDocument(MEMBER_SCHEMA, member).length === 0;
}

// ---- Push: the envelope and each row. ----

/** Whether a push body is a push at all (the route's 400/413), as the DESIGN.md "Sync" section states it. */
function pushEnvelopeIsValid(body: unknown): boolean {
  if (!Array.isArray(body) || body.length > SYNC_LIMITS.maxPushRows) return false;
  const ids = new Set<string>();
  for (const row of body) {
    if (!isObject(row)) return false;
    const state = row.newDocumentState;
    if (!isObject(state) || typeof state.id !== 'string' || state.id === '') return false;
    const assumed = row.assumedMasterState;
    if (assumed !== undefined && assumed !== null && (!isObject(assumed) || assumed.id !== state.id)) return false;
    if (ids.has(state.id)) return false;
    ids.add(state.id);
  }
  return true;
}

const ID_REGEX = /^[A-Za-z0-9][A-Za-z0-9_-]{7,63}$/;

/** Whether one row's document is a valid document of `collection` (server-set `meta` ignored), as push must judge it. */
function rowIsValid(collection: CollectionName, row: Record<string, unknown>): boolean {
  const state = row.newDocumentState as Record<string, unknown>;
  if (!ID_REGEX.test(state.id as string)) return false;
  for (const candidate of [state, row.assumedMasterState]) {
    if (isObject(candidate) && '_deleted' in candidate && typeof candidate._deleted !== 'boolean') return false;
  }
  const { _deleted: _ignored, meta: _meta, ...content } = state;
  const version = row.schemaVersion as number | undefined;
  if (version !== undefined && !migrateToCurrent(collection, content, version).ok) return false;
  return toCurrentVersion(collection, content, version).ok;
}

/** A 200 push answer refuses (as `invalid-document`) every row whose document is not valid, and only those. */
function pushRowsCheck(collection: CollectionName, rows: Record<string, unknown>[]): (json: unknown) => string | null {
  return (json) => {
    if (!isObject(json) || !Array.isArray(json.conflicts) || !Array.isArray(json.refused)) return `push answer is not { conflicts, refused }: ${JSON.stringify(json).slice(0, 200)}`;
    const refused = new Map((json.refused as { id: string; code: string }[]).map((entry) => [entry.id, entry.code]));
    for (const row of rows) {
      const state = row.newDocumentState as Record<string, unknown>;
      const id = state.id as string;
      const valid = rowIsValid(collection, row);
      if (!valid && refused.get(id) !== 'invalid-document' && state._deleted !== true) return `push accepted an invalid ${collection} document ${JSON.stringify(id).slice(0, 80)}`;
      if (valid && refused.get(id) === 'invalid-document') return `push refused a valid ${collection} document ${id} as invalid`;
    }
    return null;
  };
}

/** A valid document of `collection` that `actor` may plausibly write (their municipality, their own ids). */
function validDocument(world: FuzzWorld, collection: CollectionName, actor: SignedInActor): Record<string, unknown> {
  const member = world.actors[actor];
  const municipalityId = member.municipalityId;
  const now = Date.now();
  const id = makeId();
  switch (collection) {
    case 'municipalities':
      return { ...(member.profile.municipality ?? {}), updatedAt: now };
    case 'members':
      return { ...member.profile.member, updatedAt: now };
    case 'contacts':
      return makeContact({ id, memberId: member.id, updatedAt: now });
    case 'needs':
      return makeNeed({ id, municipalityId, updatedAt: now });
    case 'offers':
      return makeOffer({ id, municipalityId, updatedAt: now });
    case 'pledges':
      return makePledge({ id, needId: world.need.id, offerId: undefined, fromMunicipalityId: municipalityId, toMunicipalityId: world.actors.coordinator.municipalityId, expiresAt: now + 86_400_000, updatedAt: now });
    case 'pledge_events':
      return makeEvent('dispatched', { id, byMemberId: member.id, byMunicipalityId: municipalityId, updatedAt: now });
    case 'messages':
      return makeMessage({ id, subjectId: world.need.id, fromMunicipalityId: municipalityId, toMunicipalityId: world.actors.coordinator.municipalityId, authorMemberId: member.id, updatedAt: now });
    case 'photos':
      return makePhoto({ id, ownerKind: 'need', ownerId: world.need.id, updatedAt: now });
  }
}

// ---- The routes. ----

export type RouteSpec = {
  name: string;
  method: string;
  /** Other methods that exist at the same path (another route answers them). */
  siblings: readonly string[];
  /** Whether every answer needs a session (then no session, or a forged one, is refused). */
  signedIn: boolean;
  /** Whether the route changes state (then a request from another site is refused). */
  stateChanging: boolean;
  /**
   * How a request of this route is judged when its JSON body is `body` (undefined: none was read):
   * the whole request, its head included, since the body variants swap only the body and must keep
   * a refusal that the session or the path earned (a push to a collection that does not exist).
   */
  judgeBody?: (body: unknown, head: RequestHead) => Expectation;
  /** Body limit in bytes, for bodies over it. */
  bodyLimit?: number;
  /** The route of the app this spec fuzzes (`METHOD /path/:param`), checked against the running app's router. */
  appRoute?: string;
  /** How often this route is drawn, relative to the others (1 when unset): the sync routes reach the deepest code. */
  weight?: number;
  /** Valid and mutated requests of this route. */
  cases(world: FuzzWorld): fc.Arbitrary<Base>;
};

const AUTH_LIMIT = 16 * 1024;

function pathOf(base: string, query: Record<string, string | undefined>): string {
  const parts = Object.entries(query).filter(([, value]) => value !== undefined).map(([key, value]) => `${key}=${value}`);
  return parts.length === 0 ? base : `${base}?${parts.join('&')}`;
}

/** `limit` as the pull route's contract reads it: an integer from 1 to maxPullLimit; odd spellings may go either way. */
function judgeLimit(raw: string | undefined): Expectation {
  if (raw === undefined) return 'ok';
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return 'either';
  }
  if (/^[1-9][0-9]*$/.test(decoded)) return Number(decoded) <= SYNC_LIMITS.maxPullLimit ? 'ok' : 'refused';
  const number = Number(decoded);
  return Number.isInteger(number) && number >= 1 && number <= SYNC_LIMITS.maxPullLimit ? 'either' : 'refused';
}

function pullCheck(collection: CollectionName): (json: unknown) => string | null {
  return (json) => {
    if (!isObject(json) || !Array.isArray(json.documents) || !isObject(json.checkpoint) || typeof json.checkpoint.seq !== 'string' || typeof json.remaining !== 'number') {
      return `pull answer is not { documents, checkpoint: { seq }, remaining }: ${JSON.stringify(json).slice(0, 200)}`;
    }
    for (const doc of json.documents as Record<string, unknown>[]) {
      const { _deleted: _ignored, ...content } = doc;
      const errors = validateDocument(COLLECTIONS[collection].schema, content);
      if (errors.length > 0) return `pull returned an invalid ${collection} document ${String(doc.id)}: ${JSON.stringify(errors).slice(0, 200)}`;
    }
    return null;
  };
}

const collectionArb = fc.constantFrom(...COLLECTION_NAMES);

/** Checkpoints: junk, and well-sealed ones for the reader whose insides are junk (they reach feed-guard.ts). */
function checkpointArb(world: FuzzWorld, actor: ActorName): fc.Arbitrary<string | undefined> {
  const sealed =
    actor === 'anonymous'
      ? fc.constant('x')
      : fc
          .tuple(fc.oneof(hostileString, fc.constantFrom('c4c_needs', 'deadbeef')), fc.option(fc.tuple(oddId, fc.oneof(hostileString, fc.constantFrom('1-abc', '999999-zzz')))), fc.oneof(hostileString, fc.constantFrom('0', '1', '99999999999999999999', '5-g1AAAA', '-1')))
          .map(([database, anchor, seq]) => checkpointFor(world.actors[actor].profile.actor, database, feedPosition(anchor ? { id: anchor[0], rev: anchor[1] } : null, seq)));
  return fc.option(fc.oneof(hostileQueryValue, sealed.map((value) => percentEncode(value))), { nil: undefined });
}

function pullRoute(): RouteSpec {
  return {
    name: 'sync.pull', appRoute: 'GET /api/sync/:collection/pull',
    method: 'GET',
    weight: 2,
    siblings: [],
    signedIn: true,
    stateChanging: false,
    cases: (world) =>
      fc.oneof(
        // Well-formed, with a real collection and a valid limit: every document returned must be valid.
        fc.tuple(signedInArb, collectionArb, fc.option(fc.integer({ min: 1, max: SYNC_LIMITS.maxPullLimit }), { nil: undefined })).map(([actor, collection, limit]): Base => ({
          kind: 'valid',
          actor,
          path: pathOf(`/api/sync/${collection}/pull`, { limit: limit === undefined ? undefined : String(limit) }),
          expect: 'ok',
          shape: 'json',
          extra: pullCheck(collection),
        })),
        fc.tuple(signedInArb, collectionArb, fc.option(hostileQueryValue, { nil: undefined })).chain(([actor, collection, limit]) =>
          checkpointArb(world, actor).map((checkpoint): Base => ({
            kind: checkpoint !== undefined ? 'bad-checkpoint' : 'bad-query',
            actor,
            path: pathOf(`/api/sync/${collection}/pull`, { limit, checkpoint }),
            expect: judgeLimit(limit),
            shape: 'json',
            extra: pullCheck(collection),
          })),
        ),
        fc.tuple(signedInArb, fc.oneof(oddId, hostileString)).map(([actor, name]): Base => ({
          kind: 'odd-id',
          actor,
          path: `/api/sync/${percentEncode(name)}/pull`,
          expect: (COLLECTION_NAMES as string[]).includes(name) ? 'ok' : 'refused',
          shape: 'json',
        })),
      ),
  };
}

/** The collection a sync path names (`/api/sync/:collection/…`, decoded as Express decodes it), or null when it names none. */
function collectionInPath(path: string): CollectionName | null {
  const segment = /^\/api\/sync\/([^/?]+)\/[^/?]+/.exec(path)?.[1];
  if (segment === undefined) return null;
  try {
    const name = decodeURIComponent(segment);
    return isCollectionName(name) ? name : null;
  } catch {
    // Express answers 400 to a path parameter it cannot decode: a refusal too.
    return null;
  }
}

function pushRoute(): RouteSpec {
  // The server checks Origin (403) and session (401), then reads the body (413, 415, 400 for JSON it
  // cannot read), then the collection of the path (404 unknown-collection), then the rows (400, 413).
  // Any of them refuses: a push to a collection that does not exist is refused whatever its body.
  const judgeBody = (body: unknown, { actor, path }: RequestHead): Expectation => (actor !== 'anonymous' && collectionInPath(path) !== null && pushEnvelopeIsValid(body) ? 'ok' : 'refused');
  const rowsArb = (world: FuzzWorld, collection: CollectionName, actor: SignedInActor) =>
    fc.array(
      fc.tuple(fc.option(mutated(COLLECTIONS[collection].schema), { freq: 3, nil: null }), fc.option(fc.oneof(fc.constantFrom(0, 1, 2, -1, 1.5), hostileValue), { freq: 5, nil: undefined }), fc.boolean()).map(([mutation, schemaVersion, deleted]) => {
        const valid = validDocument(world, collection, actor);
        const doc = mutation ? mutation.apply(valid) : valid;
        const row: Record<string, unknown> = { newDocumentState: { ...doc, _deleted: deleted && mutation !== null ? true : false } };
        if (schemaVersion !== undefined) row.schemaVersion = schemaVersion;
        return { row, kinds: mutation?.kinds ?? [] };
      }),
      { minLength: 1, maxLength: 5 },
    );
  return {
    name: 'sync.push', appRoute: 'POST /api/sync/:collection/push',
    method: 'POST',
    weight: 5,
    siblings: [],
    signedIn: true,
    stateChanging: true,
    judgeBody,
    bodyLimit: SYNC_LIMITS.maxBodyBytes,
    cases: (world) =>
      fc.oneof(
        // Rows of valid documents, some mutated by the schema: each invalid row must be refused, the rest judged by the rules.
        { weight: 8, arbitrary: fc.tuple(signedInArb, collectionArb).chain(([actor, collection]) =>
          rowsArb(world, collection, actor).map((rows): Base => {
            const body = rows.map((entry) => entry.row);
            const kinds = rows.flatMap((entry) => entry.kinds);
            const path = `/api/sync/${collection}/push`;
            const expect = judgeBody(body, { actor, path });
            return {
              kind: kinds.length === 0 ? 'valid' : `doc:${kinds[0]}`,
              actor,
              path,
              body: jsonBody(body),
              expect,
              shape: 'json',
              extra: expect === 'ok' ? pushRowsCheck(collection, body) : undefined,
            };
          }),
        ) },
        // Rows that are not rows: null, numbers, no newDocumentState, an assumed state of another document, repeated ids.
        fc.tuple(signedInArb, collectionArb, fc.array(fc.oneof(hostileValue, fc.record({ newDocumentState: hostileValue }), fc.record({ newDocumentState: fc.record({ id: fc.oneof(oddId, hostileValue) }), assumedMasterState: hostileValue }), fc.constant({ newDocumentState: { id: 'same-id-0001' } })), { minLength: 1, maxLength: 4 })).map(([actor, collection, rows]): Base => {
          const path = `/api/sync/${collection}/push`;
          const expect = judgeBody(rows, { actor, path });
          return {
            kind: 'bad-rows',
            actor,
            path,
            body: jsonBody(rows),
            expect,
            shape: 'json',
            extra: expect === 'ok' ? pushRowsCheck(collection, rows as Record<string, unknown>[]) : undefined,
          };
        }),
        fc.tuple(signedInArb, collectionArb).map(([actor, collection]): Base => ({
          kind: 'too-many-rows',
          actor,
          path: `/api/sync/${collection}/push`,
          lazyBody: () => jsonBody(Array.from({ length: SYNC_LIMITS.maxPushRows + 1 }, (_unused, index) => ({ newDocumentState: { id: `row-${String(index).padStart(6, '0')}` } }))),
          expect: 'refused',
          shape: 'json',
        })),
        fc.tuple(signedInArb, fc.oneof(oddId, hostileString)).map(([actor, name]): Base => {
          const path = `/api/sync/${percentEncode(name)}/push`;
          return { kind: 'odd-id', actor, path, body: jsonBody([]), expect: judgeBody([], { actor, path }), shape: 'json' };
        }),
      ),
  };
}

function streamRoute(): RouteSpec {
  return {
    name: 'sync.stream', appRoute: 'GET /api/sync/stream',
    method: 'GET',
    siblings: [],
    signedIn: true,
    stateChanging: false,
    cases: () =>
      fc.tuple(signedInArb, fc.option(hostileQueryValue, { nil: undefined })).map(([actor, junk]): Base => ({
        kind: junk === undefined ? 'valid' : 'bad-query',
        actor,
        path: pathOf('/api/sync/stream', { checkpoint: junk, [junk ?? 'x']: junk }),
        expect: 'ok',
        shape: 'event-stream',
      })),
  };
}

/** A JSON-body route whose valid and mutated bodies come from `bodies`, judged by `judgeBody`. */
function jsonRoute(spec: Omit<RouteSpec, 'cases'> & { path: string; actors: fc.Arbitrary<ActorName>; bodies: fc.Arbitrary<{ kind: string; value: unknown }> }): RouteSpec {
  const judge = spec.judgeBody!;
  return {
    ...spec,
    cases: () =>
      fc.tuple(spec.actors, spec.bodies).map(([actor, { kind, value }]): Base => ({
        kind,
        actor,
        path: spec.path,
        body: jsonBody(value),
        expect: judge(value, { actor, path: spec.path }),
        shape: 'json',
      })),
  };
}

function registerRoute(): RouteSpec {
  const bodies = fc.oneof(
    fc.constant(null).map(() => ({ kind: 'valid', value: registration() })),
    mutated(REGISTER_CONTRACT).map((mutation) => ({ kind: `body:${mutation.kinds[0]}`, value: mutation.apply(registration()) })),
    mutated(MUNICIPALITY_SCHEMA).map((mutation) => {
      const body = registration();
      return { kind: `doc:${mutation.kinds[0]}`, value: { ...body, municipality: mutation.apply(body.municipality) } };
    }),
    mutated(MEMBER_SCHEMA).map((mutation) => {
      const body = registration();
      return { kind: `doc:${mutation.kinds[0]}`, value: { ...body, member: mutation.apply(body.member) } };
    }),
  );
  return jsonRoute({
    name: 'auth.register', appRoute: 'POST /api/auth/register',
    method: 'POST',
    path: '/api/auth/register',
    siblings: [],
    signedIn: false,
    stateChanging: true,
    bodyLimit: AUTH_LIMIT,
    actors: actorArb,
    judgeBody: (body) => (registerIsValid(body) ? 'ok' : 'refused'),
    bodies,
  });
}

function loginRoute(): RouteSpec {
  return jsonRoute({
    name: 'auth.login', appRoute: 'POST /api/auth/login',
    method: 'POST',
    path: '/api/auth/login',
    siblings: [],
    signedIn: false,
    stateChanging: true,
    bodyLimit: AUTH_LIMIT,
    actors: fc.constant<ActorName>('anonymous'),
    // Only the moderator's own email and password sign in; every other body is refused (400 or 401).
    judgeBody: (body) => (isObject(body) && validateDocument(LOGIN_CONTRACT, body).length === 0 && String(body.email).trim().toLowerCase() === TEST_ADMIN.email && body.password === TEST_ADMIN.password ? 'ok' : 'refused'),
    bodies: fc.oneof(
      { weight: 1, arbitrary: fc.constant({ kind: 'valid', value: { email: TEST_ADMIN.email, password: TEST_ADMIN.password } }) },
      { weight: 6, arbitrary: mutated(LOGIN_CONTRACT).map((mutation) => ({ kind: `body:${mutation.kinds[0]}`, value: mutation.apply({ email: TEST_ADMIN.email, password: 'not the password' }) })) },
    ),
  });
}

function passwordRoute(): RouteSpec {
  return jsonRoute({
    name: 'auth.password', appRoute: 'POST /api/auth/password',
    method: 'POST',
    path: '/api/auth/password',
    siblings: [],
    signedIn: true,
    stateChanging: true,
    bodyLimit: AUTH_LIMIT,
    actors: signedInArb,
    // The campaign never sends a current password right: every change is refused (403 wrong-password or 400).
    judgeBody: () => 'refused',
    bodies: mutated(PASSWORD_CONTRACT).map((mutation) => ({ kind: `body:${mutation.kinds[0]}`, value: mutation.apply({ currentPassword: 'wrong password!', newPassword: 'a new long password' }) })),
  });
}

function invitationCreateRoute(): RouteSpec {
  const path = '/api/invitations';
  const judgeBody = (body: unknown, { actor }: RequestHead): Expectation => {
    if (actor !== 'coordinator') return 'refused';
    if (body === undefined) return 'ok';
    if (!isObject(body) || Object.keys(body).some((key) => key !== 'role')) return 'refused';
    return body.role === undefined || (INVITATION_ROLES as readonly unknown[]).includes(body.role) ? 'ok' : 'refused';
  };
  return {
    name: 'invitations.create', appRoute: 'POST /api/invitations',
    method: 'POST',
    siblings: [],
    signedIn: true,
    stateChanging: true,
    bodyLimit: AUTH_LIMIT,
    judgeBody,
    cases: () =>
      fc.tuple(signedInArb, fc.oneof(fc.constantFrom<unknown>(undefined, {}, { role: 'official' }, { role: 'volunteer' }, { role: 'coordinator' }, { role: 'moderator' }), fc.record({ role: hostileValue }), fc.dictionary(hostileString, hostileValue, { maxKeys: 3 }))).map(([actor, value]): Base => ({
        kind: value === undefined || (isObject(value) && (value.role === undefined || value.role === 'official' || value.role === 'volunteer') && Object.keys(value).length <= 1) ? 'valid' : 'body:wrong-value',
        actor,
        path,
        body: value === undefined ? undefined : jsonBody(value),
        expect: judgeBody(value, { actor, path }),
        shape: 'json',
      })),
  };
}

function acceptRoute(): RouteSpec {
  const base = (code: string) => ({ code, email: `fuzz-${makeId().slice(0, 12)}@hromada.example`, password: PASSWORD, displayName: 'Фаз Тестенко', languages: ['uk'] });
  return {
    name: 'invitations.accept', appRoute: 'POST /api/invitations/accept',
    method: 'POST',
    siblings: [],
    signedIn: false,
    stateChanging: true,
    bodyLimit: AUTH_LIMIT,
    // Without a real code (the generic variants) nothing is accepted.
    judgeBody: () => 'refused',
    cases: () =>
      fc.oneof(
        // A code nobody issued: refused whatever the rest says.
        fc.tuple(actorArb, mutated(ACCEPT_CONTRACT), fc.oneof(hostileString, fc.constant('AAAAAAAAAAAAAAAA'))).map(([actor, mutation, code]): Base => ({
          kind: `body:${mutation.kinds[0]}`,
          actor,
          path: '/api/invitations/accept',
          body: jsonBody(mutation.apply(base(code))),
          expect: 'refused',
          shape: 'json',
        })),
        // A real code, fresh from the coordinator, with a valid or mutated body: accepted exactly when the body is valid.
        fc.tuple(fc.option(mutated(ACCEPT_CONTRACT), { nil: null }), fc.option(mutated(MEMBER_SCHEMA), { nil: null })).map(([envelope, memberMutation]): Base => ({
          kind: envelope ? `body:${envelope.kinds[0]}` : memberMutation ? `doc:${memberMutation.kinds[0]}` : 'valid',
          actor: 'anonymous',
          path: '/api/invitations/accept',
          expect: 'refused',
          shape: 'json',
          prepare: async (world) => {
            const answer = await world.actors.coordinator.browser.request<{ code: string }>('POST', '/api/invitations', { role: 'official' });
            let body: unknown = base(answer.body.code);
            if (memberMutation) {
              const { displayName, languages } = memberMutation.apply({ displayName: 'Фаз Тестенко', languages: ['uk'], id: SOME_ID });
              body = { ...(body as object), displayName, languages };
            }
            if (envelope) body = envelope.apply(body as Record<string, unknown>);
            const email = isObject(body) && typeof body.email === 'string' ? body.email.trim().toLowerCase() : undefined;
            const valid = acceptIsValid(body) && isObject(body) && body.code === answer.body.code && !(email !== undefined && world.usedEmails.has(email));
            return { body: jsonBody(body), expect: valid ? 'ok' : 'refused', emailUsed: email };
          },
        })),
      ),
  };
}

function logoutRoute(): RouteSpec {
  return {
    name: 'auth.logout', appRoute: 'POST /api/auth/logout',
    method: 'POST',
    siblings: [],
    signedIn: true,
    stateChanging: true,
    cases: () =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constant<Base>({ kind: 'no-session', actor: 'anonymous', path: '/api/auth/logout', expect: 'refused', shape: 'json' }) },
        // Signing out a session of its own (never one of the world's actors, whose sessions the campaign needs).
        {
          weight: 1,
          arbitrary: fc.constant<Base>({
            kind: 'valid',
            actor: 'anonymous',
            path: '/api/auth/logout',
            expect: 'ok',
            shape: 'empty',
            prepare: async (world) => {
              const response = await fetch(`${world.server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(TEST_ADMIN) });
              const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
              await response.arrayBuffer();
              return { cookie };
            },
          }),
        },
      ),
  };
}

function meRoute(): RouteSpec {
  return {
    name: 'auth.me', appRoute: 'GET /api/auth/me',
    method: 'GET',
    siblings: [],
    signedIn: true,
    stateChanging: false,
    cases: () => signedInArb.map((actor): Base => ({ kind: 'valid', actor, path: '/api/auth/me', expect: 'ok', shape: 'json' })),
  };
}

/** Targets of member and municipality decisions: malformed ids, unknown ids, the world's own people (decided already, or not the actor's to decide). */
function decisionTarget(world: FuzzWorld, of: 'member' | 'municipality', decider: ActorName): fc.Arbitrary<{ id: string; kind: string; known: boolean }> {
  // A moderator (or coordinator) is never offered the world's pending people: deciding them is allowed, and would change the world.
  const people = decider === 'moderator' || decider === 'coordinator' ? SIGNED_IN_ACTORS.filter((actor) => actor !== 'pending' && actor !== 'pendingCoordinator') : SIGNED_IN_ACTORS;
  const own = people.map((actor) => (of === 'member' ? world.actors[actor].id : world.actors[actor].municipalityId)).filter((id) => id !== 'platform-moderators');
  return fc.oneof(
    oddId.map((id) => ({ id, kind: 'odd-id', known: false })),
    fc.uuid().map((id) => ({ id, kind: 'unknown-id', known: false })),
    fc.constantFrom(...own).map((id) => ({ id, kind: 'not-yours', known: true })),
  );
}

function membersRemoveRoute(): RouteSpec {
  return {
    name: 'members.remove', appRoute: 'POST /api/members/:id/remove',
    method: 'POST',
    siblings: [],
    signedIn: true,
    stateChanging: true,
    cases: (world) =>
      fc.oneof(
        // Nobody may remove the world's people here: the coordinator and moderator are not offered them (it would be allowed).
        fc.constantFrom<SignedInActor>('official', 'volunteer', 'pending', 'pendingCoordinator').chain((actor) => decisionTarget(world, 'member', actor).map((target) => [actor, target] as const)).map(([actor, target]): Base => ({
          kind: target.kind,
          actor,
          path: `/api/members/${percentEncode(target.id)}/remove`,
          expect: 'refused',
          shape: 'json',
        })),
        fc.tuple(fc.constantFrom<SignedInActor>('coordinator', 'moderator'), fc.oneof(oddId, fc.uuid())).map(([actor, id]): Base => ({
          kind: 'odd-id',
          actor,
          path: `/api/members/${percentEncode(id)}/remove`,
          expect: 'refused',
          shape: 'json',
        })),
        // A member who joined for this case, removed by their coordinator or a moderator.
        fc.constantFrom<SignedInActor>('coordinator', 'moderator').map((actor): Base => ({
          kind: 'valid',
          actor,
          path: '/api/members/pending/remove',
          expect: 'ok',
          shape: 'json',
          prepare: async (target) => {
            const member = await invitedMember(target.server.url, target.actors.coordinator, null, 'official', target.nextAddress());
            target.usedEmails.add(member.email.toLowerCase());
            return { path: `/api/members/${member.id}/remove` };
          },
        })),
      ),
  };
}

function moderationRoutes(): RouteSpec[] {
  const pending: RouteSpec = {
    name: 'moderation.pending', appRoute: 'GET /api/moderation/pending',
    method: 'GET',
    siblings: [],
    signedIn: true,
    stateChanging: false,
    cases: () => fc.tuple(signedInArb, fc.option(hostileQueryValue, { nil: undefined })).map(([actor, junk]): Base => ({ kind: junk === undefined ? 'valid' : 'bad-query', actor, path: pathOf('/api/moderation/pending', { x: junk }), expect: actor === 'moderator' ? 'ok' : 'refused', shape: 'json' })),
  };
  const decisions = (['municipalities', 'members'] as const).flatMap((of) =>
    (['verify', 'reject'] as const).map((decision): RouteSpec => {
      const judgeReason = (body: unknown): boolean => decision === 'verify' || validateDocument(REASON_CONTRACT, body).length === 0;
      return {
        name: `moderation.${of}.${decision}`,
        appRoute: `POST /api/moderation/${of}/:id/${decision}`,
        method: 'POST',
        siblings: [],
        signedIn: true,
        stateChanging: true,
        bodyLimit: decision === 'reject' ? AUTH_LIMIT : undefined,
        judgeBody: decision === 'reject' ? () => 'refused' : undefined,
        cases: (world) => {
          const reasons = fc.oneof(fc.constant({ reason: 'The registration papers do not match the municipality.' }), mutated(REASON_CONTRACT).map((mutation) => mutation.apply({ reason: 'Not a municipality.' }) as unknown));
          return fc.oneof(
            { weight: 4, arbitrary: fc.tuple(signedInArb.chain((actor) => decisionTarget(world, of === 'members' ? 'member' : 'municipality', actor).map((target) => [actor, target] as const)), reasons).map(([[actor, target], reason]): Base => ({
              kind: target.kind,
              actor,
              path: `/api/moderation/${of}/${percentEncode(target.id)}/${decision}`,
              body: decision === 'reject' ? jsonBody(reason) : undefined,
              // The world's people are decided already (409) or not the actor's to decide (403).
              expect: 'refused',
              shape: 'json',
            })) },
            // A fresh applicant for this case: the moderator decides (accepted when the reason is valid); anyone else is refused.
            { weight: 1, arbitrary: fc.tuple(signedInArb, reasons).map(([actor, reason]): Base => ({
              kind: decision === 'reject' && !judgeReason(reason) ? 'body:reason' : 'valid',
              actor,
              path: `/api/moderation/${of}/fresh-target-0000/${decision}`,
              body: decision === 'reject' ? jsonBody(reason) : undefined,
              expect: actor === 'moderator' && judgeReason(reason) ? 'ok' : 'refused',
              shape: 'json',
              prepare: async (target) => {
                if (of === 'members') {
                  const member = await invitedMember(target.server.url, target.actors.coordinator, null, 'official', target.nextAddress());
                  target.usedEmails.add(member.email.toLowerCase());
                  return { path: `/api/moderation/members/${member.id}/${decision}` };
                }
                const body = registration();
                const answer = await fetch(`${target.server.url}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': target.nextAddress() }, body: JSON.stringify(body) });
                const profile = (await answer.json()) as { member: { municipalityId: string } };
                target.usedEmails.add(body.email.toLowerCase());
                return { path: `/api/moderation/municipalities/${profile.member.municipalityId}/${decision}` };
              },
            })) },
          );
        },
      };
    }),
  );
  return [pending, ...decisions];
}

function photoRoutes(): RouteSpec[] {
  // Members of the owner's municipality add its photos, pending ones included (domain/permissions.ts checkPhotoWrite).
  const sameMunicipality = new Set<ActorName>(['coordinator', 'official', 'volunteer', 'pending']);
  const upload: RouteSpec = {
    name: 'photos.upload', appRoute: 'PUT /api/photos/:id',
    method: 'PUT',
    siblings: ['GET', 'HEAD'],
    signedIn: true,
    stateChanging: true,
    cases: (world) =>
      fc.oneof(
        // The bytes again, of the photo that has them (200): the other photo keeps none, so its downloads stay 404.
        fc.tuple(signedInArb, fc.constantFrom('image/png', 'image/png; charset=binary', 'IMAGE/PNG')).map(([actor, contentType]): Base => ({
          kind: 'valid',
          actor,
          path: `/api/photos/${world.photoWithBytes.id}`,
          contentType,
          body: PNG_1X1,
          // The owner's coordinator may add the bytes; others of the municipality as the photo rule says; anyone else never.
          expect: actor === 'coordinator' ? 'ok' : sameMunicipality.has(actor) ? 'either' : 'refused',
          shape: 'json',
        })),
        fc.tuple(signedInArb, fc.constantFrom(world.photoWithBytes.id, world.photoWithoutBytes.id), fc.oneof(wrongContentType, fc.constantFrom('image/png', 'image/jpeg', 'image/webp', 'image/svg+xml')), fc.oneof(fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)), fc.constant(PNG_1X1.subarray(0, 20)), fc.constant(Buffer.concat([PNG_1X1, Buffer.from([0])])), fc.constant(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')))).map(([actor, id, contentType, body]): Base => ({
          kind: 'bad-bytes',
          actor,
          path: `/api/photos/${id}`,
          contentType,
          body,
          expect: 'refused',
          shape: 'json',
        })),
        fc.tuple(signedInArb, oddId).map(([actor, id]): Base => ({ kind: 'odd-id', actor, path: `/api/photos/${percentEncode(id)}`, contentType: 'image/png', body: PNG_1X1, expect: 'refused', shape: 'json' })),
        fc.tuple(fc.constantFrom<SignedInActor>('coordinator', 'official'), fc.integer({ min: 1, max: 3 })).map(([actor, megabytes]): Base => ({
          kind: 'huge-body',
          actor,
          path: `/api/photos/${world.photoWithoutBytes.id}`,
          contentType: 'image/png',
          lazyBody: () => Buffer.alloc(megabytes * 1024 * 1024 + 1, 7),
          expect: 'refused',
          shape: 'json',
        })),
      ),
  };
  const download: RouteSpec = {
    name: 'photos.download', appRoute: 'GET /api/photos/:id',
    method: 'GET',
    siblings: ['PUT'],
    signedIn: true,
    stateChanging: false,
    cases: (world) =>
      fc.oneof(
        signedInArb.map((actor): Base => ({ kind: 'valid', actor, path: `/api/photos/${world.photoWithBytes.id}`, expect: actor === 'coordinator' ? 'ok' : 'either', shape: 'bytes' })),
        signedInArb.map((actor): Base => ({ kind: 'bytes-missing', actor, path: `/api/photos/${world.photoWithoutBytes.id}`, expect: 'refused', shape: 'bytes' })),
        fc.tuple(signedInArb, oddId).map(([actor, id]): Base => ({ kind: 'odd-id', actor, path: `/api/photos/${percentEncode(id)}`, expect: 'refused', shape: 'bytes' })),
      ),
  };
  return [upload, download];
}

function healthRoute(): RouteSpec {
  return {
    name: 'health', appRoute: 'GET /healthz',
    method: 'GET',
    siblings: [],
    signedIn: false,
    stateChanging: false,
    cases: () => fc.tuple(actorArb, fc.option(hostileQueryValue, { nil: undefined })).map(([actor, junk]): Base => ({ kind: junk === undefined ? 'valid' : 'bad-query', actor, path: pathOf('/healthz', { x: junk }), expect: 'ok', shape: 'json' })),
  };
}

/** Paths no route has, under /api and outside it (the built PWA), including ways out of the served folder. */
function unknownRoute(): RouteSpec {
  const traversal = fc.constantFrom('/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%2e%2e%2fsecret.txt', '//secret.txt', '/assets/%00.js', '/index.html%00', '/.env', '/assets/app-abc123.js', '/');
  const secretFree = (_json: unknown, raw: Buffer) => (raw.toString('utf8').includes(OUTSIDE_SECRET) ? 'served a file from outside the built PWA' : null);
  return {
    name: 'unknown',
    method: 'GET',
    siblings: [],
    signedIn: false,
    stateChanging: false,
    cases: () =>
      fc.oneof(
        fc.tuple(actorArb, fc.oneof(hostileString, oddId)).map(([actor, name]): Base => ({ kind: 'unknown-path', actor, path: `/api/${percentEncode(name)}/x`, expect: 'refused', shape: 'json' })),
        fc.tuple(actorArb, traversal).map(([actor, path]): Base => ({ kind: 'path-traversal', actor, path, expect: 'either', shape: 'html', extra: secretFree })),
        fc.tuple(actorArb, hostileString).map(([actor, name]): Base => ({ kind: 'unknown-path', actor, path: `/${percentEncode(name)}`, expect: 'either', shape: 'html', extra: secretFree })),
      ),
  };
}

/** Every route of the sync server (sync-server/server.ts and routes/*.ts), and the unknown ones. */
export function allRoutes(): RouteSpec[] {
  return [
    pullRoute(),
    pushRoute(),
    streamRoute(),
    registerRoute(),
    loginRoute(),
    logoutRoute(),
    meRoute(),
    passwordRoute(),
    invitationCreateRoute(),
    acceptRoute(),
    membersRemoveRoute(),
    ...moderationRoutes(),
    ...photoRoutes(),
    healthRoute(),
    unknownRoute(),
  ];
}

// ---- Generic hostile variants, for every route. ----

type Variant = (route: RouteSpec, base: FuzzCase) => fc.Arbitrary<FuzzCase>;

const asIs: Variant = (_route, base) => fc.constant(base);

/** Another method of the route's path. It never reaches this route's body parser (OPTIONS is answered with Allow), so the body's size is not judged. */
const wrongMethod: Variant = (route, { bodyLimit: _unread, ...base }) =>
  anyMethod
    .filter((method) => method !== route.method)
    .map((method): FuzzCase => {
      if (method === 'OPTIONS') return { ...base, kind: 'wrong-method', method, expect: 'either', shape: 'allow', extra: undefined, prepare: undefined };
      if (method === 'HEAD' && route.method === 'GET') return { ...base, kind: 'wrong-method', method, shape: 'any', extra: undefined, prepare: undefined };
      // A sibling route at the same path may accept it (a GET of a photo whose upload was fuzzed); that's its own case.
      const sibling = route.siblings.includes(method) || (method === 'HEAD' && route.siblings.includes('GET'));
      return { ...base, kind: 'wrong-method', method, expect: sibling ? 'either' : 'refused', shape: sibling || method === 'HEAD' ? 'any' : 'json', extra: undefined, prepare: undefined };
    });

/**
 * `prepare` still run (it makes the fresh target the request names), with its verdict overruled:
 * a variant that is refused whatever the target allows (another site's request) stays refused.
 */
function refusedAfter(prepare: FuzzCase['prepare']): FuzzCase['prepare'] {
  return prepare && (async (world) => ({ ...(await prepare(world)), expect: 'refused' }));
}

const foreignOrigin: Variant = (route, base) =>
  fc.constantFrom<'foreign' | 'null'>('foreign', 'null').map((origin): FuzzCase => ({
    ...base,
    kind: 'bad-origin',
    origin,
    expect: route.stateChanging ? 'refused' : base.expect,
    prepare: route.stateChanging ? refusedAfter(base.prepare) : base.prepare,
  }));

const forgedSession: Variant = (route, base) =>
  fc.oneof(badCookie, fc.constant(undefined)).map((cookie): FuzzCase => ({
    ...base,
    kind: cookie === undefined ? 'no-session' : 'bad-cookie',
    actor: 'anonymous',
    cookie,
    expect: route.signedIn ? 'refused' : base.expect,
    prepare: route.signedIn ? undefined : base.prepare,
  }));

/**
 * Body variants of a JSON route: the wrong type, malformed text, too large, too deep, the wrong
 * content type. Only the body is swapped: each is judged with the base's head (actor and path), so
 * a base refused for its path or session stays refused whatever body it now carries.
 */
export const hostileBody: Variant = (route, base) => {
  const judge = route.judgeBody;
  if (!judge) return fc.constant(base);
  const plain = { ...base, prepare: undefined, extra: undefined, shape: base.shape === 'empty' ? ('json' as const) : base.shape };
  const judged = (value: unknown) => judge(value, base);
  return fc.oneof(
    hostileValue.map((value): FuzzCase => ({ ...plain, kind: 'wrong-type', body: jsonBody(value), expect: judged(typeof value === 'object' && value !== null ? value : Symbol.for('not parsed')) })),
    hostileJsonText.map((text): FuzzCase => {
      const parsed = parsedLikeJsonParser(text);
      return { ...plain, kind: 'malformed-json', body: Buffer.from(text, 'utf8'), expect: parsed.ok ? judged(parsed.value) : 'refused' };
    }),
    fc.integer({ min: 1, max: 1024 }).map((extraKb): FuzzCase => ({
      ...plain,
      kind: 'huge-body',
      body: undefined,
      lazyBody: () => jsonBody({ padding: 'x'.repeat((route.bodyLimit ?? AUTH_LIMIT) + extraKb * 1024) }),
      expect: 'refused',
    })),
    // Judged by a shallow stand-in of the same shape: no contract here accepts a nested array or an object `{ a }`.
    fc.tuple(fc.integer({ min: 500, max: 20_000 }), fc.boolean()).map(([depth, asObjects]): FuzzCase => ({ ...plain, kind: 'deep-body', body: Buffer.from(deepJsonText(depth, asObjects)), expect: judged(deepValue(2, asObjects)) })),
    wrongContentType.map((contentType): FuzzCase => {
      const reading = isParsedAsJson(contentType);
      const body = base.body ?? jsonBody({});
      const expect: Expectation = reading === 'refused' ? 'refused' : reading === 'json' ? judged(JSON.parse(body.toString('utf8'))) : judged(undefined);
      return { ...plain, kind: 'wrong-content-type', contentType, body, expect };
    }),
  );
};

/** Any generated case of `route`: mostly its own (valid and mutated), then the generic hostile variants. */
export function routeCases(route: RouteSpec, world: FuzzWorld): fc.Arbitrary<FuzzCase> {
  const own = route.cases(world).map((base): FuzzCase => ({ ...base, route: route.name, actor: base.actor ?? 'anonymous', method: base.method ?? route.method, bodyLimit: route.bodyLimit }));
  const variants: { weight: number; variant: Variant }[] = [
    { weight: 10, variant: asIs },
    { weight: 2, variant: wrongMethod },
    { weight: route.stateChanging ? 2 : 1, variant: foreignOrigin },
    { weight: 2, variant: forgedSession },
    { weight: route.judgeBody ? 5 : 0, variant: hostileBody },
  ];
  return fc.tuple(own, fc.constantFrom(...variants.flatMap(({ weight, variant }) => Array.from({ length: weight }, () => variant)))).chain(([base, variant]) => variant(route, base));
}
