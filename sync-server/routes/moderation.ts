/**
 * `/api/moderation`: moderators decide on pending municipalities and members (issue 4). Every route
 * needs a signed-in active moderator: 401 not-signed-in, 403 moderator-only.
 * - GET /pending → 200 `{ municipalities: [{ municipality, applicant: { member, email } | null }],
 *   members: [{ member, email, municipality }] }`: what applicants entered, with their account's email.
 * - POST /municipalities/:id/verify → 200 `{ municipality, member }`: verified, its first (pending)
 *   coordinator made active (`member`, null when there is none to admit), and the municipality's
 *   needs, offers, members, their contacts and photos re-saved so phones that skipped them pull them now.
 * - POST /municipalities/:id/reject `{ reason }` (1–500 characters) → 200 `{ municipality }`: the
 *   reason is in `verification.reason`, which the applicant sees in GET /api/auth/me; its pending
 *   first member is rejected with it (status `removed`, the reason on the account as `rejection`).
 * - POST /members/:id/verify → 200 `{ member }` (active; their contacts re-saved, readable now).
 * - POST /members/:id/reject `{ reason }` → 200 `{ member }` (status `removed`; the reason is kept
 *   on the account and shown by GET /api/auth/me as `rejection`).
 * Deciding again is 409 already-decided; an unknown id is 404 not-found, a malformed one 400; a bad body 400
 * invalid-request; a request from another site 403 bad-origin. Every change is a write of the synced
 * document with server-set meta (store/server-writes.ts), so it reaches phones through sync.
 */
import { Router, type RequestHandler } from 'express';
import type { MangoSelector } from 'nano';
import type { Actor } from '../../domain/permissions';
import { VISIBLE_TEXT_SCHEMA } from '../../domain/schemas/fields';
import type { Member } from '../../domain/schemas/member';
import type { Municipality } from '../../domain/schemas/municipality';
import { AccountStore, type Account } from '../auth/accounts';
import { AUTH_BODY_LIMIT, MODERATION_PAGE_LIMIT } from '../auth/constants';
import { requireSameOrigin } from '../auth/origin';
import { requireSignedIn } from '../auth/session';
import { ApiError } from '../errors';
import type { Couch, StoredDocument } from '../store/couch';
import { changeDocument, resaveDocuments } from '../store/server-writes';
import { toWire } from '../sync/wire';
import { checkIdParams, jsonBody, readBody } from './bodies';

const REASON_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: { ...VISIBLE_TEXT_SCHEMA, maxLength: 500 } },
} as const;

type ReasonBody = { reason: string };

/** 401 not-signed-in, 403 moderator-only, else the moderator goes on. */
const moderatorOnly: RequestHandler = (_req, res, next) => {
  const { actor } = requireSignedIn(res);
  if (actor.role !== 'moderator' || actor.memberStatus !== 'active') throw new ApiError(403, 'moderator-only', 'Only a moderator may do this');
  next();
};

function moderator(res: Parameters<RequestHandler>[1]): Actor {
  return requireSignedIn(res).actor;
}

function alreadyDecided(what: string): ApiError {
  return new ApiError(409, 'already-decided', `This ${what} has been decided already`);
}

async function findLive<T>(couch: Couch, collection: 'municipalities' | 'members', selector: MangoSelector): Promise<T[]> {
  const found = await couch.db(collection).find({ selector, limit: MODERATION_PAGE_LIMIT });
  return found.docs.filter((doc: StoredDocument) => doc._deleted !== true).map((doc) => toWire(doc) as unknown as T);
}

async function pending(couch: Couch, accounts: AccountStore) {
  const [municipalities, members] = await Promise.all([
    findLive<Municipality>(couch, 'municipalities', { 'verification.status': 'pending' }),
    findLive<Member>(couch, 'members', { status: 'pending' }),
  ]);
  const memberAccounts = await accounts.findByMembers(members.map((member) => member.id));
  const emailOf = new Map(memberAccounts.map((account: Account) => [account.memberId, account.email]));
  const membersById = new Map(members.map((member) => [member.id, member]));
  const registrants = new Map(memberAccounts.filter((account) => account.createdVia === 'register').map((account) => [account.municipalityId, account]));
  const municipalityIds = [...new Set(members.map((member) => member.municipalityId))];
  const owners = await findLive<Municipality>(couch, 'municipalities', { _id: { $in: municipalityIds } });
  const ownerById = new Map(owners.map((municipality) => [municipality.id, municipality]));
  return {
    municipalities: municipalities.map((municipality) => {
      const registrant = registrants.get(municipality.id);
      const member = registrant ? membersById.get(registrant.memberId) : undefined;
      return { municipality, applicant: registrant && member ? { member, email: registrant.email } : null };
    }),
    members: members.map((member) => ({ member, email: emailOf.get(member.id) ?? null, municipality: ownerById.get(member.municipalityId) ?? null })),
  };
}

