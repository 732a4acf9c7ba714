/**
 * The municipality profile form: what a coordinator may change (profile text and its language,
 * languages spoken, population, kind, partner cities), its values as the inputs hold them, and
 * their conversion to the municipality document to save. Names, country, first-level unit,
 * location and verification are carried over from the stored document untouched: the rules
 * (domain/permissions.ts) leave verification to moderators, and names to registration.
 * Field errors come from the municipality's JSON schema (the server checks the same one) plus
 * what only the form knows: a partner is another municipality, listed once.
 * Saving applies only what the coordinator changed since opening the form onto the municipality as
 * the phone holds it then (`onLatest`): a change synced in while the form was open (another
 * coordinator's partners, a moderator's verification) is kept, not written back over with the
 * opening's copy and stamped as this phone's edit (domain/field-stamps.ts).
 */
import type { MunicipalityKind } from '../../../domain/constants';
import { jsonEqual } from '../../../domain/documents';
import { MUNICIPALITY_FIELD_GROUPS, MUNICIPALITY_SCHEMA_LITERAL, type Municipality } from '../../../domain/schemas/municipality';
import type { FieldError } from '../../../domain/validation';
import type { DocumentInput } from '../../db/local-store';

export const MUNICIPALITY_FORM_FIELDS = ['profile', 'profileLanguage', 'languages', 'population', 'kind', 'partnerIds'] as const;
export type MunicipalityFormField = (typeof MUNICIPALITY_FORM_FIELDS)[number];

/** What the inputs hold; '' is an empty input. */
export type MunicipalityFormValues = {
  profile: string;
  profileLanguage: string;
  languages: string[];
  population: string;
  kind: string;
  partnerIds: string[];
};

/** The most partners a municipality lists (the schema's `maxItems`). */
export const MAX_PARTNERS = MUNICIPALITY_SCHEMA_LITERAL.properties.partnerIds.maxItems;

export type MunicipalityFormErrorKey =
  | 'required'
  | 'choose'
  | 'tooLong'
  | 'wholeNumber'
  | 'mustNotBeNegative'
  | 'tooLarge'
  | 'invalid'
  | 'partnerSelf'
  | 'partnerTwice'
  | 'tooManyPartners';

/** An error to show: a translation key under `municipalities:errors` and, for limits, the limit. */
export type MunicipalityFormError = { key: MunicipalityFormErrorKey; count?: number };

/** Errors by field; `form` holds those that belong to no input. */
export type MunicipalityFormErrors = Partial<Record<MunicipalityFormField | 'form', MunicipalityFormError>>;

export type MunicipalityInput = DocumentInput<'municipalities'>;

export type MunicipalityFormResult = { ok: true; municipality: MunicipalityInput } | { ok: false; errors: MunicipalityFormErrors };

/** The form filled with a stored municipality; a profile without a language starts in `fallbackLanguage`. */
export function municipalityToForm(municipality: Municipality, fallbackLanguage: string): MunicipalityFormValues {
  return {
    profile: municipality.profile ?? '',
    profileLanguage: municipality.profileLanguage ?? fallbackLanguage,
    languages: [...municipality.languages],
    population: municipality.population === undefined ? '' : String(municipality.population),
    kind: municipality.kind,
    partnerIds: [...(municipality.partnerIds ?? [])],
  };
}

/** `partnerIds` with `id` added at the end, unless it is the municipality itself or listed already. */
export function addPartner(partnerIds: readonly string[], id: string, selfId: Municipality['id']): string[] {
  return id === selfId || partnerIds.includes(id) ? [...partnerIds] : [...partnerIds, id];
}

/** `partnerIds` without `id`. */
export function removePartner(partnerIds: readonly string[], id: string): string[] {
  return partnerIds.filter((partnerId) => partnerId !== id);
}

