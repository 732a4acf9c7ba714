import { describe, expect, it } from 'vitest';
import { MEMBER_ROLES, REDACTED_MESSAGE_BODY, type MemberRole } from '../../domain/constants';
import type { CollectionName, DocumentOf } from '../../domain/collections';
import {
  allowedActions,
  checkWrite,
  isPublished,
  mayRead,
  type Actor,
  type Related,
  type WriteAction,
  type WriteRefusal,
} from '../../domain/permissions';
import { messageThreadId } from '../../domain/rules/message-thread';
import {
  KRAKOW,
  KYIV,
  LVIV,
  MUNICH,
  makeContact,
  makeEvent,
  makeMember,
  makeMessage,
  makeMunicipality,
  makeNeed,
  makeOffer,
  makePhoto,
  makePledge,
} from './domain-factories';

// ---------------------------------------------------------------------------------------------
// Who: one person (Olena of Kyiv) in every role and standing. Pending means the registering case:
// pending member of a pending municipality; removed members belong to a verified one.

const OLENA = 'member-olena-01';
const STANDINGS = ['pending', 'verified', 'removed'] as const;
type Standing = (typeof STANDINGS)[number];

function makeActor(role: MemberRole, standing: Standing, overrides: Partial<Actor> = {}): Actor {
  return {
    memberId: OLENA,
    municipalityId: KYIV,
    role,
    memberStatus: standing === 'verified' ? 'active' : standing,
    municipalityVerified: standing !== 'pending',
    ...overrides,
  };
}

const official = makeActor('official', 'verified');
const coordinator = makeActor('coordinator', 'verified');
const moderator = makeActor('moderator', 'verified');
/** Joined a verified municipality with an invitation code, not admitted yet. */
const newcomer = makeActor('official', 'pending', { municipalityVerified: true });
const pendingCoordinator = makeActor('coordinator', 'pending');

// ---------------------------------------------------------------------------------------------
// What: the documents, named from Kyiv's point of view.

const kyiv = makeMunicipality();
const kyivPending = makeMunicipality({ verification: { status: 'pending' } });
const lviv = makeMunicipality({ id: LVIV, nameUk: 'Львів', nameLatin: 'Lviv', adm1: 'UA46' });
const lvivPending = makeMunicipality({ id: LVIV, verification: { status: 'pending' } });
const munich = makeMunicipality({ id: MUNICH, nameUk: 'Мюнхен', nameLatin: 'München', country: 'DE', adm1: 'DE-BY' });

const self = makeMember();
const colleague = makeMember({ id: 'member-taras-01', displayName: 'Тарас' });
const pendingColleague = makeMember({ id: 'member-iryna-01', status: 'pending' });
const kyivModerator = makeMember({ id: 'member-mod-0001', role: 'moderator' });
const hans = makeMember({ id: 'member-hans-001', municipalityId: MUNICH, displayName: 'Hans' });
const lvivMember = makeMember({ id: 'member-lviv-001', municipalityId: LVIV });

const ownContact = makeContact();
/** A contact's related documents: its member and the member's municipality. */
const ofColleague: Related = { member: colleague, municipality: kyiv };
const colleagueContact = makeContact({ id: 'contact-taras-01', memberId: colleague.id, email: 'taras@kyiv.example' });

const ownNeed = makeNeed();
const ownDraft = makeNeed({ id: 'need-draft-0001', status: 'draft' });
const lvivNeed = makeNeed({ id: 'need-lviv-water-01', municipalityId: LVIV, category: 'water', title: 'Water purification units' });
const lvivDraft = makeNeed({ ...lvivNeed, id: 'need-lviv-draft-1', status: 'draft' });
const ownOffer = makeOffer({ id: 'offer-kyiv-experts', municipalityId: KYIV, category: 'expertise' });
const munichOffer = makeOffer();

/** Kyiv pledges to Lviv's need. */
const ownPledge = makePledge({ id: 'pledge-kyiv-lviv-1', needId: lvivNeed.id, offerId: undefined, fromMunicipalityId: KYIV, toMunicipalityId: LVIV });
const toLviv: Related = { need: lvivNeed, municipality: lviv };
/** Munich pledges to Kyiv's need; Kyiv is the receiver. */
const munichPledge = makePledge();
const ofMunichPledge: Related = { pledge: munichPledge };
const receipt = makeEvent('received', { id: 'event-receipt-01', quantity: 8 });

