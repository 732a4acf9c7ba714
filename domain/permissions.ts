/**
 * Who may read and write each document: pure functions the server enforces on pull, stream and push,
 * and the app uses to hide what would be refused (DESIGN.md "Auth and rules").
 *
 * Guarantees:
 * - default deny: a read is allowed only by a rule below, a write only when every check passes;
 *   anything unknown (no actor, a missing related document, a field nobody may change) is refused;
 * - every refusal carries a stable code from `WriteRefusal`, never reused for another meaning;
 * - writes are judged against the stored document as well as the incoming one, so a member cannot
 *   take over another municipality's document by writing their own id into it;
 * - nothing is published by someone a moderator has not checked: a pending member of a verified
 *   municipality writes needs and offers as drafts only (a pending municipality's are hidden anyway);
 * - append-only collections and pledge events are judged by `checkAppendOnlyWrite` and
 *   `checkPledgeEventWrite`, so there is one rule for each, not two;
 * - `allowedActions` is computed with `checkWrite`, so the app never offers what the server refuses.
 *
 * Documents a rule needs besides the one judged (the municipality owning a need, the pledge of an
 * event, the owner of a photo) come in `related`; the caller looks them up. Without them the answer
 * is no.
 */
import { type MemberRole, type MemberStatus, type PhotoOwnerKind } from './constants';
import { type CollectionName, type DocumentOf } from './collections';
import { jsonEqual, withoutServerFields, type WireDocument } from './documents';
import { checkAppendOnlyWrite, type AppendOnlyCollection, type AppendOnlyRefusal } from './rules/append-only';
import { hasConsistentThread } from './rules/message-thread';
import { NEED_TRANSITIONS } from './rules/need-status';
import { OFFER_TRANSITIONS } from './rules/offer-status';
import { canReach, type Transitions } from './rules/status-transitions';
import { checkPledgeEventWrite, type PledgeEventRefusal } from './rules/pledge-status';
import type { Contact, Member, Message, Municipality, Need, Offer, Photo, Pledge, PledgeEvent } from './schemas/index';

/** The signed-in member a rule is asked about; `null` is anonymous. */
export type Actor = {
  memberId: Member['id'];
  municipalityId: Municipality['id'];
  role: MemberRole;
  memberStatus: MemberStatus;
  /** Whether the actor's municipality is verified (server state, not the phone's copy). */
  municipalityVerified: boolean;
};

/** The collection holding each kind of photo owner. */
export const PHOTO_OWNER_COLLECTIONS = {
  need: 'needs',
  offer: 'offers',
  pledgeEvent: 'pledge_events',
  municipality: 'municipalities',
  message: 'messages',
} as const satisfies Record<PhotoOwnerKind, CollectionName>;

/** The document a photo belongs to. */
export type PhotoOwner = { [K in PhotoOwnerKind]: { kind: K; doc: DocumentOf[(typeof PHOTO_OWNER_COLLECTIONS)[K]] } }[PhotoOwnerKind];

/** Documents a rule needs besides the one it judges, looked up by the caller. */
export type Related = {
  /** The municipality owning a need, offer or member (or a photo's owner, or a pledged need): is it verified? */
  municipality?: Municipality;
  /** The need a pledge is made against. */
  need?: Need;
  /** The offer a pledge draws on, when it names one. */
  offer?: Offer;
  /** The pledge a pledge event belongs to. */
  pledge?: Pledge;
  /** The document a photo belongs to. */
  photoOwner?: PhotoOwner;
  /** The member a contact belongs to (with their municipality in `municipality`). */
  member?: Member;
};

/** Why a write is refused. Stable: clients translate them and tests pin them. */
export type WriteRefusal =
  | 'not-signed-in'
  | 'removed-member'
  | 'not-verified'
  | 'not-your-municipality'
  | 'not-yourself'
  | 'coordinator-only'
  | 'moderator-only'
  | 'immutable-field'
  | 'not-deletable'
  | 'status-not-reachable'
  | 'self-pledge'
  | 'wrong-recipient'
  | 'inconsistent-thread'
  | 'unknown-reference'
  | AppendOnlyRefusal
  | PledgeEventRefusal;

