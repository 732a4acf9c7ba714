/**
 * The forms that write pledge events (dispatch, receipt, cancellation, extension): their values,
 * checks and the event they make (domain/schemas/pledge-event.ts). Pure: the screens save the
 * result. Each form checks its fields the way the pledge form does (pledge-form.ts), then asks the
 * event schema itself (`validate`, the compiled validator in the app), so an event the form accepts
 * is one the server stores; a schema error the hand checks missed lands on its field as "invalid".
 */
import type { FieldError } from '../../../domain/field-errors';
import type { Actor } from '../../../domain/permissions';
import { roundQuantity } from '../../../domain/rules/pledge-status';
import type { Pledge } from '../../../domain/schemas/pledge';
import type { PledgeEvent } from '../../../domain/schemas/pledge-event';
import { addDays, dayError, MAX_NOTE_LENGTH, quantityError, type PledgeFormError } from './pledge-form';

/** Why an event form's field is refused; each is a key of `errors.*` in the pledges namespace. */
export type EventFormError = PledgeFormError | { key: 'invalid' } | { key: 'tooShort'; count: number } | { key: 'notLater'; date: string };

export type FormErrors<Field extends string> = Partial<Record<Field | 'form', EventFormError>>;
export type FormResult<Field extends string> = { ok: true; event: PledgeEventInput } | { ok: false; errors: FormErrors<Field> };

/** An event as a form hands it to `saveDocument` (the clock adds `updatedAt`). */
export type PledgeEventInput = Omit<PledgeEvent, 'updatedAt' | 'meta'>;

export type EventFormContext = {
  /** The new event's id (made once per form, so a double tap saves one event). */
  id: PledgeEvent['id'];
  pledge: Pledge;
  actor: Pick<Actor, 'memberId' | 'municipalityId'>;
  /** The interface language: notes and names are written in it. */
  language: string;
  /** The phone's calendar day. */
  today: string;
};

export type Validate = (doc: unknown) => FieldError[];

/** The schema's limits for the dispatch details (NAME_SCHEMA, VEHICLE_PLATE_SCHEMA). */
export const MAX_CARRIER_LENGTH = 160;
export const MIN_PLATE_LENGTH = 2;
export const MAX_PLATE_LENGTH = 20;

/** A typed quantity as a number (a comma works as the decimal mark). */
export function parseQuantity(raw: string): number {
  return Number(raw.trim().replace(',', '.'));
}

/** The last instant (23:59:59.999, phone's time zone) of the calendar day `day`. */
export function endOfLocalDay(day: string): number {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year ?? 2000, (month ?? 1) - 1, date ?? 1, 23, 59, 59, 999).getTime();
}

/** The calendar day (phone's time zone) of an instant. */
export function localDayOf(instant: number): string {
  const date = new Date(instant);
  return [date.getFullYear(), date.getMonth() + 1, date.getDate()].map((part) => String(part).padStart(2, '0')).join('-');
}

function baseEvent(kind: PledgeEvent['kind'], context: EventFormContext): PledgeEventInput {
  return {
    id: context.id,
    pledgeId: context.pledge.id,
    kind,
    byMemberId: context.actor.memberId,
    byMunicipalityId: context.actor.municipalityId,
    language: context.language,
  };
}

function noteError(note: string): EventFormError | undefined {
  return note.length > MAX_NOTE_LENGTH ? { key: 'tooLong', count: MAX_NOTE_LENGTH } : undefined;
}

/** Adds the schema's errors (for a placeholder stamp) to `errors`, each on its form field. */
function withSchemaErrors<Field extends string>(event: PledgeEventInput, errors: FormErrors<Field>, fields: Readonly<Record<string, Field>>, validate: Validate): FormResult<Field> {
  for (const error of validate({ ...event, updatedAt: 0 })) {
    const field = fields[error.field.split('.')[0] ?? ''] ?? 'form';
    errors[field] ??= { key: 'invalid' };
  }
  return Object.keys(errors).length === 0 ? { ok: true, event } : { ok: false, errors };
}

// Dispatch ---------------------------------------------------------------------------------------

export type DispatchValues = { quantity: string; carrier: string; vehiclePlate: string; expectedArrivalOn: string; note: string };
export type DispatchField = keyof DispatchValues;

/** A fresh dispatch form: the quantity not yet dispatched (the pledged quantity at first). */
export function newDispatchForm(pledge: Pick<Pledge, 'quantity'>, dispatched: number): DispatchValues {
  const rest = roundQuantity(pledge.quantity - dispatched);
  return { quantity: String(rest > 0 ? rest : pledge.quantity), carrier: '', vehiclePlate: '', expectedArrivalOn: '', note: '' };
}

const DISPATCH_FIELDS: Readonly<Record<string, DispatchField>> = {
  quantity: 'quantity',
  carrier: 'carrier',
  vehiclePlate: 'vehiclePlate',
  expectedArrivalOn: 'expectedArrivalOn',
  note: 'note',
};

