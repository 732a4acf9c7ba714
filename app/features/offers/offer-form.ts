/**
 * The offer form's values (strings and the chosen delivery options, as the inputs hold them) and
 * their conversion to an offer document. Field errors come from the offer's JSON schema (the server
 * checks the same one) plus what only the form knows: a quantity is required except for expertise,
 * a new end date lies ahead, and the status may only move as domain/rules/offer-status.ts allows
 * and only to the statuses the member may save (useOfferActions.ts asks domain/permissions.ts).
 */
import { DELIVERY_OPTIONS, type Category, type DeliveryOption, type OfferStatus, type Unit } from '../../../domain/constants';
import { OFFER_TRANSITIONS, canMoveOffer } from '../../../domain/rules/offer-status';
import { OFFER_SCHEMA_LITERAL, type Offer } from '../../../domain/schemas/offer';
import type { FieldError } from '../../../domain/validation';
import { findOblast } from '../../geo/oblasts';
import { oblastOfPcode } from '../../lists/list-filters';
import type { OfferInput } from './useSaveOffer';

export const OFFER_FORM_FIELDS = [
  'category',
  'title',
  'description',
  'language',
  'quantity',
  'unit',
  'availableUntil',
  'deliveryOptions',
  'settlement',
  'country',
  'pcode',
  'status',
] as const;

export type OfferFormField = (typeof OFFER_FORM_FIELDS)[number];

/**
 * What the inputs hold; '' is an empty input or an unchosen select. `lat`/`lon` have no input: they
 * come from the municipality's location (or the stored offer) and follow a newly chosen oblast.
 */
export type OfferFormValues = Record<Exclude<OfferFormField, 'deliveryOptions'>, string> & {
  deliveryOptions: DeliveryOption[];
  lat: string;
  lon: string;
};

export type OfferFormErrorKey =
  | 'required'
  | 'choose'
  | 'chooseSome'
  | 'tooShort'
  | 'tooLong'
  | 'notANumber'
  | 'wholeNumber'
  | 'mustBePositive'
  | 'tooLarge'
  | 'invalid'
  | 'inPast'
  | 'statusNotAllowed';

/** An error to show: a translation key under `offers:errors` and, for lengths, the limit. */
export type OfferFormError = { key: OfferFormErrorKey; count?: number };

/** Errors by field; `form` holds those that belong to no input (e.g. a broken id). */
export type OfferFormErrors = Partial<Record<OfferFormField | 'form', OfferFormError>>;

/** Category whose quantity may stay empty (know-how is not counted in pieces). */
export const QUANTITY_OPTIONAL_CATEGORY: Category = 'expertise';

/** What a new offer starts as: on the market at once (offers have no drafts). */
export const NEW_OFFER_STATUSES: readonly OfferStatus[] = ['open'];

/** The country whose places are chosen by oblast (P-code). */
const UKRAINE = 'UA';

const SELECT_FIELDS = new Set<OfferFormField>(['category', 'language', 'unit', 'country', 'pcode', 'status']);
const DEFAULT_UNIT: Unit = 'pieces';

export type NewOfferDefaults = {
  language: string;
  settlement: string;
  country: string;
  /** The municipality's oblast, for a Ukrainian one. */
  pcode: string;
  location?: { lat: number; lon: number };
};

/** An empty form for a new offer: the text in the interface language, the place where the municipality is. */
export function newOfferForm({ language, settlement, country, pcode, location }: NewOfferDefaults): OfferFormValues {
  return {
    category: '',
    title: '',
    description: '',
    language,
    quantity: '',
    unit: DEFAULT_UNIT,
    availableUntil: '',
    deliveryOptions: [],
    settlement,
    country,
    pcode: country === UKRAINE ? pcode : '',
    lat: location ? String(location.lat) : '',
    lon: location ? String(location.lon) : '',
    status: 'open',
  };
}

