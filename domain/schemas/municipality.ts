/** A municipality: the unit that posts needs and offers, makes pledges and is verified by moderators. */
import {
  type toTypedRxJsonSchema,
  type ExtractDocumentTypeFromTypedRxJsonSchema,
  type RxJsonSchema,
} from 'rxdb/plugins/core';
import { ADM1_PATTERN, COUNTRY_PATTERN, MUNICIPALITY_KINDS, VERIFICATION_STATUSES } from '../constants';
import { ID_SCHEMA, LANGUAGES_SCHEMA, LOCATION_SCHEMA, NAME_SCHEMA, TEXT_LANGUAGE_SCHEMA } from './fields';
import { META_SCHEMA, UPDATED_AT_SCHEMA } from './meta';

export const MUNICIPALITY_SCHEMA_LITERAL = {
  title: 'municipality',
  description: 'A city, hromada or administration taking part, with its verification by a moderator',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID_SCHEMA,
    /** The name in Ukrainian (Cyrillic), as Ukrainian officials search for it. */
    nameUk: NAME_SCHEMA,
    /** The name in Latin script, as partner cities write it. */
    nameLatin: NAME_SCHEMA,
    country: { type: 'string', pattern: COUNTRY_PATTERN, maxLength: 2 },
    /** First-level unit: the oblast's P-code in Ukraine (`UA46`), else ISO 3166-2 (`DE-BY`). */
    adm1: { type: 'string', pattern: ADM1_PATTERN, maxLength: 6 },
    kind: { type: 'string', enum: MUNICIPALITY_KINDS },
    population: { type: 'integer', minimum: 0, maximum: 100_000_000 },
    location: LOCATION_SCHEMA,
    /** Set by moderators only (enforced by the server's rules, not by the schema). */
    verification: {
      type: 'object',
      additionalProperties: false,
      properties: {
        status: { type: 'string', enum: VERIFICATION_STATUSES },
        reason: { type: 'string', maxLength: 1000 },
      },
      required: ['status'],
    },
    partnerIds: { type: 'array', items: ID_SCHEMA, uniqueItems: true, maxItems: 200 },
    profile: { type: 'string', maxLength: 4000 },
    profileLanguage: TEXT_LANGUAGE_SCHEMA,
    languages: LANGUAGES_SCHEMA,
    updatedAt: UPDATED_AT_SCHEMA,
    meta: META_SCHEMA,
  },
  required: ['id', 'nameUk', 'nameLatin', 'country', 'adm1', 'kind', 'location', 'verification', 'languages', 'updatedAt'],
} as const;

/** A municipality as stored on the phone and sent over the wire. */
export type Municipality = ExtractDocumentTypeFromTypedRxJsonSchema<
  ReturnType<typeof toTypedRxJsonSchema<typeof MUNICIPALITY_SCHEMA_LITERAL>>
>;

export const MUNICIPALITY_SCHEMA: RxJsonSchema<Municipality> = MUNICIPALITY_SCHEMA_LITERAL;
