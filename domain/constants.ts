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

/** Units counted in whole things: a quantity in them is an integer of at least one. */
export const COUNTABLE_UNITS = ['pieces', 'pallets', 'boxes', 'vehicles', 'sets', 'kits'] as const satisfies readonly Unit[];

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

/** Offer lifecycle; see domain/rules/offer-status.ts for the allowed moves. */
export const OFFER_STATUSES = ['open', 'reserved', 'exhausted', 'withdrawn'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** How an offer can reach the needing municipality (`remote` is for expertise). */
export const DELIVERY_OPTIONS = ['to-border', 'to-city', 'pick-up', 'remote'] as const;
export type DeliveryOption = (typeof DELIVERY_OPTIONS)[number];

export const MUNICIPALITY_KINDS = [
  'city',
  'town',
  'village',
  'hromada',
  'raion-administration',
  'oblast-administration',
  'district',
  'region',
  'other',
] as const;
export type MunicipalityKind = (typeof MUNICIPALITY_KINDS)[number];

/** A moderator's decision on a municipality; `rejected` carries a reason. */
export const VERIFICATION_STATUSES = ['pending', 'verified', 'rejected'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const MEMBER_ROLES = ['official', 'volunteer', 'coordinator', 'moderator'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const MEMBER_STATUSES = ['pending', 'active', 'removed'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** What happens to a pledge; "expired" is not among them: it is derived from `expiresAt`. */
export const PLEDGE_EVENT_KINDS = ['dispatched', 'delivered', 'received', 'cancelled', 'extended'] as const;
export type PledgeEventKind = (typeof PLEDGE_EVENT_KINDS)[number];

/** Derived, never stored: see domain/rules/pledge-status.ts. */
export const PLEDGE_STATUSES = [
  'pledged',
  'dispatched',
  'delivered',
  'partly-received',
  'received',
  'cancelled',
  'expired',
] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

/** What a message thread or a photo can be about. */
export const SUBJECT_KINDS = ['need', 'offer', 'pledge'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const PHOTO_OWNER_KINDS = ['need', 'offer', 'pledgeEvent', 'municipality', 'message'] as const;
export type PhotoOwnerKind = (typeof PHOTO_OWNER_KINDS)[number];

/** Photos are re-encoded on the phone (which strips EXIF) into one of these. */
export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/webp', 'image/png'] as const;
export type PhotoMimeType = (typeof PHOTO_MIME_TYPES)[number];
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** ISO 3166-1 alpha-2 country code. */
export const COUNTRY_PATTERN = '^[A-Z]{2}$';

/**
 * A first-level administrative unit: a Ukrainian P-code (`UA46`) or, elsewhere, an ISO 3166-2
 * subdivision code (`DE-BY`, `PL-14`).
 */
export const ADM1_PATTERN = '^(UA[0-9]{2}|[A-Z]{2}-[A-Z0-9]{1,3})$';

/** A place code of any level: a Ukrainian P-code (oblast to settlement) or an ISO 3166-2 code. */
export const PLACE_CODE_PATTERN = '^(UA[0-9]{2}([0-9]{3,9})?|[A-Z]{2}-[A-Z0-9]{1,3})$';

/** What a moderator's redaction leaves in a message body; the UI shows a translated notice instead. */
export const REDACTED_MESSAGE_BODY = '[redacted]';
