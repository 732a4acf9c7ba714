/**
 * Schema fragments shared by several document types, each `as const` so the types derived from the
 * schemas that spread them stay exact. Limits are part of the contract: every string has a
 * `maxLength` (RxDB needs it for indexed fields; the server needs it against abuse).
 */
import { COUNTABLE_UNITS, ID_MAX_LENGTH, ID_PATTERN, PLACE_CODE_PATTERN, TEXT_LANGUAGE_PATTERN, COUNTRY_PATTERN } from '../constants';

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

/**
 * Characters that show nothing on their own: white space, control and format characters (zero-width
 * spaces and joiners, bidi marks, the soft hyphen, BOM), unassigned and private-use code points,
 * combining marks, and the Hangul and Braille blanks. A text made only of these looks empty.
 */
const INVISIBLE = '\\p{White_Space}\\p{C}\\p{M}\\u115F\\u1160\\u3164\\uFFA0\\u2800';

/** A pattern requiring at least `count` visible characters (JSON-schema patterns are Unicode regexes). */
function visibleCharacters(count: number): string {
  return `^(?:[${INVISIBLE}]*[^${INVISIBLE}]){${count}}`;
}

/** A need's or offer's title: at least 3 visible characters. */
export const TITLE_SCHEMA = { type: 'string', minLength: 3, maxLength: 140, pattern: visibleCharacters(3) } as const;

/** A name people read (a municipality's, a member's, a settlement's): at least one visible character. */
export const NAME_SCHEMA = { type: 'string', minLength: 1, maxLength: 160, pattern: visibleCharacters(1) } as const;

/** A vehicle registration plate as written on it (any script): at least two visible characters. */
export const VEHICLE_PLATE_SCHEMA = { type: 'string', minLength: 2, maxLength: 20, pattern: visibleCharacters(2) } as const;

/** A message body or a moderator's reason: something visible to read. */
export const VISIBLE_TEXT_SCHEMA = { type: 'string', minLength: 1, maxLength: 4000, pattern: visibleCharacters(1) } as const;

/**
 * A quantity of goods; optional where it makes no sense (expertise). At least one thousandth (a
 * gram of a kilogram, a millilitre of a litre): nobody pledges 5e-324 of anything. Countable units
 * are whole numbers, see QUANTITY_BY_UNIT.
 */
export const QUANTITY_SCHEMA = { type: 'number', minimum: 0.001, maximum: 1_000_000_000 } as const;

/**
 * Schema rules (`allOf`) of a document with `unit` and `quantity`: a countable unit (pieces,
 * pallets, vehicles …) takes a whole number of at least one; a person-day at least half a day.
 */
export const QUANTITY_BY_UNIT = [
  { if: { properties: { unit: { enum: COUNTABLE_UNITS } } }, then: { properties: { quantity: { type: 'integer', minimum: 1 } } } },
  { if: { properties: { unit: { const: 'person-days' } } }, then: { properties: { quantity: { type: 'number', minimum: 0.5 } } } },
] as const;

/** The fields QUANTITY_BY_UNIT checks together, which a merge therefore keeps together. */
export const QUANTITY_FIELDS = ['quantity', 'unit'] as const;

/** Earliest and latest calendar year a planned day may fall in (the platform started in 2022). */
const DAY_PATTERN = '^20[2-9][0-9]-[0-9]{2}-[0-9]{2}$';

/** A calendar day (`2026-03-01`) from 2020 to 2099, for dates people plan with rather than instants. */
export const DAY_SCHEMA = { type: 'string', format: 'date', maxLength: 10, pattern: DAY_PATTERN } as const;

/** An instant in milliseconds since 1970 from 2020 to 2100 (server-compared deadlines such as `expiresAt`). */
export const INSTANT_SCHEMA = { type: 'integer', minimum: 1_577_836_800_000, maximum: 4_102_444_800_000, multipleOf: 1 } as const;

/** A free-text note attached to a pledge or an event. */
export const NOTE_SCHEMA = { type: 'string', maxLength: 2000 } as const;

/** Where an offer's goods are: any country, with a place code when one is known. */
export const OFFER_PLACE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    settlement: { ...NAME_SCHEMA, maxLength: 120 },
    country: { type: 'string', pattern: COUNTRY_PATTERN, maxLength: 2 },
    pcode: { type: 'string', pattern: PLACE_CODE_PATTERN, maxLength: 16 },
    lat: LATITUDE_SCHEMA,
    lon: LONGITUDE_SCHEMA,
  },
  required: ['settlement', 'country'],
} as const;

/** Ids of photos (metadata in the `photos` collection; the bytes travel separately). */
export const PHOTO_IDS_SCHEMA = { type: 'array', items: ID_SCHEMA, uniqueItems: true, maxItems: 10 } as const;