const ownMessage = makeMessage({ id: 'message-kyiv-01', fromMunicipalityId: KYIV, toMunicipalityId: MUNICH, authorMemberId: OLENA });
const munichMessage = makeMessage();
const othersMessage = makeMessage({ id: 'message-others-1', fromMunicipalityId: MUNICH, toMunicipalityId: LVIV, subjectId: lvivNeed.id });

const ownNeedPhoto = makePhoto({ id: 'photo-own-need-1', ownerKind: 'need', ownerId: ownNeed.id });
const ofOwnNeed: Related = { photoOwner: { kind: 'need', doc: ownNeed }, municipality: kyiv };
const lvivNeedPhoto = makePhoto({ id: 'photo-lviv-need-1', ownerKind: 'need', ownerId: lvivNeed.id });
const ofLvivNeed: Related = { photoOwner: { kind: 'need', doc: lvivNeed }, municipality: lviv };

// ---------------------------------------------------------------------------------------------
// How: each probe asks one question of the rules; the answer is true/false for reads, 'ok' or
// the refusal code for writes.

type Outcome = boolean | 'ok' | WriteRefusal;
type Probe = (actor: Actor | null) => Outcome;

function verdict(result: ReturnType<typeof checkWrite>): Outcome {
  return result.allowed ? 'ok' : result.code;
}

function read<C extends CollectionName>(collection: C, doc: DocumentOf[C], related?: Related): Probe {
  return (actor) => mayRead(actor, collection, doc, related);
}

function create<C extends CollectionName>(collection: C, doc: DocumentOf[C], related?: Related): Probe {
  return (actor) => verdict(checkWrite(actor, collection, undefined, doc, related));
}

function update<C extends CollectionName>(collection: C, stored: DocumentOf[C], incoming: Partial<DocumentOf[C]>, related?: Related): Probe {
  return (actor) => verdict(checkWrite(actor, collection, stored, { ...stored, updatedAt: stored.updatedAt + 1, ...incoming }, related));
}

function remove<C extends CollectionName>(collection: C, stored: DocumentOf[C], related?: Related): Probe {
  return (actor) => verdict(checkWrite(actor, collection, stored, { ...stored, updatedAt: stored.updatedAt + 1, _deleted: true }, related));
}

// ---------------------------------------------------------------------------------------------
// The matrix: every collection × role × standing × read/create/update.

/** Per role: the outcome when pending, verified, removed. */
type ByRole = Record<MemberRole, readonly [pending: Outcome, verified: Outcome, removed: Outcome]>;

function every(pending: Outcome, verified: Outcome, removed: Outcome): ByRole {
  return { official: [pending, verified, removed], volunteer: [pending, verified, removed], coordinator: [pending, verified, removed], moderator: [pending, verified, removed] };
}

const RM = 'removed-member';

