/**
 * The account forms: what the phone checks before sending, the request it sends, and which input
 * each of the server's field errors lands on (`municipality.adm1` is the oblast in Ukraine).
 */
import { describe, expect, it } from 'vitest';
import {
  checkJoinForm,
  checkPasswordForm,
  checkRegisterForm,
  emptyRegisterForm,
  joinErrorsFromServer,
  passwordErrorsFromServer,
  registerErrorsFromServer,
  toJoinRequest,
  toRegisterRequest,
  type RegisterFormValues,
} from '../../app/features/accounts/account-forms';

function filled(overrides: Partial<RegisterFormValues> = {}): RegisterFormValues {
  return {
    ...emptyRegisterForm('de'),
    nameUk: ' Самбір ',
    nameLatin: 'Sambir',
    oblast: 'UA46',
    population: '34000',
    displayName: 'Олена Коваленко',
    email: ' olena@sambir.example ',
    password: 'ten chars!',
    ...overrides,
  };
}

const GERMAN = { country: 'DE', adm1: 'de-by', lat: '48,137', lon: '11.575' };

describe('registering a municipality', () => {
  it('starts in Ukraine, speaking Ukrainian, the member also the interface language', () => {
    expect(emptyRegisterForm('de')).toMatchObject({ country: 'UA', kind: 'hromada', municipalityLanguages: ['uk'], memberLanguages: ['uk', 'de'] });
  });

  it('places a Ukrainian municipality at its oblast’s centre and trims the text', () => {
    expect(checkRegisterForm(filled())).toEqual({});
    expect(toRegisterRequest(filled())).toEqual({
      email: 'olena@sambir.example',
      password: 'ten chars!',
      municipality: {
        nameUk: 'Самбір',
        nameLatin: 'Sambir',
        country: 'UA',
        adm1: 'UA46',
        kind: 'hromada',
        population: 34000,
        location: { lat: 49.84, lon: 24.03 },
        languages: ['uk'],
      },
      member: { displayName: 'Олена Коваленко', languages: ['uk', 'de'] },
    });
  });

  it('takes a region code and coordinates elsewhere (a comma is a decimal point)', () => {
    const values = filled({ ...GERMAN, population: '' });
    expect(checkRegisterForm(values)).toEqual({});
    const { municipality } = toRegisterRequest(values);
    expect(municipality).toMatchObject({ country: 'DE', adm1: 'DE-BY', location: { lat: 48.137, lon: 11.575 } });
    expect(municipality).not.toHaveProperty('population');
  });

  it.each([
    ['names', { nameUk: ' ', nameLatin: '' }, { nameUk: { key: 'required' }, nameLatin: { key: 'required' } }],
    ['a name of at most 160 characters', { nameLatin: 'x'.repeat(161) }, { nameLatin: { key: 'tooLong', count: 160 } }],
    ['the oblast in Ukraine', { oblast: '' }, { oblast: { key: 'choose' } }],
    ['the kind', { kind: '' }, { kind: { key: 'choose' } }],
    ['a whole population', { population: '12.5' }, { population: { key: 'wholeNumber' } }],
    ['an email address', { email: 'olena' }, { email: { key: 'invalidEmail' } }],
    ['a password of 10 characters', { password: 'nine char' }, { password: { key: 'passwordTooShort', count: 10 } }],
    ['a region code of the country', { ...GERMAN, adm1: 'PL-14' }, { adm1: { key: 'adm1Format' } }],
    ['coordinates on the globe', { ...GERMAN, lat: '91', lon: 'east' }, { lat: { key: 'latitude' }, lon: { key: 'longitude' } }],
  ] as const)('asks for %s', (_what, overrides, errors) => {
    expect(checkRegisterForm(filled(overrides))).toEqual(errors);
  });

  it('counts a password’s characters as people do (an emoji is one)', () => {
    expect(checkRegisterForm(filled({ password: '🔑🔑🔑🔑🔑🔑🔑🔑🔑' }))).toEqual({ password: { key: 'passwordTooShort', count: 10 } });
  });

  it.each([
    ['municipality.nameUk', 'minLength', 'UA', 'nameUk', { key: 'required' }],
    ['municipality.nameLatin', 'maxLength', 'UA', 'nameLatin', { key: 'tooLong', count: 160 }],
    ['municipality.adm1', 'pattern', 'UA', 'oblast', { key: 'invalid' }],
    ['municipality.adm1', 'pattern', 'DE', 'adm1', { key: 'adm1Format' }],
    ['municipality.location.lon', 'maximum', 'DE', 'lon', { key: 'longitude' }],
    ['municipality.location', 'required', 'UA', 'oblast', { key: 'choose' }],
    ['municipality.kind', 'enum', 'UA', 'kind', { key: 'choose' }],
    ['municipality.population', 'type', 'UA', 'population', { key: 'wholeNumber' }],
    ['municipality.languages.0', 'pattern', 'UA', 'municipalityLanguages', { key: 'invalid' }],
    ['member.displayName', 'maxLength', 'UA', 'displayName', { key: 'tooLong', count: 120 }],
    ['member.languages', 'uniqueItems', 'UA', 'memberLanguages', { key: 'invalid' }],
    ['email', 'unique', 'UA', 'email', { key: 'emailTaken' }],
    ['email', 'format', 'UA', 'email', { key: 'invalidEmail' }],
    ['password', 'minLength', 'UA', 'password', { key: 'passwordTooShort', count: 10 }],
    ['municipality.(document)', 'additionalProperties', 'UA', 'form', { key: 'invalid' }],
  ] as const)('shows the server’s %s (%s) in %s on %s', (field, keyword, country, input, problem) => {
    expect(registerErrorsFromServer([{ field, keyword, message: 'from the server' }], country)).toEqual({ [input]: problem });
  });

  it('keeps the first of several errors of one field', () => {
    const details = [
      { field: 'municipality.nameUk', keyword: 'minLength', message: '' },
      { field: 'municipality.nameUk', keyword: 'pattern', message: '' },
    ];
    expect(registerErrorsFromServer(details, 'UA')).toEqual({ nameUk: { key: 'required' } });
  });
});