/** The English explanation sent with each code (the app shows its own translation). */
export const WRITE_REFUSAL_MESSAGES: Readonly<Record<WriteRefusal, string>> = {
  'not-signed-in': 'Sign in to make changes.',
  'removed-member': 'This account was removed from its municipality.',
  'not-verified': 'Only verified members of verified municipalities may do this.',
  'not-your-municipality': 'This belongs to another municipality.',
  'not-yourself': 'Members may only write as themselves and change their own details.',
  'coordinator-only': 'Only a coordinator of the municipality may do this.',
  'moderator-only': 'Only a moderator may do this.',
  'immutable-field': 'This field cannot be changed.',
  'not-deletable': 'Only drafts can be deleted; withdraw or close it instead.',
  'status-not-reachable': 'No sequence of allowed status changes leads from the current status to this one.',
  'self-pledge': 'A municipality cannot pledge to itself.',
  'wrong-recipient': 'A pledge goes to the municipality that posted the need.',
  'inconsistent-thread': 'The thread does not match the subject and the two municipalities.',
  'unknown-reference': 'A document this one refers to is not known.',
  'append-only': 'This document cannot be changed once written.',
  'invalid-redaction': 'A redaction replaces the body and drops the photos, nothing else.',
  'other-pledge': 'The event belongs to another pledge.',
  'not-your-event': 'The event must be written for your own municipality.',
  'wrong-party': 'Your municipality is not the party this kind of event belongs to.',
  'missing-quantity': 'A receipt needs the quantity received.',
  'missing-expiry': 'An extension needs the new deadline.',
  'unexpected-expiry': 'Only an extension sets a new deadline.',
};

export type WriteVerdict = { allowed: true } | { allowed: false; code: WriteRefusal; message: string };

export type WriteAction = 'create' | 'update' | 'delete';

const ALLOWED: WriteVerdict = { allowed: true };

function refuse(code: WriteRefusal): WriteVerdict {
  return { allowed: false, code, message: WRITE_REFUSAL_MESSAGES[code] };
}

function isVerified(actor: Actor): boolean {
  return actor.memberStatus === 'active' && actor.municipalityVerified;
}

function isModerator(actor: Actor): boolean {
  return actor.role === 'moderator' && actor.memberStatus === 'active';
}

/** Only `true` deletes; the server refuses any other `_deleted` value before a rule is asked (sync/push.ts). */
function isDeleted(doc: object): boolean {
  return (doc as { _deleted?: unknown })._deleted === true;
}

function isVerifiedMunicipality(municipality: Municipality | undefined, id: Municipality['id']): boolean {
  return municipality?.id === id && municipality.verification.status === 'verified';
}

/** Whether others may see a need or offer: its municipality is verified and it is no longer a draft. */
export function isPublished(doc: Pick<Need | Offer, 'status'>, municipalityVerified: boolean): boolean {
  return municipalityVerified && doc.status !== 'draft';
}

function mayReadOwned(actor: Actor, doc: Need | Offer, related: Related): boolean {
  if (doc.municipalityId === actor.municipalityId) return true;
  return isVerified(actor) && isPublished(doc, isVerifiedMunicipality(related.municipality, doc.municipalityId));
}

function mayReadOwner(actor: Actor, owner: PhotoOwner, related: Related): boolean {
  switch (owner.kind) {
    case 'need':
    case 'offer':
      return mayReadOwned(actor, owner.doc, related);
    case 'pledgeEvent':
      return isVerified(actor);
    case 'municipality':
      return mayReadMunicipality(actor, owner.doc);
    case 'message':
      return mayReadMessage(actor, owner.doc);
  }
}

function mayReadMunicipality(actor: Actor, doc: Municipality): boolean {
  return doc.id === actor.municipalityId || (isVerified(actor) && doc.verification.status === 'verified');
}

function mayReadMessage(actor: Actor, doc: Message): boolean {
  return isVerified(actor) && (doc.fromMunicipalityId === actor.municipalityId || doc.toMunicipalityId === actor.municipalityId);
}