/** document, question → outcome per role (pending, verified, removed). A pending moderator has no powers yet. */
const MATRIX: [string, Probe, ByRole][] = [
  ['municipalities: read a verified partner', read('municipalities', munich), every(false, true, false)],
  ['municipalities: read own, still pending', read('municipalities', kyivPending), every(true, true, false)],
  ['municipalities: read a pending applicant', read('municipalities', lvivPending), { ...every(false, false, false), moderator: [false, true, false] }],
  ['municipalities: create', create('municipalities', lviv), { ...every('moderator-only', 'moderator-only', RM), moderator: ['moderator-only', 'ok', RM] }],
  [
    'municipalities: update own profile',
    update('municipalities', kyiv, { profile: 'Capital of Ukraine.' }),
    { ...every('coordinator-only', 'coordinator-only', RM), coordinator: ['ok', 'ok', RM], moderator: ['coordinator-only', 'ok', RM] },
  ],
  ['members: read a colleague', read('members', colleague, { municipality: kyiv }), every(true, true, false)],
  ['members: read a partner city’s member', read('members', hans, { municipality: munich }), every(false, true, false)],
  [
    'members: invite a colleague',
    create('members', pendingColleague),
    { ...every('coordinator-only', 'coordinator-only', RM), coordinator: ['not-verified', 'ok', RM], moderator: ['coordinator-only', 'ok', RM] },
  ],
  ['members: rename oneself', update('members', self, { displayName: 'Олена К.' }), every('ok', 'ok', RM)],
  ['contacts: read own', read('contacts', ownContact), every(true, true, false)],
  ['contacts: read a colleague’s', read('contacts', colleagueContact, ofColleague), every(false, true, false)],
  ['contacts: create own', create('contacts', ownContact), every('ok', 'ok', RM)],
  ['contacts: update own phone', update('contacts', ownContact, { phone: '+380441111111' }), every('ok', 'ok', RM)],
  ['needs: read another city’s open need', read('needs', lvivNeed, { municipality: lviv }), every(false, true, false)],
  ['needs: read another city’s draft', read('needs', lvivDraft, { municipality: lviv }), { ...every(false, false, false), moderator: [false, true, false] }],
  ['needs: read own draft', read('needs', ownDraft, { municipality: kyiv }), every(true, true, false)],
  ['needs: create own', create('needs', ownNeed), every('ok', 'ok', RM)],
  ['needs: update own', update('needs', ownNeed, { urgency: 'critical' }), every('ok', 'ok', RM)],
  ['offers: read another city’s open offer', read('offers', munichOffer, { municipality: munich }), every(false, true, false)],
  ['offers: create own', create('offers', ownOffer), every('ok', 'ok', RM)],
  ['offers: update own', update('offers', ownOffer, { status: 'reserved' }), every('ok', 'ok', RM)],
  ['pledges: read', read('pledges', munichPledge), every(false, true, false)],
  ['pledges: create to another city’s need', create('pledges', ownPledge, toLviv), every('not-verified', 'ok', RM)],
  ['pledges: update own', update('pledges', ownPledge, { quantity: 80 }, toLviv), every('not-verified', 'append-only', RM)],
  ['pledge events: read', read('pledge_events', receipt), every(false, true, false)],
  ['pledge events: confirm receipt', create('pledge_events', receipt, ofMunichPledge), every('not-verified', 'ok', RM)],
  ['pledge events: update own', update('pledge_events', receipt, { quantity: 7 }, ofMunichPledge), every('not-verified', 'append-only', RM)],
  ['messages: read own thread', read('messages', munichMessage), every(false, true, false)],
  ['messages: read a thread of two other cities', read('messages', othersMessage), { ...every(false, false, false), moderator: [false, true, false] }],
  ['messages: write to a partner', create('messages', ownMessage), every('not-verified', 'ok', RM)],
  ['messages: edit own', update('messages', ownMessage, { body: 'Correction: 6.' }), every('not-verified', 'append-only', RM)],
  ['photos: read one of another city’s need', read('photos', lvivNeedPhoto, ofLvivNeed), every(false, true, false)],
  ['photos: add one to own need', create('photos', ownNeedPhoto, ofOwnNeed), every('ok', 'ok', RM)],
  ['photos: replace the bytes', update('photos', ownNeedPhoto, { sha256: 'b'.repeat(64) }, ofOwnNeed), every('append-only', 'append-only', RM)],
];

const MATRIX_CASES = MATRIX.flatMap(([label, probe, byRole]) =>
  MEMBER_ROLES.flatMap((role) => STANDINGS.map((standing, index) => [label, role, standing, probe, byRole[role][index]] as const)),
);

describe('permission matrix', () => {
  it.each(MATRIX_CASES)('%s — %s, %s', (_label, role, standing, probe, expected) => {
    expect(probe(makeActor(role, standing))).toBe(expected);
  });

  it.each(MATRIX)('%s — anonymous', (_label, probe) => {
    const isRead = typeof probe(official) === 'boolean';
    expect(probe(null)).toBe(isRead ? false : 'not-signed-in');
  });
});

// ---------------------------------------------------------------------------------------------
// Single cases: impersonation (IDOR) attempts and the finer rules.

