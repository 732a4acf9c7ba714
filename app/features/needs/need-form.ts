/**
 * The need form's values (strings, as the inputs hold them) and their conversion to a need
 * document. Field errors come from the need's JSON schema (the server checks the same one) plus
 * what only the form knows: a quantity is required except for expertise, the status may only
 * move as domain/rules/need-status.ts allows, and only to the statuses the member may save
 * (app/hooks/useNeedActions.ts asks domain/permissions.ts which).
 */
import type { Category, NeedStatus, Unit, Urgency } from '../../../domain/constants';
import { NEED_TRANSITIONS, canMoveNeed } from '../../../domain/rules/need-status';
import { NEED_SCHEMA_LITERAL, type Need } from '../../../domain/schemas/need';
import type { FieldError } from '../../../domain/validation';
import { findOblast } from '../../geo/oblasts';
import type { NeedInput } from './useSaveNeed';

export const NEED_FORM_FIELDS = [
  'category',
  'title',
  'description',
  'language',
  'quantity',
  'unit',
  'urgency',
  'neededBy',
  'settlement',
  'pcode',
  'status',
] as const;

export type NeedFormField = (typeof NEED_FORM_FIELDS)[number];

/** What the inputs hold; '' is an empty input or an unchosen select. */
export type NeedFormValues = Record<NeedFormField, string>;

export type FormErrorKey =
  | 'required'
  | 'choose'
  | 'tooShort'
  | 'tooLong'
  | 'notANumber'
  | 'wholeNumber'
  | 'mustBePositive'
  | 'tooLarge'
  | 'invalid'
  | 'statusNotAllowed';

/** An error to show: a translation key under `needs:errors` and, for lengths, the limit. */
export type FormError = { key: FormErrorKey; count?: number };

/** Errors by field; `form` holds those that belong to no input (e.g. a broken id). */
export type FormErrors = Partial<Record<NeedFormField | 'form', FormError>>;

/** Category whose quantity may stay empty (know-how is not counted in pieces). */
export const QUANTITY_OPTIONAL_CATEGORY: Category = 'expertise';

const SELECT_FIELDS = new Set<NeedFormField>(['category', 'language', 'unit', 'urgency', 'pcode', 'status']);
const DEFAULT_UNIT: Unit = 'pieces';
const DEFAULT_URGENCY: Urgency = 'medium';
/** What a new need may start as: published at once, or a draft to finish later. */
export const NEW_NEED_STATUSES: readonly NeedStatus[] = ['open', 'draft'];

export type NewNeedDefaults = { language: string; settlement: string; pcode: string; status?: NeedStatus };

/** An empty form for a new need: the text in the interface language, the place where the municipality is. */
export function newNeedForm({ language, settlement, pcode, status = 'open' }: NewNeedDefaults): NeedFormValues {
  return {
    category: '',
    title: '',
    description: '',
    language,
    quantity: '',
    unit: DEFAULT_UNIT,
    urgency: DEFAULT_URGENCY,
    neededBy: '',
    settlement,
    pcode,
    status,
  };
}

/** The form filled with a stored need, for editing. */
export function needToForm(need: Need): NeedFormValues {
  return {
    category: need.category,
    title: need.title,
    description: need.description,
    language: need.language,
    quantity: need.quantity === undefined ? '' : String(need.quantity),
    unit: need.unit,
    urgency: need.urgency,
    neededBy: need.neededBy ?? '',
    settlement: need.place.settlement,
    pcode: need.place.pcode ?? '',
    status: need.status,
  };
}

/** The statuses the form could offer: for an edit the current one and the legal moves from it. */
export function statusChoices(current: NeedStatus | undefined): NeedStatus[] {
  return current === undefined ? [...NEW_NEED_STATUSES] : [current, ...NEED_TRANSITIONS[current]];
}

export type NeedFormContext = {
  id: Need['id'];
  municipalityId: Need['municipalityId'];
  /** The stored need when editing; its other fields (meta, precise coordinates) are kept. */
  previous?: Need;
  /** The statuses the member may save (all legal ones when not given). */
  allowedStatuses?: readonly NeedStatus[];
};

export type NeedFormResult = { ok: true; need: NeedInput } | { ok: false; errors: FormErrors };

