import { describe, expect, it } from 'vitest';
import { MUNICIPALITY_SCHEMA } from '../../domain/schemas/municipality';
import { validateDocument } from '../../domain/validation';
import {
  MAX_PARTNERS,
  addPartner,
  formToMunicipality,
  municipalityToForm,
  onLatest,
  removePartner,
  type MunicipalityFormValues,
} from '../../app/features/municipalities/municipality-form';
import { KRAKOW, KYIV, LVIV, MUNICH, makeMunicipality } from './domain-factories';
import { stampChanges } from '../../domain/field-stamps';

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

describe('saving the profile form onto what the phone holds now (onLatest)', () => {
  const opened = makeMunicipality({ verification: { status: 'pending' }, profile: 'Old text', profileLanguage: 'uk', fieldStamps: { kind: 5 } });
  // While the form was open, sync brought a moderator's verification and another coordinator's partners and population.
  const latest = makeMunicipality({
    verification: { status: 'verified' },
    profile: 'Old text',
    profileLanguage: 'uk',
    partnerIds: [MUNICH, KRAKOW],
    population: 3_100_000,
    updatedAt: opened.updatedAt + 100,
    fieldStamps: { kind: 5, verification: opened.updatedAt + 50, partnerIds: opened.updatedAt + 100, population: opened.updatedAt + 100 },
    meta: { createdBy: 'member-olena-01', createdAt: 1, serverUpdatedAt: 3 },
  });
  const formOf = (base: typeof opened, patch: Partial<MunicipalityFormValues>): MunicipalityFormValues => ({ ...municipalityToForm(base, 'uk'), ...patch });

  it('keeps every field the form did not change as the phone holds it now, and applies the ones it changed', () => {
    const result = formToMunicipality(formOf(opened, { languages: ['uk', 'pl'], kind: 'hromada' }), opened, validate);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { updatedAt: _stamp, ...expected } = { ...latest, languages: ['uk', 'pl'], kind: 'hromada' as const };
    expect(onLatest(opened, result.municipality, latest)).toEqual(expected);
  });

  it('so the phone stamps only what the coordinator changed: the synced verification and partners are not written back', () => {
    const result = formToMunicipality(formOf(opened, { languages: ['uk', 'pl'] }), opened, validate);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const saved = stampChanges(latest, onLatest(opened, result.municipality, latest) as typeof latest, latest.updatedAt + 10).doc;
    expect(saved.fieldStamps).toEqual({ ...latest.fieldStamps, languages: latest.updatedAt + 10 });
    // Built over the opening alone, the save would have stamped the old verification, partners and population as this phone's edits.
    const naive = stampChanges(latest, { ...result.municipality, updatedAt: 0 }, latest.updatedAt + 10).doc;
    expect(Object.keys(naive.fieldStamps ?? {}).sort()).toEqual(['kind', 'languages', 'partnerIds', 'population', 'verification']);
    expect(naive.fieldStamps?.verification).toBe(latest.updatedAt + 10);
  });

  it('applies a removal the form made (an emptied text), and a text with its language as one', () => {
    const latestText = { ...latest, profile: 'Synced text', profileLanguage: 'en' };
    const result = formToMunicipality(formOf({ ...opened, population: 5 }, { profile: '  ', population: '' }), { ...opened, population: 5 }, validate);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const saved = onLatest({ ...opened, population: 5 }, result.municipality, latestText);
    expect(saved).not.toHaveProperty('profile');
    expect(saved).not.toHaveProperty('population');
    // The language was left alone but its text was changed: the pair is saved as the form had it.
    expect(saved.profileLanguage).toBe('uk');
    expect(saved.partnerIds).toEqual([MUNICH, KRAKOW]);
  });
});
