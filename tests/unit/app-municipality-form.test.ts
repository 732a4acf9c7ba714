import { describe, expect, it } from 'vitest';
import { MUNICIPALITY_SCHEMA } from '../../domain/schemas/municipality';
import { validateDocument } from '../../domain/validation';
import {
  MAX_PARTNERS,
  addPartner,
  formToMunicipality,
  municipalityToForm,
  removePartner,
  type MunicipalityFormValues,
} from '../../app/features/municipalities/municipality-form';
import { KYIV, LVIV, MUNICH, makeMunicipality } from './domain-factories';

const validate = (doc: unknown) => validateDocument(MUNICIPALITY_SCHEMA, doc);
const stored = makeMunicipality({ meta: { createdBy: 'member-olena-01', createdAt: 1, serverUpdatedAt: 2 } });
const form = (patch: Partial<MunicipalityFormValues> = {}): MunicipalityFormValues => ({ ...municipalityToForm(stored, 'uk'), ...patch });

describe('the municipality profile form', () => {
  it('starts from the stored profile, its text in the interface language when none was given', () => {
    expect(form()).toEqual({ profile: '', profileLanguage: 'uk', languages: ['uk', 'en'], population: '2950000', kind: 'city', partnerIds: [MUNICH] });
  });

  it('saves the editable fields and carries everything else over untouched', () => {
    const result = formToMunicipality(
      form({ profile: 'Столиця.\nМи шукаємо партнерів.  \n', profileLanguage: 'uk', languages: ['uk', 'de'], population: '3000000', kind: 'hromada', partnerIds: [LVIV] }),
      stored,
      validate,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { updatedAt: _updatedAt, ...rest } = stored;
    expect(result.municipality).toEqual({
      ...rest,
      profile: 'Столиця.\nМи шукаємо партнерів.',
      profileLanguage: 'uk',
      languages: ['uk', 'de'],
      population: 3_000_000,
      kind: 'hromada',
      partnerIds: [LVIV],
    });
    expect(validate({ ...result.municipality, updatedAt: 1 })).toEqual([]);
  });

  it('drops an emptied profile text and population rather than storing blanks', () => {
    const withText = { ...stored, profile: 'Old text' };
    const result = formToMunicipality({ ...municipalityToForm(withText, 'en'), profile: '   ', population: '' }, withText, validate);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.municipality).not.toHaveProperty('profile');
    expect(result.municipality).not.toHaveProperty('population');
  });

  /** form patch → the field error shown. */
  it.each<[Partial<MunicipalityFormValues>, string, string]>([
    [{ population: '12.5' }, 'population', 'wholeNumber'],
    [{ population: 'many' }, 'population', 'wholeNumber'],
    [{ population: '-3' }, 'population', 'mustNotBeNegative'],
    [{ population: '200000000' }, 'population', 'tooLarge'],
    [{ profile: 'x'.repeat(4001) }, 'profile', 'tooLong'],
    [{ partnerIds: [KYIV] }, 'partnerIds', 'partnerSelf'],
    [{ partnerIds: [LVIV, LVIV] }, 'partnerIds', 'partnerTwice'],
    [{ partnerIds: ['not an id!'] }, 'partnerIds', 'invalid'],
    [{ languages: ['uk', 'UKRAINIAN'] }, 'languages', 'invalid'],
    [{ kind: 'castle' }, 'kind', 'choose'],
  ])('%o → %s: %s', (patch, field, key) => {
    const result = formToMunicipality(form(patch), stored, validate);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toMatchObject({ [field]: { key } });
  });

  it(`refuses more than ${MAX_PARTNERS} partners`, () => {
    const partnerIds = Array.from({ length: MAX_PARTNERS + 1 }, (_, index) => `muni-partner-${String(index).padStart(4, '0')}`);
    const result = formToMunicipality(form({ partnerIds }), stored, validate);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.partnerIds).toEqual({ key: 'tooManyPartners', count: MAX_PARTNERS });
  });

  it('adds a partner once, never the municipality itself, and removes it', () => {
    expect(addPartner([MUNICH], LVIV, KYIV)).toEqual([MUNICH, LVIV]);
    expect(addPartner([MUNICH], MUNICH, KYIV)).toEqual([MUNICH]);
    expect(addPartner([MUNICH], KYIV, KYIV)).toEqual([MUNICH]);
    expect(removePartner([MUNICH, LVIV], MUNICH)).toEqual([LVIV]);
  });
});