/** Checks the form and builds the need to save, or says what to fix. */
export function formToNeed(
  values: NeedFormValues,
  context: NeedFormContext,
  validate: (doc: unknown) => FieldError[],
): NeedFormResult {
  const errors: FormErrors = {};
  const quantityText = values.quantity.trim();
  const quantity = quantityText === '' ? undefined : Number(quantityText);
  if (quantity !== undefined && !Number.isFinite(quantity)) errors.quantity = { key: 'notANumber' };
  if (quantity === undefined && values.category !== '' && values.category !== QUANTITY_OPTIONAL_CATEGORY) {
    errors.quantity = { key: 'required' };
  }
  // The schema leaves the P-code optional; the form asks for the oblast so every need can be placed.
  if (values.pcode === '') errors.pcode = { key: 'choose' };
  const previous = context.previous;
  const status = values.status as NeedStatus;
  const legal = previous ? canMoveNeed(previous.status, status) : NEW_NEED_STATUSES.includes(status);
  if (!legal || (context.allowedStatuses && !context.allowedStatuses.includes(status))) errors.status = { key: 'statusNotAllowed' };

  const need = buildNeed(values, context, quantity);
  // updatedAt is the clock's job when saving; a placeholder lets the rest of the schema be checked.
  for (const error of validate({ ...need, updatedAt: 0 })) {
    const field = formFieldOf(error.field);
    errors[field] ??= formErrorOf(error, field);
  }
  return Object.keys(errors).length === 0 ? { ok: true, need } : { ok: false, errors };
}

function buildNeed(values: NeedFormValues, context: NeedFormContext, quantity: number | undefined): NeedInput {
  const { previous } = context;
  const oblast = findOblast(values.pcode || undefined);
  const keepCoordinates = previous?.place.pcode === values.pcode && previous.place.lat !== undefined;
  const place: Need['place'] = {
    settlement: values.settlement.trim(),
    ...(values.pcode ? { pcode: values.pcode } : {}),
    ...(keepCoordinates
      ? { lat: previous.place.lat, lon: previous.place.lon }
      : oblast
        ? { lat: oblast.lat, lon: oblast.lon }
        : {}),
  };
  const need = {
    ...(previous ? withoutUpdatedAt(previous) : {}),
    id: context.id,
    municipalityId: previous?.municipalityId ?? context.municipalityId,
    category: values.category as Category,
    title: values.title.trim(),
    description: values.description.trim(),
    language: values.language,
    quantity,
    unit: values.unit as Unit,
    urgency: values.urgency as Urgency,
    neededBy: values.neededBy || undefined,
    place,
    status: values.status as NeedStatus,
  } satisfies NeedInput;
  // Stored documents carry no undefined fields (an emptied quantity or date is removed).
  return Object.fromEntries(Object.entries(need).filter(([, value]) => value !== undefined)) as NeedInput;
}

function withoutUpdatedAt(need: Need): Omit<Need, 'updatedAt'> {
  const { updatedAt: _updatedAt, ...rest } = need;
  return rest;
}

/** Which input a schema error belongs to (`place.settlement` → `settlement`). */
function formFieldOf(path: string): NeedFormField | 'form' {
  const [head, child] = path.split('.');
  if (head === 'place') return child === 'settlement' || child === undefined ? 'settlement' : 'pcode';
  return (NEED_FORM_FIELDS as readonly string[]).includes(head ?? '') ? (head as NeedFormField) : 'form';
}

/** The schema's rule for a field (`title` → its minLength and maxLength). */
type SchemaNode = { type?: unknown; properties?: Readonly<Record<string, SchemaNode>>; minLength?: number; maxLength?: number };

function schemaOf(path: string): SchemaNode {
  let node: SchemaNode | undefined = NEED_SCHEMA_LITERAL;
  for (const part of path.split('.')) node = node?.properties?.[part];
  return node ?? {};
}

function formErrorOf(error: FieldError, field: NeedFormField | 'form'): FormError {
  const select = field !== 'form' && SELECT_FIELDS.has(field);
  switch (error.keyword) {
    case 'required':
      return { key: select ? 'choose' : 'required' };
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
      return field === 'settlement' ? { key: 'required' } : { key: 'invalid' };
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
