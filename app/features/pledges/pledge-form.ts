/**
 * The pledge form's values, checks and the pledge they make (domain/schemas/pledge.ts). Pure: the
 * screen saves the result. The checks mirror the schema (QUANTITY_SCHEMA, QUANTITY_BY_UNIT,
 * DAY_SCHEMA) so a pledge the form accepts is one the server stores.
 */
import { COUNTABLE_UNITS, type Unit } from '../../../domain/constants';
import { daysBetween } from '../../../domain/dates';
import { roundQuantity } from '../../../domain/rules/pledge-status';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Need } from '../../../domain/schemas/need';
import type { Offer } from '../../../domain/schemas/offer';
import type { Pledge } from '../../../domain/schemas/pledge';

export type PledgeFormValues = { quantity: string; expectedDispatchOn: string; note: string };
export type PledgeFormField = keyof PledgeFormValues;

/** Why a field is refused; each is a key of `errors.*` in the pledges namespace. */
export type PledgeFormError =
  | { key: 'required' }
  | { key: 'notANumber' }
  | { key: 'mustBePositive' }
  | { key: 'tooSmall'; min: number }
  | { key: 'tooLarge' }
  | { key: 'wholeNumber' }
  | { key: 'invalidDate' }
  | { key: 'inThePast' }
  | { key: 'tooLong'; count: number };

export type PledgeFormErrors = Partial<Record<PledgeFormField, PledgeFormError>>;

export const MAX_QUANTITY = 1_000_000_000;
export const MAX_NOTE_LENGTH = 2000;
/** A pledge not dispatched this many days after its expected dispatch day expires. */
export const EXPIRY_GRACE_DAYS = 14;
/** The expected dispatch day a new pledge suggests: a week from today. */
const DEFAULT_DISPATCH_IN_DAYS = 7;
const DAY_PATTERN = /^(20[2-9][0-9])-([0-9]{2})-([0-9]{2})$/;

/** `day` plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year ?? 2000, (month ?? 1) - 1, (date ?? 1) + days)).toISOString().slice(0, 10);
}

/** The end (23:59:59.999, phone's time zone) of the day `EXPIRY_GRACE_DAYS` after `expectedDispatchOn`. */
export function defaultExpiresAt(expectedDispatchOn: string): number {
  const [year, month, date] = addDays(expectedDispatchOn, EXPIRY_GRACE_DAYS).split('-').map(Number);
  return new Date(year ?? 2000, (month ?? 1) - 1, date ?? 1, 23, 59, 59, 999).getTime();
}

/**
 * What a pledge suggests: what the need still lacks (its quantity less live pledges), at most what
 * the offer holds when it draws on one in the same unit; the offer's quantity when the need states none.
 */
export function defaultPledgeQuantity(need: Pick<Need, 'quantity' | 'unit'>, pledged: number, offer?: Pick<Offer, 'quantity' | 'unit'>): number | undefined {
  const offered = offer && offer.unit === need.unit ? offer.quantity : undefined;
  const remaining = need.quantity === undefined ? undefined : roundQuantity(need.quantity - pledged);
  const open = remaining !== undefined && remaining > 0 ? remaining : undefined;
  if (open !== undefined && offered !== undefined) return Math.min(open, offered);
  return open ?? offered;
}

export function newPledgeForm(quantity: number | undefined, today: string): PledgeFormValues {
  return { quantity: quantity === undefined ? '' : String(quantity), expectedDispatchOn: addDays(today, DEFAULT_DISPATCH_IN_DAYS), note: '' };
}

/** Why a typed quantity in `unit` is refused (the schema's bounds), if it is. Shared with the event forms. */
export function quantityError(raw: string, unit: Unit): PledgeFormError | undefined {
  const text = raw.trim().replace(',', '.');
  if (text === '') return { key: 'required' };
  const value = Number(text);
  if (!Number.isFinite(value)) return { key: 'notANumber' };
  if (value <= 0) return { key: 'mustBePositive' };
  if (value > MAX_QUANTITY) return { key: 'tooLarge' };
  if ((COUNTABLE_UNITS as readonly string[]).includes(unit) && !Number.isInteger(value)) return { key: 'wholeNumber' };
  if (unit === 'person-days' && value < 0.5) return { key: 'tooSmall', min: 0.5 };
  if (value < 0.001) return { key: 'tooSmall', min: 0.001 };
  return undefined;
}

/** Why a typed calendar day is refused (missing, malformed, before `today`), if it is. Shared with the event forms. */
export function dayError(day: string, today: string): PledgeFormError | undefined {
  if (day.trim() === '') return { key: 'required' };
  const match = DAY_PATTERN.exec(day);
  if (!match || addDays(day, 0) !== day) return { key: 'invalidDate' };
  if (daysBetween(today, day) < 0) return { key: 'inThePast' };
  return undefined;
}

/** The form's errors for a pledge in `unit`, `today` being the phone's calendar day. */
export function validatePledgeForm(values: PledgeFormValues, unit: Unit, today: string): PledgeFormErrors {
  const errors: PledgeFormErrors = {};
  const quantity = quantityError(values.quantity, unit);
  if (quantity) errors.quantity = quantity;
  const day = dayError(values.expectedDispatchOn, today);
  if (day) errors.expectedDispatchOn = day;
  if (values.note.length > MAX_NOTE_LENGTH) errors.note = { key: 'tooLong', count: MAX_NOTE_LENGTH };
  return errors;
}

export type PledgeFormContext = {
  id: Pledge['id'];
  need: Pick<Need, 'id' | 'municipalityId' | 'unit'>;
  offer?: Pick<Offer, 'id'>;
  fromMunicipalityId: Municipality['id'];
  /** The interface language: the note is written in it. */
  language: string;
  today: string;
};

/** The pledge the form describes (without `updatedAt`, which the clock stamps), or its errors. */
export function formToPledge(
  values: PledgeFormValues,
  context: PledgeFormContext,
): { ok: true; pledge: Omit<Pledge, 'updatedAt'> } | { ok: false; errors: PledgeFormErrors } {
  const errors = validatePledgeForm(values, context.need.unit, context.today);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const note = values.note.trim();
  return {
    ok: true,
    pledge: {
      id: context.id,
      needId: context.need.id,
      ...(context.offer ? { offerId: context.offer.id } : {}),
      fromMunicipalityId: context.fromMunicipalityId,
      toMunicipalityId: context.need.municipalityId,
      quantity: Number(values.quantity.trim().replace(',', '.')),
      unit: context.need.unit,
      expectedDispatchOn: values.expectedDispatchOn,
      expiresAt: defaultExpiresAt(values.expectedDispatchOn),
      ...(note ? { note, language: context.language } : {}),
    },
  };
}
