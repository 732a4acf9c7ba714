/**
 * A pledge: one municipality promises a quantity against a need. Immutable once written: what
 * happens next is recorded as pledge events, and its status is derived from them
 * (domain/rules/pledge-status.ts), so sender and receiver never edit the same document.
 */
import {
  type toTypedRxJsonSchema,
  type ExtractDocumentTypeFromTypedRxJsonSchema,
  type RxJsonSchema,
} from 'rxdb/plugins/core';
import { UNITS } from '../constants';
import { DAY_SCHEMA, ID_SCHEMA, INSTANT_SCHEMA, NOTE_SCHEMA, QUANTITY_BY_UNIT, QUANTITY_SCHEMA, TEXT_LANGUAGE_SCHEMA } from './fields';
import { META_SCHEMA, UPDATED_AT_SCHEMA } from './meta';

export const PLEDGE_SCHEMA_LITERAL = {
  title: 'pledge',
  description: 'A promise of a quantity against a need; append-only, followed by its events',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID_SCHEMA,
    needId: ID_SCHEMA,
    /** The offer this pledge draws on, when it came from one. */
    offerId: ID_SCHEMA,
    /** The pledging (sending) municipality. */
    fromMunicipalityId: ID_SCHEMA,
    /** The needing (receiving) municipality: the need's owner. */
    toMunicipalityId: ID_SCHEMA,
    quantity: QUANTITY_SCHEMA,
    unit: { type: 'string', enum: UNITS },
    expectedDispatchOn: DAY_SCHEMA,
    /** Not dispatched by then (server time) → expired; one `extended` event may move it. */
    expiresAt: INSTANT_SCHEMA,
    note: NOTE_SCHEMA,
    language: TEXT_LANGUAGE_SCHEMA,
    updatedAt: UPDATED_AT_SCHEMA,
    meta: META_SCHEMA,
  },
  required: ['id', 'needId', 'fromMunicipalityId', 'toMunicipalityId', 'quantity', 'unit', 'expiresAt', 'updatedAt'],
  indexes: ['needId'],
  allOf: QUANTITY_BY_UNIT,
} as const;

/** A pledge as stored on the phone and sent over the wire. */
export type Pledge = ExtractDocumentTypeFromTypedRxJsonSchema<ReturnType<typeof toTypedRxJsonSchema<typeof PLEDGE_SCHEMA_LITERAL>>>;

export const PLEDGE_SCHEMA: RxJsonSchema<Pledge> = PLEDGE_SCHEMA_LITERAL;
