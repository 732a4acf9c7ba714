/**
 * The account forms (register, join with an invitation, change the password): what their inputs
 * hold, the checks the phone can make before asking the server, the request each one sends, and
 * where the server's field errors (`details`, e.g. `municipality.nameUk`) are shown. The server
 * checks everything again; the phone's checks only save a round trip on a slow connection.
 */
import { MIN_PASSWORD_LENGTH, type AcceptInvitationRequest, type ChangePasswordRequest, type RegisterRequest } from '../../../domain/account-protocol';
import { ADM1_PATTERN, type MunicipalityKind } from '../../../domain/constants';
import type { FieldError } from '../../../domain/field-errors';
import { MEMBER_SCHEMA_LITERAL } from '../../../domain/schemas/member';
import { MUNICIPALITY_SCHEMA_LITERAL } from '../../../domain/schemas/municipality';
import { findOblast } from '../../geo/oblasts';

/** A field error to show: a key under `account:fieldErrors` and, for lengths, the limit. */
export type AccountFieldErrorKey =
  | 'required'
  | 'choose'
  | 'tooLong'
  | 'invalid'
  | 'invalidEmail'
  | 'emailTaken'
  | 'passwordTooShort'
  | 'passwordTooLong'
  | 'wrongPassword'
  | 'adm1Format'
  | 'latitude'
  | 'longitude'
  | 'wholeNumber';

export type AccountFieldProblem = { key: AccountFieldErrorKey; count?: number };

export type FieldErrorsOf<F extends string> = Partial<Record<F | 'form', AccountFieldProblem>>;

/** The longest password the server hashes (it refuses longer ones as too long). */
const MAX_PASSWORD_LENGTH = 1024;
const MAX_EMAIL_LENGTH = 254;
const MUNICIPALITY_PROPERTIES = MUNICIPALITY_SCHEMA_LITERAL.properties;
const NAME_MAX_LENGTH = MUNICIPALITY_PROPERTIES.nameUk.maxLength;
const DISPLAY_NAME_MAX_LENGTH = MEMBER_SCHEMA_LITERAL.properties.displayName.maxLength;
const POPULATION_MAXIMUM = MUNICIPALITY_PROPERTIES.population.maximum;
/** Only a plausible shape: the server's check (ajv's `email` format) decides. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ADM1 = new RegExp(ADM1_PATTERN);

/** Length in characters as people count them (and the server does): an emoji is one. */
const lengthOf = (text: string) => [...text].length;

function checkText(value: string, maxLength: number): AccountFieldProblem | undefined {
  const text = value.trim();
  if (text === '') return { key: 'required' };
  if (lengthOf(text) > maxLength) return { key: 'tooLong', count: maxLength };
  return undefined;
}

function checkEmail(value: string): AccountFieldProblem | undefined {
  const email = value.trim();
  if (email === '') return { key: 'required' };
  if (lengthOf(email) > MAX_EMAIL_LENGTH || !EMAIL_SHAPE.test(email)) return { key: 'invalidEmail' };
  return undefined;
}

/** The password policy of the server (MIN_PASSWORD_LENGTH characters at least). */
export function checkNewPassword(value: string): AccountFieldProblem | undefined {
  const length = lengthOf(value);
  if (length === 0) return { key: 'required' };
  if (length < MIN_PASSWORD_LENGTH) return { key: 'passwordTooShort', count: MIN_PASSWORD_LENGTH };
  if (length > MAX_PASSWORD_LENGTH) return { key: 'passwordTooLong' };
  return undefined;
}

/** A decimal number as typed on a phone, with a point or a comma; null when it is none. */
export function parseDecimal(value: string): number | null {
  const text = value.trim().replace(',', '.');
  if (text === '' || !/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) return null;
  const number = Number(text);
  return Number.isFinite(number) ? number : null;
}

function withoutUndefined<F extends string>(errors: FieldErrorsOf<F>): FieldErrorsOf<F> {
  return Object.fromEntries(Object.entries(errors).filter(([, problem]) => problem !== undefined)) as FieldErrorsOf<F>;
}

/**
 * The server's field errors on the form's fields: `fieldOf` says which input a path belongs to,
 * `describe` how to say what is wrong with it. The first error of a field wins.
 */
function fromServerDetails<F extends string>(
  details: readonly FieldError[],
  fieldOf: (path: string) => F | 'form',
  describe: (detail: FieldError, field: F | 'form') => AccountFieldProblem,
): FieldErrorsOf<F> {
  const errors: FieldErrorsOf<F> = {};
  for (const detail of details) {
    const field = fieldOf(detail.field);
    errors[field] ??= describe(detail, field);
  }
  return errors;
}

type Describer = { selects?: ReadonlySet<string>; limits?: Readonly<Record<string, number>>; passwords?: ReadonlySet<string> };

