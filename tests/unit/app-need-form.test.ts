/** The need form: what the inputs hold → the need document saved, or the errors shown. */
import { describe, expect, it } from 'vitest';
import { NEED_SCHEMA } from '../../domain/schemas/need';
import { validateDocument } from '../../domain/validation';
import { formToNeed, needToForm, newNeedForm, statusChoices, type NeedFormValues } from '../../app/features/needs/need-form';
import { makeNeed } from '../support/factories';

const validate = (doc: unknown) => validateDocument(NEED_SCHEMA, doc);
const CONTEXT = { id: '6f1c1d7e-0c1a-4c7e-9d1e-2b1f0a9e7c11', municipalityId: 'a2b4c6d8-1111-4222-8333-944455556666' };

function filledForm(overrides: Partial<NeedFormValues> = {}): NeedFormValues {
  return {
    ...newNeedForm({ language: 'uk', settlement: 'Самбір', pcode: 'UA46' }),
    category: 'energy',
    title: '  Дизель-генератор 100 кВт  ',
    description: 'Резервне живлення для лікарні',
    quantity: '2',
    unit: 'pieces',
    urgency: 'critical',
    neededBy: '2030-01-31',
    ...overrides,
  };
}

describe('a new need', () => {
  it('starts in the interface language at the municipality’s place', () => {
    expect(newNeedForm({ language: 'de', settlement: 'Lviv', pcode: 'UA46' })).toMatchObject({
      language: 'de',
      settlement: 'Lviv',
      pcode: 'UA46',
      category: '',
      status: 'open',
    });
  });

  it('becomes an open need with trimmed text and the oblast centre as location', () => {
    const result = formToNeed(filledForm(), CONTEXT, validate);
    expect(result).toEqual({
      ok: true,
      need: {
        id: CONTEXT.id,
        municipalityId: CONTEXT.municipalityId,
        category: 'energy',
        title: 'Дизель-генератор 100 кВт',
        description: 'Резервне живлення для лікарні',
        language: 'uk',
        quantity: 2,
        unit: 'pieces',
        urgency: 'critical',
        neededBy: '2030-01-31',
        place: { settlement: 'Самбір', pcode: 'UA46', lat: 49.84, lon: 24.03 },
        status: 'open',
      },
    });
  });

  it('leaves out an empty date and, for expertise, an empty quantity', () => {
    const result = formToNeed(filledForm({ category: 'expertise', quantity: '', unit: 'person-days', neededBy: '' }), CONTEXT, validate);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.need).not.toHaveProperty('quantity');
      expect(result.need).not.toHaveProperty('neededBy');
    }
  });

  it.each([
    ['a quantity for goods', { quantity: '' }, { quantity: { key: 'required' } }],
    ['a number', { quantity: 'two' }, { quantity: { key: 'notANumber' } }],
    ['more than zero', { quantity: '0' }, { quantity: { key: 'mustBePositive' } }],
    ['a category', { category: '' }, { category: { key: 'choose' } }],
    ['a title of three characters', { title: ' ab ' }, { title: { key: 'tooShort', count: 3 } }],
    ['a title of at most 140 characters', { title: 'x'.repeat(141) }, { title: { key: 'tooLong', count: 140 } }],
    ['a settlement', { settlement: '   ' }, { settlement: { key: 'required' } }],
    ['an oblast', { pcode: '' }, { pcode: { key: 'choose' } }],
    ['a real date', { neededBy: '2030-02-30' }, { neededBy: { key: 'invalid' } }],
  ] as const)('asks for %s', (_what, overrides, errors) => {
    expect(formToNeed(filledForm(overrides), CONTEXT, validate)).toEqual({ ok: false, errors });
  });

  it('reports every field that needs fixing at once', () => {
    const result = formToNeed(filledForm({ category: '', title: '', settlement: '' }), CONTEXT, validate);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['category', 'settlement', 'title']);
  });

  it('may start as a draft, and only as a status the member may save', () => {
    const draft = formToNeed(filledForm({ status: 'draft' }), CONTEXT, validate);
    expect(draft.ok && draft.need.status).toBe('draft');
    expect(formToNeed(filledForm({ status: 'open' }), { ...CONTEXT, allowedStatuses: ['draft'] }, validate)).toEqual({
      ok: false,
      errors: { status: { key: 'statusNotAllowed' } },
    });
    expect(formToNeed(filledForm({ status: 'closed' }), CONTEXT, validate)).toEqual({ ok: false, errors: { status: { key: 'statusNotAllowed' } } });
  });

  it('puts errors that belong to no input on the form', () => {
    const result = formToNeed(filledForm(), { ...CONTEXT, id: 'no' }, validate);
    expect(result).toEqual({ ok: false, errors: { form: { key: 'invalid' } } });
  });
});

describe('an edited need', () => {
  it('round-trips through the form unchanged but for updatedAt', () => {
    const stored = makeNeed({ meta: { createdBy: 'member-1', createdAt: 1 } });
    const result = formToNeed(needToForm(stored), { ...CONTEXT, previous: stored, id: stored.id }, validate);
    const { updatedAt: _updatedAt, ...rest } = stored;
    expect(result).toEqual({ ok: true, need: rest });
  });

  it('keeps precise coordinates while the oblast stays, and takes the new centre when it changes', () => {
    const stored = makeNeed({ place: { settlement: 'Kharkiv', pcode: 'UA63', lat: 49.99, lon: 36.23 } });
    const context = { ...CONTEXT, previous: stored, id: stored.id };
    const same = formToNeed({ ...needToForm(stored), settlement: 'Chuhuiv' }, context, validate);
    const moved = formToNeed({ ...needToForm(stored), pcode: 'UA46' }, context, validate);
    expect(same.ok && same.need.place).toEqual({ settlement: 'Chuhuiv', pcode: 'UA63', lat: 49.99, lon: 36.23 });
    expect(moved.ok && moved.need.place).toEqual({ settlement: 'Kharkiv', pcode: 'UA46', lat: 49.84, lon: 24.03 });
  });

  it('keeps the municipality it was posted for', () => {
    const stored = makeNeed({ municipalityId: 'other-municipality-1' });
    const result = formToNeed(needToForm(stored), { ...CONTEXT, previous: stored, id: stored.id }, validate);
    expect(result.ok && result.need.municipalityId).toBe('other-municipality-1');
  });

  it('removes a quantity that was cleared', () => {
    const stored = makeNeed({ category: 'expertise', quantity: 3, unit: 'person-days' });
    const result = formToNeed({ ...needToForm(stored), quantity: '' }, { ...CONTEXT, previous: stored, id: stored.id }, validate);
    expect(result.ok && 'quantity' in result.need).toBe(false);
  });

  it('offers and accepts only legal status moves', () => {
    expect(statusChoices('draft')).toEqual(['draft', 'open', 'withdrawn']);
    const closed = makeNeed({ status: 'closed' });
    const context = { ...CONTEXT, previous: closed, id: closed.id };
    expect(formToNeed({ ...needToForm(closed), status: 'open' }, context, validate).ok).toBe(true);
    expect(formToNeed({ ...needToForm(closed), status: 'withdrawn' }, context, validate)).toEqual({
      ok: false,
      errors: { status: { key: 'statusNotAllowed' } },
    });
  });
});