const READ_RULES: { [C in CollectionName]: (actor: Actor, doc: DocumentOf[C], related: Related) => boolean } = {
  municipalities: mayReadMunicipality,
  members: (actor, doc, related) =>
    doc.municipalityId === actor.municipalityId || (isVerified(actor) && isVerifiedMunicipality(related.municipality, doc.municipalityId)),
  // Contact details are for verified members, and only of admitted members of verified
  // municipalities: an applicant's phone number is not handed out before a moderator checked them.
  contacts: (actor, doc, related) =>
    doc.memberId === actor.memberId ||
    (isVerified(actor) &&
      related.member?.id === doc.memberId &&
      related.member.status === 'active' &&
      isVerifiedMunicipality(related.municipality, related.member.municipalityId)),
  needs: mayReadOwned,
  offers: mayReadOwned,
  pledges: (actor) => isVerified(actor),
  pledge_events: (actor) => isVerified(actor),
  messages: mayReadMessage,
  photos: (actor, doc, related) => {
    const owner = related.photoOwner;
    return owner !== undefined && owner.kind === doc.ownerKind && owner.doc.id === doc.ownerId && mayReadOwner(actor, owner, related);
  },
};

/** Whether `actor` may see `doc` (pull, stream, and the app's lists). */
export function mayRead<C extends CollectionName>(actor: Actor | null, collection: C, doc: DocumentOf[C], related: Related = {}): boolean {
  if (actor === null || actor.memberStatus === 'removed') return false;
  if (isModerator(actor)) return true;
  return READ_RULES[collection](actor, doc, related);
}

type WriteRule<T> = (actor: Actor, stored: T | undefined, incoming: T, related: Related) => WriteVerdict;

/** The first refusal among checks run in order, or allowed. */
function firstRefusal(...checks: (() => WriteRefusal | null)[]): WriteVerdict {
  for (const check of checks) {
    const code = check();
    if (code !== null) return refuse(code);
  }
  return ALLOWED;
}

function appendOnly(collection: AppendOnlyCollection, actor: Actor, stored: WireDocument | undefined, incoming: WireDocument): WriteRefusal | null {
  const verdict = checkAppendOnlyWrite(collection, stored, incoming, actor.role);
  return verdict.allowed ? null : verdict.code;
}

/**
 * Needs and offers: drafted by any member of the owning municipality. Anything but a draft is
 * published work: written by verified members, or by the pending members of a pending
 * municipality, whose needs `isPublished` keeps hidden until a moderator verifies it. A pending
 * member of an already verified municipality would publish at once, so they prepare drafts only,
 * and leave published documents alone (not even taking them back to a draft).
 * A status change must be reachable through the transition table (`canReach`): a push carries the
 * net result of several offline moves, so the single-step table cannot be asked.
 */
function ownedWrite<Status extends string>(transitions: Transitions<Status>) {
  return (actor: Actor, stored: (Need | Offer) | undefined, incoming: Need | Offer): WriteVerdict => {
    const admitted = actor.memberStatus === 'active' || !actor.municipalityVerified;
    return firstRefusal(
      () => (stored !== undefined && stored.municipalityId !== actor.municipalityId ? 'not-your-municipality' : null),
      () => (incoming.municipalityId !== actor.municipalityId ? (stored ? 'immutable-field' : 'not-your-municipality') : null),
      () => (!admitted && (incoming.status !== 'draft' || (stored !== undefined && stored.status !== 'draft')) ? 'not-verified' : null),
      // Needs and offers have pledges and threads pointing at them: once out of draft they are withdrawn, not deleted.
      () => (stored !== undefined && isDeleted(incoming) && stored.status !== 'draft' ? 'not-deletable' : null),
      () => (stored !== undefined && !canReach(transitions, stored.status as Status, incoming.status as Status) ? 'status-not-reachable' : null),
    );
  };
}

function checkMunicipalityWrite(actor: Actor, stored: Municipality | undefined, incoming: Municipality): WriteVerdict {
  if (isModerator(actor)) return ALLOWED;
  // New municipalities come from the registration route, which creates the first member with them.
  if (stored === undefined || isDeleted(incoming)) return refuse('moderator-only');
  return firstRefusal(
    () => (stored.id !== actor.municipalityId ? 'not-your-municipality' : null),
    () => (actor.role !== 'coordinator' ? 'coordinator-only' : null),
    // A pending coordinator may still fix the application, but not speak for an already verified municipality.
    () => (actor.memberStatus !== 'active' && actor.municipalityVerified ? 'not-verified' : null),
    () => (jsonEqual(stored.verification, incoming.verification) ? null : 'moderator-only'),
  );
}

