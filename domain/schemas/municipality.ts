/** A municipality: the unit that posts needs and offers, makes pledges and is verified by moderators. */
import {
  type toTypedRxJsonSchema,
  type ExtractDocumentTypeFromTypedRxJsonSchema,
  type RxJsonSchema,
} from 'rxdb/plugins/core';
import { ADM1_PATTERN, COUNTRY_PATTERN, MUNICIPALITY_KINDS, VERIFICATION_STATUSES } from '../constants';
import { fieldStampsSchema } from '../field-stamps';
import { ID_SCHEMA, LANGUAGES_SCHEMA, LOCATION_SCHEMA, NAME_SCHEMA, TEXT_LANGUAGE_SCHEMA } from './fields';
import { META_SCHEMA, UPDATED_AT_SCHEMA } from './meta';

/**
 * The municipality's fields that anyone changes after registration, each with its own stamp in
 * `fieldStamps`: coordinators edit the profile (kind, population, partners, text, languages),
 * moderators may correct any field and decide `verification`. Verification is stamped too: a
 * moderator's decision (its own route, sync-server/routes/moderation.ts, which stamps what it
 * changes) and a coordinator's offline profile edit then touch different fields and both survive
 * the merge; a coordinator never changes it (domain/permissions.ts refuses a changed value).
 */
export const MUNICIPALITY_STAMPED_FIELDS = [
  'nameUk',
  'nameLatin',
  'country',
  'adm1',
  'kind',
  'population',
  'location',
  'verification',
  'partnerIds',
  'profile',
  'profileLanguage',
  'languages',
] as const;

/** Fields that only make sense together and merge as one: a first-level unit is written in its country's scheme, a text in its language. */
export const MUNICIPALITY_FIELD_GROUPS = [
  ['country', 'adm1'],
  ['profile', 'profileLanguage'],
] as const;

export const MUNICIPALITY_SCHEMA_LITERAL = {
  title: 'municipality',
  description: 'A city, hromada or administration taking part, with its verification by a moderator',
  // v1 (issue 13) added the optional `fieldStamps`; a version 0 document is a valid version 1 one as it is.
  version: 1,
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
    /** The stamp of each field's last change (domain/field-stamps.ts); the merge decides by them. */
    fieldStamps: fieldStampsSchema(MUNICIPALITY_STAMPED_FIELDS),
    meta: META_SCHEMA,
  },
  required: ['id', 'nameUk', 'nameLatin', 'country', 'adm1', 'kind', 'location', 'verification', 'languages', 'updatedAt'],
} as const;

/** A municipality as stored on the phone and sent over the wire. */
export type Municipality = ExtractDocumentTypeFromTypedRxJsonSchema<
  ReturnType<typeof toTypedRxJsonSchema<typeof MUNICIPALITY_SCHEMA_LITERAL>>
>;

export const MUNICIPALITY_SCHEMA: RxJsonSchema<Municipality> = MUNICIPALITY_SCHEMA_LITERAL;
