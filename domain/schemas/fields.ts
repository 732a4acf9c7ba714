/**
 * Schema fragments shared by several document types, each `as const` so the types derived from the
 * schemas that spread them stay exact. Limits are part of the contract: every string has a
 * `maxLength` (RxDB needs it for indexed fields; the server needs it against abuse).
 */
import { ID_MAX_LENGTH, ID_PATTERN, PLACE_CODE_PATTERN, TEXT_LANGUAGE_PATTERN, COUNTRY_PATTERN } from '../constants';

/** A document id, or a reference to one. */
export const ID_SCHEMA = { type: 'string', maxLength: ID_MAX_LENGTH, pattern: ID_PATTERN } as const;

/** ISO 639 code of the language a user's own text is written in. */
export const TEXT_LANGUAGE_SCHEMA = { type: 'string', pattern: TEXT_LANGUAGE_PATTERN, maxLength: 3 } as const;

/** Languages a municipality or member speaks: distinct ISO 639 codes. */
export const LANGUAGES_SCHEMA = { type: 'array', items: TEXT_LANGUAGE_SCHEMA, uniqueItems: true, maxItems: 20 } as const;

export const LATITUDE_SCHEMA = { type: 'number', minimum: -90, maximum: 90 } as const;
export const LONGITUDE_SCHEMA = { type: 'number', minimum: -180, maximum: 180 } as const;

/** A point on the map (WGS 84), for distances between municipalities. */
export const LOCATION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: { lat: LATITUDE_SCHEMA, lon: LONGITUDE_SCHEMA },
  required: ['lat', 'lon'],
} as const;

/** A quantity of goods; optional where it makes no sense (expertise). */
export const QUANTITY_SCHEMA = { type: 'number', exclusiveMinimum: 0, maximum: 1_000_000_000 } as const;

/** A calendar day (`2026-03-01`), for dates people plan with rather than instants. */
export const DAY_SCHEMA = { type: 'string', format: 'date', maxLength: 10 } as const;

/** An instant in milliseconds since 1970 (server-compared deadlines such as `expiresAt`). */
export const INSTANT_SCHEMA = { type: 'integer', minimum: 0, maximum: 9_999_999_999_999, multipleOf: 1 } as const;

/** A free-text note attached to a pledge or an event. */
export const NOTE_SCHEMA = { type: 'string', maxLength: 2000 } as const;

/** Where an offer's goods are: any country, with a place code when one is known. */
export const OFFER_PLACE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    settlement: { type: 'string', minLength: 1, maxLength: 120 },
    country: { type: 'string', pattern: COUNTRY_PATTERN, maxLength: 2 },
    pcode: { type: 'string', pattern: PLACE_CODE_PATTERN, maxLength: 16 },
    lat: LATITUDE_SCHEMA,
    lon: LONGITUDE_SCHEMA,
  },
  required: ['settlement', 'country'],
} as const;

/** Ids of photos (metadata in the `photos` collection; the bytes travel separately). */
export const PHOTO_IDS_SCHEMA = { type: 'array', items: ID_SCHEMA, uniqueItems: true, maxItems: 10 } as const;