/** Fields of a member that anyone but a moderator may change, and who. */
function memberFieldRefusal(actor: Actor, stored: Member, incoming: Member, field: string, coordinator: boolean): WriteRefusal | null {
  const self = stored.id === actor.memberId;
  switch (field) {
    case 'displayName':
    case 'languages':
      return self ? null : 'not-yourself';
    case 'role':
      if (stored.role === 'moderator' || incoming.role === 'moderator') return 'moderator-only';
      return coordinator ? null : 'coordinator-only';
    case 'status':
      // Admitting (pending → active) is verification, a moderator's job; a coordinator only removes.
      if (incoming.status !== 'removed') return 'moderator-only';
      return coordinator ? null : 'coordinator-only';
    default:
      return 'immutable-field';
  }
}

function changedFields(stored: object, incoming: object): string[] {
  const before = withoutServerFields(stored) as Record<string, unknown>;
  const after = withoutServerFields(incoming) as Record<string, unknown>;
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  fields.delete('updatedAt');
  return [...fields].filter((field) => !jsonEqual(before[field], after[field]));
}

function checkMemberWrite(actor: Actor, stored: Member | undefined, incoming: Member): WriteVerdict {
  if (isModerator(actor)) return ALLOWED;
  const coordinator = actor.role === 'coordinator' && isVerified(actor);
  const coordinatorRefusal = actor.role === 'coordinator' ? 'not-verified' : 'coordinator-only';
  if (stored === undefined) {
    return firstRefusal(
      () => (incoming.municipalityId !== actor.municipalityId ? 'not-your-municipality' : null),
      () => (coordinator ? null : coordinatorRefusal),
      () => (incoming.role === 'moderator' || incoming.status !== 'pending' ? 'moderator-only' : null),
    );
  }
  if (stored.municipalityId !== actor.municipalityId) return refuse('not-your-municipality');
  // Removal is a status, so the member's past writes keep an author.
  if (isDeleted(incoming)) return refuse('moderator-only');
  if (stored.id !== actor.memberId && !coordinator) return refuse(coordinatorRefusal);
  return firstRefusal(...changedFields(stored, incoming).map((field) => () => memberFieldRefusal(actor, stored, incoming, field, coordinator)));
}

function checkContactWrite(actor: Actor, stored: Contact | undefined, incoming: Contact): WriteVerdict {
  if (isModerator(actor)) return ALLOWED;
  return firstRefusal(
    () => (stored !== undefined && stored.memberId !== actor.memberId ? 'not-yourself' : null),
    () => (incoming.memberId !== actor.memberId ? (stored ? 'immutable-field' : 'not-yourself') : null),
  );
}

function checkPledgeWrite(actor: Actor, stored: Pledge | undefined, incoming: Pledge, related: Related): WriteVerdict {
  const { need, offer } = related;
  return firstRefusal(
    () => (stored !== undefined && stored.fromMunicipalityId !== actor.municipalityId ? 'not-your-municipality' : null),
    () => (incoming.fromMunicipalityId !== actor.municipalityId ? 'not-your-municipality' : null),
    () => (isVerified(actor) ? null : 'not-verified'),
    () => (incoming.toMunicipalityId === incoming.fromMunicipalityId ? 'self-pledge' : null),
    // A need the pledger may not see (a draft, or of an unverified municipality) is answered as an
    // unknown one, so a pledge cannot probe which need ids exist.
    () => (need?.id !== incoming.needId || !isPublished(need, isVerifiedMunicipality(related.municipality, need.municipalityId)) ? 'unknown-reference' : null),
    () => (need?.municipalityId !== incoming.toMunicipalityId ? 'wrong-recipient' : null),
    () => (incoming.offerId !== undefined && offer?.id !== incoming.offerId ? 'unknown-reference' : null),
    () => (incoming.offerId !== undefined && offer?.municipalityId !== incoming.fromMunicipalityId ? 'not-your-municipality' : null),
    () => appendOnly('pledges', actor, stored, incoming),
  );
}

function checkEventWrite(actor: Actor, stored: PledgeEvent | undefined, incoming: PledgeEvent, related: Related): WriteVerdict {
  const { pledge } = related;
  return firstRefusal(
    () => (stored !== undefined && stored.byMunicipalityId !== actor.municipalityId ? 'not-your-municipality' : null),
    () => (isVerified(actor) ? null : 'not-verified'),
    () => (incoming.byMemberId !== actor.memberId ? 'not-yourself' : null),
    () => (pledge === undefined ? 'unknown-reference' : checkPledgeEventWrite(pledge, incoming, actor.municipalityId)),
    () => appendOnly('pledge_events', actor, stored, incoming),
  );
}