/** name, actor, question → outcome. */
const CASES: [string, Actor | null, Probe, Outcome][] = [
  // Needs and offers: one's own municipality only.
  ['IDOR: create a need with another city’s id', official, create('needs', lvivNeed), 'not-your-municipality'],
  ['IDOR: take over another city’s need by setting my id', official, update('needs', lvivNeed, { municipalityId: KYIV }), 'not-your-municipality'],
  ['IDOR: edit another city’s offer', coordinator, update('offers', munichOffer, { quantity: 1 }), 'not-your-municipality'],
  ['IDOR: a moderator cannot post for another city', moderator, create('needs', lvivNeed), 'not-your-municipality'],
  ['give own need away to another city', official, update('needs', ownNeed, { municipalityId: LVIV }), 'immutable-field'],
  ['change a document’s id', official, (actor) => verdict(checkWrite(actor, 'needs', ownNeed, { ...ownNeed, id: 'need-other-0001' })), 'immutable-field'],
  ['delete own draft', official, remove('needs', ownDraft), 'ok'],
  ['delete own open need: withdraw it instead', official, remove('needs', ownNeed), 'not-deletable'],
  ['delete another city’s draft', official, remove('needs', lvivDraft), 'not-your-municipality'],
  // Publishing: whoever a moderator has not checked writes drafts only, unless nothing is visible yet.
  ['a newcomer may prepare needs', newcomer, create('needs', ownDraft), 'ok'],
  ['a newcomer may not publish a need', newcomer, create('needs', ownNeed), 'not-verified'],
  ['a newcomer may not publish an offer', newcomer, create('offers', ownOffer), 'not-verified'],
  ['a newcomer may not publish own draft', newcomer, update('needs', ownDraft, { status: 'open' }), 'not-verified'],
  ['a newcomer may not edit a published need', newcomer, update('needs', ownNeed, { urgency: 'critical' }), 'not-verified'],
  ['a newcomer may not withdraw a published need', newcomer, update('needs', ownNeed, { status: 'withdrawn' }), 'not-verified'],
  ['a newcomer may edit own draft', newcomer, update('needs', ownDraft, { quantity: 12 }), 'ok'],
  ['a newcomer may not take a published need back to a draft (then delete it)', newcomer, update('needs', ownNeed, { status: 'draft' }), 'not-verified'],
  ['a newcomer may not delete a published need', newcomer, remove('needs', ownNeed), 'not-verified'],
  ['an official may not take a published need back to a draft', official, update('needs', ownNeed, { status: 'draft' }), 'status-not-reachable'],
  ['a closed need cannot become a draft either', official, update('needs', makeNeed({ status: 'closed' }), { status: 'draft' }), 'status-not-reachable'],
  ['a withdrawn need is reopened, not turned into a draft', official, update('needs', makeNeed({ status: 'withdrawn' }), { status: 'draft' }), 'status-not-reachable'],
  ['several offline moves in one push: open ⇒ fulfilled ⇒ closed', official, update('needs', ownNeed, { status: 'closed' }), 'ok'],
  ['several offline moves in one push: closed ⇒ open ⇒ withdrawn', official, update('needs', makeNeed({ status: 'closed' }), { status: 'withdrawn' }), 'ok'],
  ['a draft may be published as already fulfilled (draft ⇒ open ⇒ fulfilled)', official, update('needs', ownDraft, { status: 'fulfilled' }), 'ok'],
  ['offers: every status reaches every other', official, update('offers', makeOffer({ municipalityId: KYIV, status: 'exhausted' }), { status: 'reserved' }), 'ok'],
  ['a truthy _deleted that is not true deletes nothing (judged as an edit)', official, (actor) => verdict(checkWrite(actor, 'needs', ownNeed, { ...ownNeed, _deleted: 'true' } as unknown as typeof ownNeed)), 'ok'],
  ['a newcomer may delete own draft', newcomer, remove('needs', ownDraft), 'ok'],
  ['a newcomer coordinator may not publish either', makeActor('coordinator', 'pending', { municipalityVerified: true }), create('needs', ownNeed), 'not-verified'],
  ['a pending coordinator of a pending city prepares an open need (hidden until verified)', pendingCoordinator, create('needs', ownNeed), 'ok'],
  ['a pending coordinator of a pending city prepares an open offer', pendingCoordinator, create('offers', ownOffer), 'ok'],
  ['a newcomer cannot post a draft for another city', newcomer, create('needs', lvivDraft), 'not-your-municipality'],
  ['a removed member writes nothing', makeActor('coordinator', 'removed'), create('needs', ownNeed), 'removed-member'],
  ['anonymous writes nothing', null, create('needs', ownNeed), 'not-signed-in'],

  // Reads that depend on the owner's verification.
  ['open need of a pending city is not published', official, read('needs', lvivNeed, { municipality: lvivPending }), false],
  ['need without its municipality: not shown', official, read('needs', lvivNeed), false],
  ['need with the wrong municipality looked up', official, read('needs', lvivNeed, { municipality: munich }), false],
  ['a newcomer sees own needs', newcomer, read('needs', ownNeed, { municipality: kyiv }), true],
  ['a newcomer does not see other cities’ needs', newcomer, read('needs', lvivNeed, { municipality: lviv }), false],
  ['a newcomer does not see pledges to own city', newcomer, read('pledges', munichPledge), false],
  ['members of a pending city are not shown', official, read('members', lvivMember, { municipality: lvivPending }), false],
  ['a removed moderator reads nothing', makeActor('moderator', 'removed'), read('municipalities', kyiv), false],

  // Pledges: verified members, from their own municipality, to the need's.
  ['IDOR: pledge in another city’s name', official, create('pledges', { ...ownPledge, fromMunicipalityId: MUNICH }, toLviv), 'not-your-municipality'],
  ['a newcomer cannot pledge', newcomer, create('pledges', ownPledge, toLviv), 'not-verified'],
  ['pledge to oneself', official, create('pledges', { ...ownPledge, toMunicipalityId: KYIV }, { need: ownNeed }), 'self-pledge'],
  ['pledge to someone else than the need’s city', official, create('pledges', { ...ownPledge, toMunicipalityId: KRAKOW }, toLviv), 'wrong-recipient'],
  ['pledge without its need looked up', official, create('pledges', ownPledge), 'unknown-reference'],
  ['pledge with another need looked up', official, create('pledges', ownPledge, { need: ownNeed }), 'unknown-reference'],
  ['IDOR: pledge to a draft need (answered as unknown: no probing which ids exist)', official, create('pledges', ownPledge, { ...toLviv, need: { ...lvivNeed, status: 'draft' } }), 'unknown-reference'],
  ['IDOR: pledge to a need of an unverified city', official, create('pledges', ownPledge, { ...toLviv, municipality: { ...lviv, verification: { status: 'pending' } } }), 'unknown-reference'],
  ['pledge drawing on another city’s offer', official, create('pledges', { ...ownPledge, offerId: munichOffer.id }, { ...toLviv, offer: munichOffer }), 'not-your-municipality'],
  ['pledge drawing on own offer', official, create('pledges', { ...ownPledge, offerId: ownOffer.id }, { ...toLviv, offer: ownOffer }), 'ok'],
  ['pledge retried unchanged', official, update('pledges', ownPledge, {}, toLviv), 'ok'],
  ['edit another city’s pledge', official, update('pledges', munichPledge, { quantity: 1 }, { need: ownNeed }), 'not-your-municipality'],
  ['delete own pledge', official, remove('pledges', ownPledge, toLviv), 'append-only'],

  // Pledge events: only the party the event belongs to.
  ['receiver may not dispatch', official, create('pledge_events', makeEvent('dispatched', { by: 'receiver' }), ofMunichPledge), 'wrong-party'],
  ['event written in the sender’s name', official, create('pledge_events', makeEvent('dispatched', { byMemberId: OLENA }), ofMunichPledge), 'not-your-event'],
  ['event signed by another member', official, create('pledge_events', { ...receipt, byMemberId: colleague.id }, ofMunichPledge), 'not-yourself'],
  ['a third city is no party', makeActor('official', 'verified', { municipalityId: KRAKOW }), create('pledge_events', { ...receipt, byMunicipalityId: KRAKOW }, ofMunichPledge), 'wrong-party'],
  ['event of another pledge', official, create('pledge_events', { ...receipt, pledgeId: ownPledge.id }, ofMunichPledge), 'other-pledge'],
  ['event without its pledge looked up', official, create('pledge_events', receipt), 'unknown-reference'],
  ['receipt without a quantity', official, create('pledge_events', { ...receipt, quantity: undefined }, ofMunichPledge), 'missing-quantity'],
  ['receiver declines the pledge', official, create('pledge_events', makeEvent('cancelled', { by: 'receiver' }), ofMunichPledge), 'ok'],

  // Messages: only the two cities of the thread, each member as themself.
  ['IDOR: write in a partner’s name', official, create('messages', { ...ownMessage, fromMunicipalityId: MUNICH, toMunicipalityId: KYIV }), 'not-your-municipality'],
  ['sign a message as a colleague', official, create('messages', { ...ownMessage, authorMemberId: colleague.id }), 'not-yourself'],
  ['message with a forged thread', official, create('messages', { ...ownMessage, threadId: messageThreadId(lvivNeed.id, MUNICH, LVIV) }), 'inconsistent-thread'],
  ['IDOR: edit a message of two other cities', official, update('messages', othersMessage, { body: 'spam' }), 'not-your-municipality'],
  ['moderator redacts a message', moderator, update('messages', munichMessage, { body: REDACTED_MESSAGE_BODY, redacted: true }), 'ok'],
  ['the author cannot redact', official, update('messages', ownMessage, { body: REDACTED_MESSAGE_BODY, redacted: true }), 'moderator-only'],
  ['delete own message', official, remove('messages', ownMessage), 'append-only'],

  // Municipality profiles: its coordinator; verification: moderators.
  ['coordinator verifies own municipality', coordinator, update('municipalities', kyivPending, { verification: { status: 'verified' } }), 'moderator-only'],
  ['pending coordinator verifies own application', pendingCoordinator, update('municipalities', kyivPending, { verification: { status: 'verified' } }), 'moderator-only'],
  ['coordinator edits another city’s profile', coordinator, update('municipalities', lviv, { profile: 'hacked' }), 'not-your-municipality'],
  ['a newcomer coordinator cannot speak for a verified city', makeActor('coordinator', 'pending', { municipalityVerified: true }), update('municipalities', kyiv, { profile: 'x' }), 'not-verified'],
  ['moderator rejects with a reason', moderator, update('municipalities', lvivPending, { verification: { status: 'rejected', reason: 'No such hromada.' } }), 'ok'],
  ['coordinator deletes own municipality', coordinator, remove('municipalities', kyiv), 'moderator-only'],

  // Members: coordinators manage their own municipality's; moderators verify and make moderators.
  ['coordinator removes a colleague', coordinator, update('members', colleague, { status: 'removed' }), 'ok'],
  ['coordinator makes a colleague coordinator', coordinator, update('members', colleague, { role: 'coordinator' }), 'ok'],
  ['coordinator admits a pending colleague', coordinator, update('members', pendingColleague, { status: 'active' }), 'moderator-only'],
  ['coordinator invites an active member', coordinator, create('members', colleague), 'moderator-only'],
  ['coordinator invites a moderator', coordinator, create('members', { ...pendingColleague, role: 'moderator' }), 'moderator-only'],
  ['coordinator promotes a colleague to moderator', coordinator, update('members', colleague, { role: 'moderator' }), 'moderator-only'],
  ['coordinator demotes a moderator', coordinator, update('members', kyivModerator, { role: 'official' }), 'moderator-only'],
  ['IDOR: coordinator invites into another city', coordinator, create('members', { ...pendingColleague, municipalityId: LVIV }), 'not-your-municipality'],
  ['IDOR: coordinator removes another city’s member', coordinator, update('members', lvivMember, { status: 'removed' }), 'not-your-municipality'],
  ['IDOR: move oneself to another city', official, update('members', self, { municipalityId: LVIV }), 'immutable-field'],
  ['coordinator renames a colleague', coordinator, update('members', colleague, { displayName: 'Тарас Ш.' }), 'not-yourself'],
  ['official renames a colleague', official, update('members', colleague, { displayName: 'Тарас Ш.' }), 'coordinator-only'],
  ['official makes themself coordinator', official, update('members', self, { role: 'coordinator' }), 'coordinator-only'],
  ['coordinator makes themself moderator', coordinator, update('members', self, { role: 'moderator' }), 'moderator-only'],
  ['member changes own languages', official, update('members', self, { languages: ['uk', 'de'] }), 'ok'],
  ['coordinator deletes a member document', coordinator, remove('members', colleague), 'moderator-only'],
  ['moderator admits a member', moderator, update('members', pendingColleague, { status: 'active' }), 'ok'],
  ['moderator makes a moderator', moderator, update('members', colleague, { role: 'moderator' }), 'ok'],

  // Contacts: the member themself.
  ['edit a colleague’s contact', coordinator, update('contacts', colleagueContact, { phone: '+380440000000' }), 'not-yourself'],
  ['create a contact for a colleague', official, create('contacts', colleagueContact), 'not-yourself'],
  ['hand own contact to a colleague', official, update('contacts', ownContact, { memberId: colleague.id }), 'immutable-field'],
  ['moderator corrects a contact', moderator, update('contacts', colleagueContact, { email: 'taras@kyiv.example.org' }), 'ok'],
  ['a newcomer reads own contact only', newcomer, read('contacts', colleagueContact, ofColleague), false],
  ['a contact without its member looked up is not read', official, read('contacts', colleagueContact), false],
  ['a pending applicant’s contact is not handed out', official, read('contacts', colleagueContact, { ...ofColleague, member: { ...colleague, status: 'pending' } }), false],
  ['a contact in an unverified municipality is not handed out', official, read('contacts', colleagueContact, { ...ofColleague, municipality: kyivPending }), false],

  // Photos: members of the owner's municipality; read like the owner.
  ['IDOR: photo on another city’s need', official, create('photos', lvivNeedPhoto, ofLvivNeed), 'not-your-municipality'],
  ['photo without its owner looked up', official, create('photos', ownNeedPhoto), 'unknown-reference'],
  ['photo with another owner looked up', official, create('photos', ownNeedPhoto, ofLvivNeed), 'unknown-reference'],
  ['a newcomer adds a photo to a message', newcomer, create('photos', makePhoto({ ownerKind: 'message', ownerId: ownMessage.id }), { photoOwner: { kind: 'message', doc: ownMessage } }), 'not-verified'],
  ['photo of a message between two other cities', official, read('photos', makePhoto({ ownerKind: 'message', ownerId: othersMessage.id }), { photoOwner: { kind: 'message', doc: othersMessage } }), false],
  ['photo of a message in own thread', official, read('photos', makePhoto({ ownerKind: 'message', ownerId: munichMessage.id }), { photoOwner: { kind: 'message', doc: munichMessage } }), true],
  ['photo of a pending city’s need', official, read('photos', lvivNeedPhoto, { ...ofLvivNeed, municipality: lvivPending }), false],
  ['photo without its owner: not shown', official, read('photos', lvivNeedPhoto), false],
];