/** After a municipality is verified: what it prepared while pending becomes readable to others. */
async function publishMunicipality(couch: Couch, municipalityId: string, now: number): Promise<void> {
  const needs = await resaveDocuments(couch, 'needs', { municipalityId }, now);
  const offers = await resaveDocuments(couch, 'offers', { municipalityId }, now);
  const members = await resaveDocuments(couch, 'members', { municipalityId }, now);
  await resaveDocuments(couch, 'contacts', { memberId: { $in: members } }, now);
  await resaveDocuments(couch, 'photos', { ownerId: { $in: [municipalityId, ...needs, ...offers] } }, now);
}

export function moderationRoutes(couch: Couch): Router {
  const accounts = new AccountStore(couch);
  const json = jsonBody(AUTH_BODY_LIMIT);
  const router = checkIdParams(Router(), 'id');
  router.use(requireSameOrigin, moderatorOnly);

  router.get('/pending', async (_req, res) => {
    res.json(await pending(couch, accounts));
  });

  router.post('/municipalities/:id/verify', async (req, res) => {
    const actor = moderator(res);
    const now = Date.now();
    const municipality = await changeDocument(couch, 'municipalities', req.params.id, actor, (doc) => {
      if (doc.verification.status !== 'pending') throw alreadyDecided('municipality');
      return { ...doc, verification: { status: 'verified' } };
    }, now);
    const registrant = await accounts.findRegistrant(municipality.id);
    const member = registrant
      ? await changeDocument(couch, 'members', registrant.memberId, actor, (doc) => (doc.status === 'pending' ? { ...doc, status: 'active' } : doc), now)
      : null;
    await publishMunicipality(couch, municipality.id, now);
    res.json({ municipality, member: member?.status === 'active' ? member : null });
  });

  router.post('/municipalities/:id/reject', json, async (req, res) => {
    const actor = moderator(res);
    const { reason } = readBody<ReasonBody>(req, REASON_BODY);
    const now = Date.now();
    const municipality = await changeDocument(couch, 'municipalities', req.params.id, actor, (doc) => {
      if (doc.verification.status !== 'pending') throw alreadyDecided('municipality');
      return { ...doc, verification: { status: 'rejected', reason } };
    }, now);
    // The applicant came with the municipality: left pending, they would wait in the members queue for nothing.
    const registrant = await accounts.findRegistrant(municipality.id);
    if (registrant) {
      const member = await changeDocument(couch, 'members', registrant.memberId, actor, (doc) => (doc.status === 'pending' ? { ...doc, status: 'removed' } : doc), now);
      if (member.status === 'removed') await accounts.setRejection(member.id, { reason, at: now, by: actor.memberId });
    }
    res.json({ municipality });
  });

  router.post('/members/:id/verify', async (req, res) => {
    const actor = moderator(res);
    const member = await changeDocument(couch, 'members', req.params.id, actor, (doc) => {
      if (doc.status !== 'pending') throw alreadyDecided('member');
      return { ...doc, status: 'active' };
    });
    // Admitted: their contact details become readable to verified members.
    await resaveDocuments(couch, 'contacts', { memberId: member.id });
    res.json({ member });
  });

  router.post('/members/:id/reject', json, async (req, res) => {
    const actor = moderator(res);
    const { reason } = readBody<ReasonBody>(req, REASON_BODY);
    const now = Date.now();
    const member = await changeDocument(couch, 'members', req.params.id, actor, (doc) => {
      if (doc.status !== 'pending') throw alreadyDecided('member');
      return { ...doc, status: 'removed' };
    }, now);
    await accounts.setRejection(member.id, { reason, at: now, by: actor.memberId });
    res.json({ member });
  });

  return router;
}