/** Checks the form and builds the municipality to save over `previous`, or says what to fix. */
export function formToMunicipality(
  values: MunicipalityFormValues,
  previous: Municipality,
  validate: (doc: unknown) => FieldError[],
): MunicipalityFormResult {
  const errors: MunicipalityFormErrors = {};
  const populationText = values.population.trim();
  const population = populationText === '' ? undefined : Number(populationText);
  if (population !== undefined && !Number.isInteger(population)) errors.population = { key: 'wholeNumber' };

  if (values.partnerIds.includes(previous.id)) errors.partnerIds = { key: 'partnerSelf' };
  else if (new Set(values.partnerIds).size !== values.partnerIds.length) errors.partnerIds = { key: 'partnerTwice' };
  else if (values.partnerIds.length > MAX_PARTNERS) errors.partnerIds = { key: 'tooManyPartners', count: MAX_PARTNERS };

  const municipality = buildMunicipality(values, previous, population);
  // updatedAt is the clock's job when saving; a placeholder lets the rest of the schema be checked.
  for (const error of validate({ ...municipality, updatedAt: 0 })) {
    const field = formFieldOf(error.field);
    errors[field] ??= formErrorOf(error, field);
  }
  return Object.keys(errors).length === 0 ? { ok: true, municipality } : { ok: false, errors };
}

function buildMunicipality(values: MunicipalityFormValues, previous: Municipality, population: number | undefined): MunicipalityInput {
  const { updatedAt: _updatedAt, profile: _profile, population: _population, ...kept } = previous;
  // The text is kept as written, only its surrounding blank lines dropped.
  const profile = values.profile.trim() === '' ? undefined : values.profile.replace(/^\s*\n|\s+$/g, '');
  return {
    ...kept,
    ...(profile === undefined ? {} : { profile }),
    profileLanguage: values.profileLanguage,
    languages: [...values.languages],
    ...(population === undefined || Number.isNaN(population) ? {} : { population }),
    kind: values.kind as MunicipalityKind,
    partnerIds: [...values.partnerIds],
  };
}

/**
 * The document to save: `edited` (built over `opened`, the municipality as the form was opened)
 * with every field it left as `opened` had it taken from `latest`, the municipality as the phone
 * holds it now. Identity, `updatedAt`, stamps and server-set fields come from `latest`.
 */
export function onLatest(opened: Municipality, edited: MunicipalityInput, latest: Municipality): MunicipalityInput {
  const { updatedAt: _updatedAt, ...result } = { ...latest } as Record<string, unknown>;
  const own = new Set(['id', 'updatedAt', 'fieldStamps', 'meta']);
  const changed = (field: string) => !jsonEqual((edited as Record<string, unknown>)[field], (opened as Record<string, unknown>)[field]);
  const fields = new Set([...Object.keys(opened), ...Object.keys(edited), ...Object.keys(latest)].filter((field) => !own.has(field)));
  for (const field of fields) {
    // Fields that merge as one (a text and its language) are saved as one too.
    const group = MUNICIPALITY_FIELD_GROUPS.find((fields) => (fields as readonly string[]).includes(field)) ?? [field];
    if (!group.some(changed)) continue;
    const value = (edited as Record<string, unknown>)[field];
    if (value === undefined) delete result[field];
    else result[field] = value;
  }
  return result as MunicipalityInput;
}

/** Which input a schema error belongs to (`partnerIds.3` → `partnerIds`). */
function formFieldOf(path: string): MunicipalityFormField | 'form' {
  const head = path.split('.')[0] ?? '';
  return (MUNICIPALITY_FORM_FIELDS as readonly string[]).includes(head) ? (head as MunicipalityFormField) : 'form';
}

function formErrorOf(error: FieldError, field: MunicipalityFormField | 'form'): MunicipalityFormError {
  switch (error.keyword) {
    case 'required':
    case 'enum':
      return { key: field === 'kind' || field === 'profileLanguage' ? 'choose' : 'required' };
    case 'maxLength':
      return field === 'profile' ? { key: 'tooLong', count: MUNICIPALITY_SCHEMA_LITERAL.properties.profile.maxLength } : { key: 'invalid' };
    case 'maxItems':
      return field === 'partnerIds' ? { key: 'tooManyPartners', count: MAX_PARTNERS } : { key: 'invalid' };
    case 'uniqueItems':
      return field === 'partnerIds' ? { key: 'partnerTwice' } : { key: 'invalid' };
    case 'type':
      return field === 'population' ? { key: 'wholeNumber' } : { key: 'invalid' };
    case 'minimum':
      return field === 'population' ? { key: 'mustNotBeNegative' } : { key: 'invalid' };
    case 'maximum':
      return field === 'population' ? { key: 'tooLarge' } : { key: 'invalid' };
    case 'pattern':
      return field === 'profileLanguage' ? { key: 'choose' } : { key: 'invalid' };
    default:
      return { key: 'invalid' };
  }
}