/** A server field error in the form's words, by the ajv keyword (or the route's own ones). */
function describeWith({ selects = new Set(), limits = {}, passwords = new Set() }: Describer) {
  return (detail: FieldError, field: string): AccountFieldProblem => {
    const password = passwords.has(field);
    switch (detail.keyword) {
      case 'unique':
        return { key: field === 'email' ? 'emailTaken' : 'invalid' };
      case 'password':
        return { key: 'wrongPassword' };
      case 'required':
        return { key: selects.has(field) ? 'choose' : 'required' };
      case 'enum':
        return { key: 'choose' };
      case 'minLength':
        return password ? { key: 'passwordTooShort', count: MIN_PASSWORD_LENGTH } : { key: 'required' };
      case 'maxLength': {
        if (password) return { key: 'passwordTooLong' };
        const limit = limits[field];
        return limit === undefined ? { key: 'invalid' } : { key: 'tooLong', count: limit };
      }
      case 'format':
        return { key: field === 'email' ? 'invalidEmail' : 'invalid' };
      case 'pattern':
        return { key: field === 'adm1' ? 'adm1Format' : 'invalid' };
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        return { key: field === 'lat' ? 'latitude' : field === 'lon' ? 'longitude' : 'invalid' };
      case 'type':
      case 'multipleOf':
        return { key: field === 'population' ? 'wholeNumber' : 'invalid' };
      default:
        return { key: 'invalid' };
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Register a municipality and its first member

export const UKRAINE = 'UA';

export type RegisterFormValues = {
  nameUk: string;
  nameLatin: string;
  country: string;
  /** Ukraine: the oblast's P-code (also gives the location). */
  oblast: string;
  /** Elsewhere: the ISO 3166-2 code of the region. */
  adm1: string;
  lat: string;
  lon: string;
  kind: string;
  population: string;
  municipalityLanguages: string[];
  displayName: string;
  memberLanguages: string[];
  email: string;
  password: string;
};

export type RegisterField = keyof RegisterFormValues;
export type RegisterErrors = FieldErrorsOf<RegisterField>;

/**
 * An empty registration: a Ukrainian hromada (since the 2020 reform nearly every Ukrainian
 * municipality is one) speaking Ukrainian, its member speaking the interface language too.
 */
export function emptyRegisterForm(interfaceLanguage: string): RegisterFormValues {
  return {
    nameUk: '',
    nameLatin: '',
    country: UKRAINE,
    oblast: '',
    adm1: '',
    lat: '',
    lon: '',
    kind: 'hromada',
    population: '',
    municipalityLanguages: ['uk'],
    displayName: '',
    memberLanguages: [...new Set(['uk', interfaceLanguage])],
    email: '',
    password: '',
  };
}

/** What the phone can tell is wrong before sending (empty when nothing). */
export function checkRegisterForm(values: RegisterFormValues): RegisterErrors {
  const ukrainian = values.country === UKRAINE;
  const lat = parseDecimal(values.lat);
  const lon = parseDecimal(values.lon);
  const adm1 = values.adm1.trim().toUpperCase();
  const population = values.population.trim();
  return withoutUndefined<RegisterField>({
    nameUk: checkText(values.nameUk, NAME_MAX_LENGTH),
    nameLatin: checkText(values.nameLatin, NAME_MAX_LENGTH),
    country: values.country === '' ? { key: 'choose' } : undefined,
    oblast: ukrainian && !findOblast(values.oblast) ? { key: 'choose' } : undefined,
    adm1: ukrainian
      ? undefined
      : adm1 === ''
        ? { key: 'required' }
        : !ADM1.test(adm1) || !adm1.startsWith(`${values.country}-`)
          ? { key: 'adm1Format' }
          : undefined,
    lat: ukrainian ? undefined : values.lat.trim() === '' ? { key: 'required' } : lat === null || Math.abs(lat) > 90 ? { key: 'latitude' } : undefined,
    lon: ukrainian ? undefined : values.lon.trim() === '' ? { key: 'required' } : lon === null || Math.abs(lon) > 180 ? { key: 'longitude' } : undefined,
    kind: values.kind === '' ? { key: 'choose' } : undefined,
    population:
      population === '' || (/^\d+$/.test(population) && Number(population) <= POPULATION_MAXIMUM) ? undefined : { key: 'wholeNumber' },
    displayName: checkText(values.displayName, DISPLAY_NAME_MAX_LENGTH),
    email: checkEmail(values.email),
    password: checkNewPassword(values.password),
  });
}

/** The request to send; call it once `checkRegisterForm` found nothing. */
export function toRegisterRequest(values: RegisterFormValues): RegisterRequest {
  const ukrainian = values.country === UKRAINE;
  const oblast = findOblast(values.oblast);
  const population = values.population.trim();
  return {
    email: values.email.trim(),
    password: values.password,
    municipality: {
      nameUk: values.nameUk.trim(),
      nameLatin: values.nameLatin.trim(),
      country: values.country,
      adm1: ukrainian ? values.oblast : values.adm1.trim().toUpperCase(),
      kind: values.kind as MunicipalityKind,
      ...(population === '' ? {} : { population: Number(population) }),
      // A Ukrainian municipality is placed at its oblast's centre until it sets a precise location.
      location:
        ukrainian && oblast
          ? { lat: oblast.lat, lon: oblast.lon }
          : { lat: parseDecimal(values.lat) ?? Number.NaN, lon: parseDecimal(values.lon) ?? Number.NaN },
      languages: values.municipalityLanguages,
    },
    member: { displayName: values.displayName.trim(), languages: values.memberLanguages },
  };
}

/** Which input a server field path of a registration belongs to. */
export function registerFieldOf(path: string, country: string): RegisterField | 'form' {
  const [head, child, grandchild] = path.split('.');
  if (head === 'email' || head === 'password') return head;
  if (head === 'member') {
    if (child === 'displayName') return 'displayName';
    if (child === 'languages') return 'memberLanguages';
    return 'form';
  }
  if (head !== 'municipality') return 'form';
  const ukrainian = country === UKRAINE;
  switch (child) {
    case 'nameUk':
    case 'nameLatin':
    case 'country':
    case 'kind':
    case 'population':
      return child;
    case 'adm1':
      return ukrainian ? 'oblast' : 'adm1';
    case 'location':
      return ukrainian ? 'oblast' : grandchild === 'lon' ? 'lon' : 'lat';
    case 'languages':
      return 'municipalityLanguages';
    default:
      return 'form';
  }
}

const describeRegister = describeWith({
  selects: new Set(['country', 'oblast', 'kind']),
  limits: { nameUk: NAME_MAX_LENGTH, nameLatin: NAME_MAX_LENGTH, displayName: DISPLAY_NAME_MAX_LENGTH, email: MAX_EMAIL_LENGTH },
  passwords: new Set(['password']),
});

/** The server's field errors of a registration, next to their inputs. */
export function registerErrorsFromServer(details: readonly FieldError[], country: string): RegisterErrors {
  return fromServerDetails<RegisterField>(details, (path) => registerFieldOf(path, country), describeRegister);
}

// ---------------------------------------------------------------------------------------------
// Join a municipality with an invitation code

export type JoinFormValues = { code: string; displayName: string; languages: string[]; email: string; password: string };
export type JoinField = keyof JoinFormValues;
export type JoinErrors = FieldErrorsOf<JoinField>;

export function emptyJoinForm(interfaceLanguage: string, code = ''): JoinFormValues {
  return { code, displayName: '', languages: [...new Set(['uk', interfaceLanguage])], email: '', password: '' };
}

export function checkJoinForm(values: JoinFormValues): JoinErrors {
  return withoutUndefined<JoinField>({
    code: values.code.replace(/[\s-]/g, '') === '' ? { key: 'required' } : undefined,
    displayName: checkText(values.displayName, DISPLAY_NAME_MAX_LENGTH),
    email: checkEmail(values.email),
    password: checkNewPassword(values.password),
  });
}

export function toJoinRequest(values: JoinFormValues): AcceptInvitationRequest {
  return {
    // Codes are read aloud and typed by hand: spaces, dashes and case do not matter (nor to the server).
    code: values.code.replace(/[\s-]/g, '').toUpperCase(),
    email: values.email.trim(),
    password: values.password,
    displayName: values.displayName.trim(),
    languages: values.languages,
  };
}

const JOIN_FIELDS = new Set<string>(['code', 'displayName', 'languages', 'email', 'password']);
const describeJoin = describeWith({ limits: { displayName: DISPLAY_NAME_MAX_LENGTH, email: MAX_EMAIL_LENGTH }, passwords: new Set(['password']) });

/** The server's field errors of an invitation's acceptance (the member's fields come unprefixed). */
export function joinErrorsFromServer(details: readonly FieldError[]): JoinErrors {
  return fromServerDetails<JoinField>(
    details,
    (path) => {
      const head = path.split('.')[0] ?? '';
      return JOIN_FIELDS.has(head) ? (head as JoinField) : 'form';
    },
    describeJoin,
  );
}

// ---------------------------------------------------------------------------------------------
// Change the password

export type PasswordFormValues = ChangePasswordRequest;
export type PasswordField = keyof PasswordFormValues;
export type PasswordErrors = FieldErrorsOf<PasswordField>;

export function checkPasswordForm(values: PasswordFormValues): PasswordErrors {
  return withoutUndefined<PasswordField>({
    currentPassword: values.currentPassword === '' ? { key: 'required' } : undefined,
    newPassword: checkNewPassword(values.newPassword),
  });
}

const describePassword = describeWith({ passwords: new Set(['newPassword']) });

export function passwordErrorsFromServer(details: readonly FieldError[]): PasswordErrors {
  return fromServerDetails<PasswordField>(
    details,
    (path) => (path === 'currentPassword' || path === 'newPassword' ? path : 'form'),
    describePassword,
  );
}