function checkMessageWrite(actor: Actor, stored: Message | undefined, incoming: Message): WriteVerdict {
  // A redaction changes someone else's message: only the append-only rule (moderators) decides it.
  if (stored !== undefined && isModerator(actor)) return firstRefusal(() => appendOnly('messages', actor, stored, incoming));
  const author = stored ?? incoming;
  return firstRefusal(
    () => (author.fromMunicipalityId !== actor.municipalityId ? 'not-your-municipality' : null),
    () => (isVerified(actor) ? null : 'not-verified'),
    () => (author.authorMemberId !== actor.memberId ? 'not-yourself' : null),
    () => (hasConsistentThread(incoming) ? null : 'inconsistent-thread'),
    () => appendOnly('messages', actor, stored, incoming),
  );
}

/** The municipality a photo's owner belongs to: its members add the photos. */
function ownerMunicipalityId(owner: PhotoOwner): Municipality['id'] {
  switch (owner.kind) {
    case 'need':
    case 'offer':
      return owner.doc.municipalityId;
    case 'pledgeEvent':
      return owner.doc.byMunicipalityId;
    case 'municipality':
      return owner.doc.id;
    case 'message':
      return owner.doc.fromMunicipalityId;
  }
}

function checkPhotoWrite(actor: Actor, stored: Photo | undefined, incoming: Photo, related: Related): WriteVerdict {
  const owner = related.photoOwner;
  return firstRefusal(
    () => (owner === undefined || owner.kind !== incoming.ownerKind || owner.doc.id !== incoming.ownerId ? 'unknown-reference' : null),
    () => (owner !== undefined && ownerMunicipalityId(owner) !== actor.municipalityId ? 'not-your-municipality' : null),
    // Pending members prepare needs, offers and their profile; events and messages need verification.
    () => ((owner?.kind === 'pledgeEvent' || owner?.kind === 'message') && !isVerified(actor) ? 'not-verified' : null),
    () => appendOnly('photos', actor, stored, incoming),
  );
}

const WRITE_RULES: { [C in CollectionName]: WriteRule<DocumentOf[C]> } = {
  municipalities: checkMunicipalityWrite,
  members: checkMemberWrite,
  contacts: checkContactWrite,
  needs: ownedWrite(NEED_TRANSITIONS),
  offers: ownedWrite(OFFER_TRANSITIONS),
  pledges: checkPledgeWrite,
  pledge_events: checkEventWrite,
  messages: checkMessageWrite,
  photos: checkPhotoWrite,
};

/**
 * Whether `actor` may write `incoming` over `stored` (undefined: a create). Server-set fields
 * (`meta`) are not judged: the server overwrites them.
 */
export function checkWrite<C extends CollectionName>(
  actor: Actor | null,
  collection: C,
  stored: DocumentOf[C] | undefined,
  incoming: DocumentOf[C],
  related: Related = {},
): WriteVerdict {
  if (actor === null) return refuse('not-signed-in');
  if (actor.memberStatus === 'removed') return refuse('removed-member');
  if (stored !== undefined && stored.id !== incoming.id) return refuse('immutable-field');
  return WRITE_RULES[collection](actor, stored, incoming, related);
}

/**
 * Which writes the app should offer for `doc`: creating one like it, changing it, deleting it.
 * Each is `checkWrite` on a probe, so the app and the server cannot disagree; append-only documents
 * are never "updated" (a moderator's redaction is asked of `checkWrite` directly).
 */
export function allowedActions<C extends CollectionName>(
  actor: Actor | null,
  collection: C,
  doc: DocumentOf[C],
  related: Related = {},
): Record<WriteAction, boolean> {
  const touched = { ...doc, updatedAt: doc.updatedAt + 1 };
  const appendOnlyCollection = collection === 'pledges' || collection === 'pledge_events' || collection === 'messages' || collection === 'photos';
  return {
    create: checkWrite(actor, collection, undefined, doc, related).allowed,
    update: !appendOnlyCollection && checkWrite(actor, collection, doc, touched, related).allowed,
    delete: checkWrite(actor, collection, doc, { ...touched, _deleted: true }, related).allowed,
  };
}