describe('single rules', () => {
  it.each(CASES)('%s', (_name, actor, probe, expected) => {
    expect(probe(actor)).toBe(expected);
  });
});

describe('checkWrite', () => {
  it('explains each refusal in words', () => {
    expect(checkWrite(official, 'needs', undefined, lvivNeed)).toEqual({
      allowed: false,
      code: 'not-your-municipality',
      message: 'This belongs to another municipality.',
    });
  });
});

type Offered = (actor: Actor | null) => Record<WriteAction, boolean>;

function offered<C extends CollectionName>(collection: C, doc: DocumentOf[C], related?: Related): Offered {
  return (actor) => allowedActions(actor, collection, doc, related);
}

/** actor, document → what the app offers. */
const ACTION_CASES: [string, Actor | null, Offered, Record<WriteAction, boolean>][] = [
  ['own open need', official, offered('needs', ownNeed), { create: true, update: true, delete: false }],
  ['own draft', official, offered('needs', ownDraft), { create: true, update: true, delete: true }],
  ['another city’s need', official, offered('needs', lvivNeed), { create: false, update: false, delete: false }],
  ['own message', official, offered('messages', ownMessage), { create: true, update: false, delete: false }],
  ['a colleague, as coordinator', coordinator, offered('members', colleague), { create: false, update: true, delete: false }],
  ['a colleague, as official', official, offered('members', colleague), { create: false, update: false, delete: false }],
  ['own municipality, as pending coordinator', pendingCoordinator, offered('municipalities', kyivPending), { create: false, update: true, delete: false }],
  ['own open need, as newcomer', newcomer, offered('needs', ownNeed), { create: false, update: false, delete: false }],
  ['own draft, as newcomer', newcomer, offered('needs', ownDraft), { create: true, update: true, delete: true }],
  ['anything, anonymous', null, offered('contacts', ownContact), { create: false, update: false, delete: false }],
];

describe('allowedActions', () => {
  it.each(ACTION_CASES)('%s', (_name, actor, probe, expected) => {
    expect(probe(actor)).toEqual(expected);
  });
});

describe('isPublished', () => {
  it.each([
    ['open need of a verified city', 'open', true, true],
    ['draft of a verified city', 'draft', true, false],
    ['open need of a pending city', 'open', false, false],
    ['withdrawn need stays visible as such', 'withdrawn', true, true],
  ] as const)('%s', (_name, status, verified, expected) => {
    expect(isPublished({ status }, verified)).toBe(expected);
  });
});