/** The form filled with a stored offer, for editing. */
export function offerToForm(offer: Offer): OfferFormValues {
  return {
    category: offer.category,
    title: offer.title,
    description: offer.description,
    language: offer.language,
    quantity: offer.quantity === undefined ? '' : String(offer.quantity),
    unit: offer.unit,
    availableUntil: offer.availableUntil ?? '',
    deliveryOptions: [...offer.deliveryOptions],
    settlement: offer.place.settlement,
    country: offer.place.country,
    pcode: offer.place.pcode ?? '',
    lat: offer.place.lat === undefined ? '' : String(offer.place.lat),
    lon: offer.place.lon === undefined ? '' : String(offer.place.lon),
    status: offer.status,
  };
}

/**
 * The form after the user changed the place: another country drops a place code of the old one;
 * choosing an oblast moves the coordinates to its centre (the best guess without a map).
 */
export function withPlaceChange(values: OfferFormValues, field: 'country' | 'pcode', value: string): OfferFormValues {
  if (field === 'country') return value === values.country ? values : { ...values, country: value, pcode: '' };
  const oblast = findOblast(oblastOfPcode(value));
  return oblast ? { ...values, pcode: value, lat: String(oblast.lat), lon: String(oblast.lon) } : { ...values, pcode: value };
}

/** Adds or removes a delivery option, keeping the schema's order. */
export function toggleDelivery(values: OfferFormValues, option: DeliveryOption, on: boolean): OfferFormValues {
  const chosen = new Set(values.deliveryOptions);
  if (on) chosen.add(option);
  else chosen.delete(option);
  return { ...values, deliveryOptions: DELIVERY_OPTIONS.filter((candidate) => chosen.has(candidate)) };
}

/** Whether the place is chosen by oblast (a Ukrainian one). */
export function placeHasOblast(values: Pick<OfferFormValues, 'country'>): boolean {
  return values.country === UKRAINE;
}

/** The statuses the form could offer: for an edit the current one and the legal moves from it. */
export function offerStatusChoices(current: OfferStatus | undefined): OfferStatus[] {
  return current === undefined ? [...NEW_OFFER_STATUSES] : [current, ...OFFER_TRANSITIONS[current]];
}

export type OfferFormContext = {
  id: Offer['id'];
  municipalityId: Offer['municipalityId'];
  /** Today's calendar date (`YYYY-MM-DD`): a new end date may not lie before it. */
  today: string;
  /** The stored offer when editing; its other fields (meta) are kept. */
  previous?: Offer;
  /** The statuses the member may save (all legal ones when not given). */
  allowedStatuses?: readonly OfferStatus[];
};

export type OfferFormResult = { ok: true; offer: OfferInput } | { ok: false; errors: OfferFormErrors };

/** Checks the form and builds the offer to save, or says what to fix. */
export function formToOffer(values: OfferFormValues, context: OfferFormContext, validate: (doc: unknown) => FieldError[]): OfferFormResult {
  const errors: OfferFormErrors = {};
  const quantityText = values.quantity.trim();
  const quantity = quantityText === '' ? undefined : Number(quantityText);
  if (quantity !== undefined && !Number.isFinite(quantity)) errors.quantity = { key: 'notANumber' };
  if (quantity === undefined && values.category !== '' && values.category !== QUANTITY_OPTIONAL_CATEGORY) {
    errors.quantity = { key: 'required' };
  }
  const { previous } = context;
  // An end date already stored may have passed; a newly typed one must not lie in the past.
  if (values.availableUntil !== '' && values.availableUntil !== previous?.availableUntil && values.availableUntil < context.today) {
    errors.availableUntil = { key: 'inPast' };
  }
  const status = values.status as OfferStatus;
  const legal = previous ? canMoveOffer(previous.status, status) : NEW_OFFER_STATUSES.includes(status);
  if (!legal || (context.allowedStatuses && !context.allowedStatuses.includes(status))) errors.status = { key: 'statusNotAllowed' };

  const offer = buildOffer(values, context, quantity);
  // updatedAt is the clock's job when saving; a placeholder lets the rest of the schema be checked.
  for (const error of validate({ ...offer, updatedAt: 0 })) {
    const field = formFieldOf(error.field);
    errors[field] ??= formErrorOf(error, field);
  }
  return Object.keys(errors).length === 0 ? { ok: true, offer } : { ok: false, errors };
}

