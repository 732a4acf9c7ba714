/** Shared vocabularies. Every list here is closed: the schemas use them as enums. */

/** Need and offer categories, each mapped to its IASC cluster code for HXL `#sector` exports. */
export const CATEGORY_HXL_SECTOR = {
  food: 'FSC',
  water: 'WSH',
  medical: 'HEA',
  energy: 'ERY',
  heating: 'SHL',
  shelter: 'SHL',
  transport: 'LOG',
  machinery: 'ERY',
  communications: 'TEL',
  reconstruction: 'ERY',
  education: 'EDU',
  expertise: 'ERY',
  other: 'ERY',
} as const;
export type Category = keyof typeof CATEGORY_HXL_SECTOR;
export const CATEGORIES = Object.keys(CATEGORY_HXL_SECTOR) as Category[];

export const UNITS = [
  'pieces',
  'kg',
  'tonnes',
  'litres',
  'pallets',
  'boxes',
  'vehicles',
  'sets',
  'kits',
  'kw',
  'person-days',
  'eur',
] as const;
export type Unit = (typeof UNITS)[number];

export const URGENCIES = ['critical', 'high', 'medium', 'low'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const NEED_STATUSES = ['draft', 'open', 'fulfilled', 'closed', 'withdrawn'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

/** Languages the UI speaks, Ukrainian first. */
export const UI_LANGUAGES = ['uk', 'en', 'de', 'pl', 'fr'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** ISO 639-1 code of a user's own text (any language, not only the UI's). */
export const TEXT_LANGUAGE_PATTERN = '^[a-z]{2,3}$';

/** Ukrainian first-level P-codes (`UA46`), see shared/data/ukraine-adm1.json. */
export const UA_PCODE_PATTERN = '^UA[0-9]{2}([0-9]{3,9})?$';

/** Ids are generated on the phone (UUID v4 or similar), so a retried push never duplicates. */
export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]{7,63}$';
export const ID_MAX_LENGTH = 64;

/** How far in the server's future a client timestamp may lie before the server clamps it. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
