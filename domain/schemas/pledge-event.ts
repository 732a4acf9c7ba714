/**
 * Something that happened to a pledge (dispatched, delivered, received, cancelled, extended).
 * Append-only: never edited, so events never conflict; a pledge's status is derived from them.
 */
import {
  type toTypedRxJsonSchema,
  type ExtractDocumentTypeFromTypedRxJsonSchema,
  type RxJsonSchema,
} from 'rxdb/plugins/core';
import { PLEDGE_EVENT_KINDS } from '../constants';
import { DAY_SCHEMA, ID_SCHEMA, INSTANT_SCHEMA, NAME_SCHEMA, NOTE_SCHEMA, PHOTO_IDS_SCHEMA, QUANTITY_SCHEMA, TEXT_LANGUAGE_SCHEMA, VEHICLE_PLATE_SCHEMA } from './fields';
import { META_SCHEMA, UPDATED_AT_SCHEMA } from './meta';

export const PLEDGE_EVENT_SCHEMA_LITERAL = {
  title: 'pledge event',
  description: 'One step of a pledge, written by the party it belongs to; append-only',
  /** 1 added the dispatch details (carrier, vehicle plate, expected arrival); v0 documents are valid v1. */
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID_SCHEMA,
    pledgeId: ID_SCHEMA,
    kind: { type: 'string', enum: PLEDGE_EVENT_KINDS },
    /** What was dispatched, delivered or counted on arrival (`received` requires it). */
    quantity: QUANTITY_SCHEMA,
    /** `extended` only: the pledge's new deadline for dispatch. */
    expiresAt: INSTANT_SCHEMA,
    /** `dispatched` only: who carries it, the vehicle's plate, the day it should arrive. */
    carrier: NAME_SCHEMA,
    vehiclePlate: VEHICLE_PLATE_SCHEMA,
    expectedArrivalOn: DAY_SCHEMA,
    note: NOTE_SCHEMA,
    language: TEXT_LANGUAGE_SCHEMA,
    photoIds: PHOTO_IDS_SCHEMA,
    byMemberId: ID_SCHEMA,
    /** The party the event is written for; must be the pledge's sender or receiver (see the rules). */
    byMunicipalityId: ID_SCHEMA,
    /** When it happened on the phone (hybrid clock); orders events and decides "before expiry". */
    updatedAt: UPDATED_AT_SCHEMA,
    meta: META_SCHEMA,
  },
  required: ['id', 'pledgeId', 'kind', 'byMemberId', 'byMunicipalityId', 'updatedAt'],
  indexes: ['pledgeId'],
} as const;

/** A pledge event as stored on the phone and sent over the wire. */
export type PledgeEvent = ExtractDocumentTypeFromTypedRxJsonSchema<
  ReturnType<typeof toTypedRxJsonSchema<typeof PLEDGE_EVENT_SCHEMA_LITERAL>>
>;

export const PLEDGE_EVENT_SCHEMA: RxJsonSchema<PledgeEvent> = PLEDGE_EVENT_SCHEMA_LITERAL;