/** The `dispatched` event the form describes, with the dispatch details given, or its errors. */
export function formToDispatch(values: DispatchValues, context: EventFormContext, validate: Validate): FormResult<DispatchField> {
  const errors: FormErrors<DispatchField> = {};
  const quantity = quantityError(values.quantity, context.pledge.unit);
  if (quantity) errors.quantity = quantity;
  const carrier = values.carrier.trim();
  if (carrier.length > MAX_CARRIER_LENGTH) errors.carrier = { key: 'tooLong', count: MAX_CARRIER_LENGTH };
  const plate = values.vehiclePlate.trim();
  if (plate !== '' && plate.length < MIN_PLATE_LENGTH) errors.vehiclePlate = { key: 'tooShort', count: MIN_PLATE_LENGTH };
  if (plate.length > MAX_PLATE_LENGTH) errors.vehiclePlate = { key: 'tooLong', count: MAX_PLATE_LENGTH };
  const arrival = values.expectedArrivalOn.trim();
  const arrivalError = arrival === '' ? undefined : dayError(arrival, context.today);
  if (arrivalError) errors.expectedArrivalOn = arrivalError;
  const note = noteError(values.note);
  if (note) errors.note = note;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const text = values.note.trim();
  const event: PledgeEventInput = {
    ...baseEvent('dispatched', context),
    quantity: parseQuantity(values.quantity),
    ...(carrier ? { carrier } : {}),
    ...(plate ? { vehiclePlate: plate } : {}),
    ...(arrival ? { expectedArrivalOn: arrival } : {}),
    ...(text ? { note: text } : {}),
  };
  return withSchemaErrors(event, errors, DISPATCH_FIELDS, validate);
}

// Receipt ----------------------------------------------------------------------------------------

export type ReceiptValues = { quantity: string; note: string };
export type ReceiptField = keyof ReceiptValues;

/** A fresh receipt form: what is still to arrive (pledged less received); empty when nothing is left. */
export function newReceiptForm(remaining: number): ReceiptValues {
  return { quantity: remaining > 0 ? String(remaining) : '', note: '' };
}

/**
 * Whether the typed quantity is more than what is still to arrive. Allowed (counting on site is the
 * truth: the sender may have loaded more), but the form says so before saving.
 */
export function exceedsRemaining(values: Pick<ReceiptValues, 'quantity'>, remaining: number): boolean {
  const value = parseQuantity(values.quantity);
  return Number.isFinite(value) && value > remaining;
}

export type ReceiptInput = { quantity: number; note?: string; photoIds?: readonly string[] };

/** The `received` event for a receipt already checked (what `saveReceipt` writes). */
export function receiptEvent(input: ReceiptInput, context: Omit<EventFormContext, 'today'>): PledgeEventInput {
  const note = input.note?.trim();
  return {
    ...baseEvent('received', { ...context, today: '' }),
    quantity: input.quantity,
    ...(note ? { note } : {}),
    ...(input.photoIds && input.photoIds.length > 0 ? { photoIds: [...input.photoIds] } : {}),
  };
}

/** The `received` event the form describes, or its errors. */
export function formToReceipt(values: ReceiptValues, context: EventFormContext, validate: Validate, photoIds: readonly string[] = []): FormResult<ReceiptField> {
  const errors: FormErrors<ReceiptField> = {};
  const quantity = quantityError(values.quantity, context.pledge.unit);
  if (quantity) errors.quantity = quantity;
  const note = noteError(values.note);
  if (note) errors.note = note;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const event = receiptEvent({ quantity: parseQuantity(values.quantity), note: values.note, photoIds }, context);
  return withSchemaErrors(event, errors, { quantity: 'quantity', note: 'note' }, validate);
}

// Cancellation -----------------------------------------------------------------------------------

export type CancelValues = { reason: string };
export type CancelField = keyof CancelValues;

/** The `cancelled` event with its reason (required: the other side must learn why), or its errors. */
export function formToCancellation(values: CancelValues, context: EventFormContext, validate: Validate): FormResult<CancelField> {
  const errors: FormErrors<CancelField> = {};
  const reason = values.reason.trim();
  if (reason === '') errors.reason = { key: 'required' };
  else if (values.reason.length > MAX_NOTE_LENGTH) errors.reason = { key: 'tooLong', count: MAX_NOTE_LENGTH };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return withSchemaErrors({ ...baseEvent('cancelled', context), note: reason }, errors, { note: 'reason' }, validate);
}

// Extension --------------------------------------------------------------------------------------

export type ExtendValues = { date: string };
export type ExtendField = keyof ExtendValues;

/** How many days later than the current deadline the extension form suggests. */
const DEFAULT_EXTENSION_DAYS = 7;

/** A fresh extension form: a week after the current deadline's day. */
export function newExtendForm(currentExpiresAt: number): ExtendValues {
  return { date: addDays(localDayOf(currentExpiresAt), DEFAULT_EXTENSION_DAYS) };
}

/**
 * The `extended` event moving the deadline to the end of the chosen day, which must be later than
 * the current deadline (`currentExpiresAt`, after any extension) and not in the past, or its errors.
 */
export function formToExtension(values: ExtendValues, context: EventFormContext & { currentExpiresAt: number }, validate: Validate): FormResult<ExtendField> {
  const errors: FormErrors<ExtendField> = {};
  const day = values.date.trim();
  const dateError = dayError(day, context.today);
  if (dateError) errors.date = dateError;
  else if (endOfLocalDay(day) <= context.currentExpiresAt) errors.date = { key: 'notLater', date: localDayOf(context.currentExpiresAt) };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return withSchemaErrors({ ...baseEvent('extended', context), expiresAt: endOfLocalDay(day) }, errors, { expiresAt: 'date' }, validate);
}