function coordinate(text: string): number | undefined {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function buildOffer(values: OfferFormValues, context: OfferFormContext, quantity: number | undefined): OfferInput {
  const { previous } = context;
  const lat = coordinate(values.lat);
  const lon = coordinate(values.lon);
  const place: Offer['place'] = {
    settlement: values.settlement.trim(),
    country: values.country,
    ...(values.pcode ? { pcode: values.pcode } : {}),
    ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
  };
  const offer = {
    ...(previous ? withoutUpdatedAt(previous) : {}),
    id: context.id,
    municipalityId: previous?.municipalityId ?? context.municipalityId,
    category: values.category as Category,
    title: values.title.trim(),
    description: values.description.trim(),
    language: values.language,
    quantity,
    unit: values.unit as Unit,
    availableUntil: values.availableUntil || undefined,
    deliveryOptions: values.deliveryOptions,
    place,
    status: values.status as OfferStatus,
  } satisfies OfferInput;
  // Stored documents carry no undefined fields (an emptied quantity or date is removed).
  return Object.fromEntries(Object.entries(offer).filter(([, value]) => value !== undefined)) as OfferInput;
}

function withoutUpdatedAt(offer: Offer): Omit<Offer, 'updatedAt'> {
  const { updatedAt: _updatedAt, ...rest } = offer;
  return rest;
}

/** Which input a schema error belongs to (`place.settlement` → `settlement`, `deliveryOptions/0` → `deliveryOptions`). */
function formFieldOf(path: string): OfferFormField | 'form' {
  const [head, child] = path.split(/[./]/);
  if (head === 'place') {
    if (child === 'country' || child === 'pcode') return child;
    // Coordinates have no input: they come from the municipality or the oblast, like the settlement's place.
    return 'settlement';
  }
  return (OFFER_FORM_FIELDS as readonly string[]).includes(head ?? '') ? (head as OfferFormField) : 'form';
}

/** The schema's rule for a field (`title` → its minLength and maxLength). */
type SchemaNode = { type?: unknown; properties?: Readonly<Record<string, SchemaNode>>; minLength?: number; maxLength?: number };

function schemaOf(path: string): SchemaNode {
  let node: SchemaNode | undefined = OFFER_SCHEMA_LITERAL;
  for (const part of path.split('.')) node = node?.properties?.[part];
  return node ?? {};
}

function formErrorOf(error: FieldError, field: OfferFormField | 'form'): OfferFormError {
  const select = field !== 'form' && SELECT_FIELDS.has(field);
  switch (error.keyword) {
    case 'required':
      return { key: field === 'deliveryOptions' ? 'chooseSome' : select ? 'choose' : 'required' };
    case 'minItems':
      return { key: 'chooseSome' };
    case 'enum':
      return { key: 'choose' };
    case 'minLength': {
      const limit = schemaOf(error.field).minLength ?? 1;
      return limit <= 1 ? { key: 'required' } : { key: 'tooShort', count: limit };
    }
    case 'maxLength': {
      const limit = schemaOf(error.field).maxLength;
      return limit === undefined ? { key: 'invalid' } : { key: 'tooLong', count: limit };
    }
    case 'type':
      // A countable unit (pieces, pallets …) asks for an integer (domain/schemas/fields.ts QUANTITY_BY_UNIT).
      if (field === 'quantity') return { key: error.message?.includes('integer') ? 'wholeNumber' : 'notANumber' };
      return { key: 'invalid' };
    case 'pattern':
      // Text patterns ask for visible characters: a title of spaces or zero-width characters is too short.
      if (field === 'title') return { key: 'tooShort', count: schemaOf(error.field).minLength ?? 1 };
      if (field === 'settlement') return { key: 'required' };
      return { key: select ? 'choose' : 'invalid' };
    case 'minimum':
    case 'exclusiveMinimum':
      return { key: 'mustBePositive' };
    case 'maximum':
    case 'exclusiveMaximum':
      return { key: 'tooLarge' };
    default:
      return { key: 'invalid' };
  }
}
