/**
 * Every document type's schema, and the full collection registry ready to replace the one in
 * domain/collections.ts (9 collections of RxDB's free-tier 13). Names match CouchDB's database
 * names (`^[a-z][a-z0-9_]*$`).
 *
 * Merge per collection: editable documents merge three-way, field by field, with status rules;
 * append-only ones (pledges, pledge events, messages, photos) never conflict, and the server guards
 * them with domain/rules/append-only.ts.
 */
import type { CollectionSpec } from '../collections';
import { needStatusRule } from '../rules/need-status';
import { offerStatusRule } from '../rules/offer-status';
import { CONTACT_SCHEMA, type Contact } from './contact';
import { QUANTITY_FIELDS } from './fields';
import { MIGRATION_STRATEGIES } from './migration-strategies';
import { MEMBER_SCHEMA, type Member } from './member';
import { MESSAGE_SCHEMA, type Message } from './message';
import { MUNICIPALITY_FIELD_GROUPS, MUNICIPALITY_SCHEMA, type Municipality } from './municipality';
import { NEED_SCHEMA, type Need } from './need';
import { OFFER_SCHEMA, type Offer } from './offer';
import { PHOTO_SCHEMA, type Photo } from './photo';
import { PLEDGE_SCHEMA, type Pledge } from './pledge';
import { PLEDGE_EVENT_SCHEMA, type PledgeEvent } from './pledge-event';

export { CONTACT_SCHEMA, MEMBER_SCHEMA, MESSAGE_SCHEMA, MUNICIPALITY_SCHEMA, NEED_SCHEMA, OFFER_SCHEMA, PHOTO_SCHEMA, PLEDGE_SCHEMA, PLEDGE_EVENT_SCHEMA };
export type { Contact, Member, Message, Municipality, Need, Offer, Photo, Pledge, PledgeEvent };

/** The document type of each collection. */
export type DocumentOfEvery = {
  municipalities: Municipality;
  members: Member;
  contacts: Contact;
  needs: Need;
  offers: Offer;
  pledges: Pledge;
  pledge_events: PledgeEvent;
  messages: Message;
  photos: Photo;
};

/** All collections, in the order a phone should first pull them (what others refer to comes first). */
export const ALL_COLLECTIONS = {
  municipalities: {
    schema: MUNICIPALITY_SCHEMA,
    merge: { fieldGroups: MUNICIPALITY_FIELD_GROUPS },
    migrationStrategies: MIGRATION_STRATEGIES.municipalities,
  } satisfies CollectionSpec<Municipality>,
  members: { schema: MEMBER_SCHEMA, merge: {} } satisfies CollectionSpec<Member>,
  contacts: { schema: CONTACT_SCHEMA, merge: {} } satisfies CollectionSpec<Contact>,
  needs: {
    schema: NEED_SCHEMA,
    merge: { fieldRules: { status: needStatusRule }, fieldGroups: [QUANTITY_FIELDS] },
    migrationStrategies: MIGRATION_STRATEGIES.needs,
  } satisfies CollectionSpec<Need>,
  offers: {
    schema: OFFER_SCHEMA,
    merge: { fieldRules: { status: offerStatusRule }, fieldGroups: [QUANTITY_FIELDS] },
    migrationStrategies: MIGRATION_STRATEGIES.offers,
  } satisfies CollectionSpec<Offer>,
  pledges: { schema: PLEDGE_SCHEMA, merge: 'append-only' } satisfies CollectionSpec<Pledge>,
  pledge_events: {
    schema: PLEDGE_EVENT_SCHEMA,
    merge: 'append-only',
    migrationStrategies: MIGRATION_STRATEGIES.pledge_events,
  } satisfies CollectionSpec<PledgeEvent>,
  messages: { schema: MESSAGE_SCHEMA, merge: 'append-only' } satisfies CollectionSpec<Message>,
  photos: { schema: PHOTO_SCHEMA, merge: 'append-only' } satisfies CollectionSpec<Photo>,
} as const;

export type EveryCollectionName = keyof typeof ALL_COLLECTIONS;