describe('joining with an invitation', () => {
  it('sends the code as the server reads it', () => {
    const values = { code: 'abcd efgh-ijkl mnop', displayName: ' Ігор ', languages: ['uk'], email: 'igor@sambir.example', password: 'a long secret' };
    expect(checkJoinForm(values)).toEqual({});
    expect(toJoinRequest(values)).toEqual({ code: 'ABCDEFGHIJKLMNOP', displayName: 'Ігор', languages: ['uk'], email: 'igor@sambir.example', password: 'a long secret' });
  });

  it('asks for the code, and shows the member’s field errors (unprefixed) on their inputs', () => {
    expect(checkJoinForm({ code: ' - ', displayName: 'Ігор', languages: [], email: 'igor@sambir.example', password: 'a long secret' })).toEqual({ code: { key: 'required' } });
    expect(joinErrorsFromServer([{ field: 'displayName', keyword: 'minLength', message: '' }, { field: 'email', keyword: 'unique', message: '' }])).toEqual({
      displayName: { key: 'required' },
      email: { key: 'emailTaken' },
    });
  });
});

describe('changing the password', () => {
  it('needs the current one and a new one of 10 characters', () => {
    expect(checkPasswordForm({ currentPassword: '', newPassword: 'short' })).toEqual({
      currentPassword: { key: 'required' },
      newPassword: { key: 'passwordTooShort', count: 10 },
    });
  });

  it('shows a wrong current password on its field', () => {
    expect(passwordErrorsFromServer([{ field: 'currentPassword', keyword: 'password', message: 'is wrong' }])).toEqual({ currentPassword: { key: 'wrongPassword' } });
    expect(passwordErrorsFromServer([{ field: 'newPassword', keyword: 'minLength', message: '' }])).toEqual({ newPassword: { key: 'passwordTooShort', count: 10 } });
  });
});
