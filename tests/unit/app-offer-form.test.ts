/** The offer form: what the inputs hold → the offer document saved, or the errors shown. */
import { describe, expect, it } from 'vitest';
import { OFFER_SCHEMA } from '../../domain/schemas/offer';
import { validateDocument } from '../../domain/validation';
import {
  formToOffer,
  newOfferForm,
  offerStatusChoices,
  offerToForm,
  toggleDelivery,
  withPlaceChange,
  type OfferFormValues,
} from '../../app/features/offers/offer-form';
import { validateOffer } from '../../app/forms/validate';
import { MUNICH, makeOffer } from '../support/factories';

const validate = (doc: unknown) => validateDocument(OFFER_SCHEMA, doc);
const CONTEXT = { id: '6f1c1d7e-0c1a-4c7e-9d1e-2b1f0a9e7c11', municipalityId: MUNICH, today: '2026-03-01' };

function filledForm(overrides: Partial<OfferFormValues> = {}): OfferFormValues {
  return {
    ...newOfferForm({ language: 'de', settlement: 'München', country: 'DE', pcode: 'DE-BY', location: { lat: 48.14, lon: 11.58 } }),
    category: 'energy',
    title: '  Stromgeneratoren 20 kW  ',
    description: 'Gewartet, mit Kabeln',
    quantity: '8',
    unit: 'pieces',
    availableUntil: '2026-04-30',
    deliveryOptions: ['to-border', 'to-city'],
    ...overrides,
  };
}

describe('a new offer', () => {
  it('starts in the interface language where the municipality is, open, with no oblast outside Ukraine', () => {
    expect(newOfferForm({ language: 'pl', settlement: 'Kraków', country: 'PL', pcode: 'PL-12', location: { lat: 50.06, lon: 19.94 } })).toMatchObject({
      language: 'pl',
      settlement: 'Kraków',
      country: 'PL',
      pcode: '',
      lat: '50.06',
      lon: '19.94',
      category: '',
      deliveryOptions: [],
      status: 'open',
    });
    expect(newOfferForm({ language: 'uk', settlement: 'Львів', country: 'UA', pcode: 'UA46' }).pcode).toBe('UA46');
  });

  it('becomes an open offer with trimmed text and the municipality’s location, valid for the schema', () => {
    const result = formToOffer(filledForm(), CONTEXT, validate);
    expect(result).toEqual({
      ok: true,
      offer: {
        id: CONTEXT.id,
        municipalityId: MUNICH,
        category: 'energy',
        title: 'Stromgeneratoren 20 kW',
        description: 'Gewartet, mit Kabeln',
        language: 'de',
        quantity: 8,
        unit: 'pieces',
        availableUntil: '2026-04-30',
        deliveryOptions: ['to-border', 'to-city'],
        place: { settlement: 'München', country: 'DE', lat: 48.14, lon: 11.58 },
        status: 'open',
      },
    });
    if (!result.ok) throw new Error('expected a valid offer');
    expect(validate({ ...result.offer, updatedAt: 1 })).toEqual([]);
  });

  it('lets expertise go without a quantity or an end date', () => {
    const result = formToOffer(filledForm({ category: 'expertise', quantity: '', unit: 'person-days', availableUntil: '', deliveryOptions: ['remote'] }), CONTEXT, validate);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.offer).not.toHaveProperty('quantity');
      expect(result.offer).not.toHaveProperty('availableUntil');
    }
  });

  it('says what to fix, next to each field', () => {
    const result = formToOffer(
      filledForm({ category: '', title: ' x ', quantity: '2.5', deliveryOptions: [], availableUntil: '2026-02-01', settlement: '  ' }),
      CONTEXT,
      validate,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        category: { key: 'choose' },
        title: { key: 'tooShort', count: 3 },
        quantity: { key: 'wholeNumber' },
        deliveryOptions: { key: 'chooseSome' },
        availableUntil: { key: 'inPast' },
        settlement: { key: 'required' },
      },
    });
  });

  it('asks for a quantity of goods, but not of expertise', () => {
    expect(formToOffer(filledForm({ quantity: '' }), CONTEXT, validate)).toMatchObject({ ok: false, errors: { quantity: { key: 'required' } } });
    expect(formToOffer(filledForm({ quantity: 'many' }), CONTEXT, validate)).toMatchObject({ ok: false, errors: { quantity: { key: 'notANumber' } } });
  });

  it('refuses a status the member may not save', () => {
    expect(formToOffer(filledForm(), { ...CONTEXT, allowedStatuses: [] }, validate)).toMatchObject({ ok: false, errors: { status: { key: 'statusNotAllowed' } } });
  });

  it('gets the same errors from the build-time validator as from the schema', () => {
    const values = filledForm({ category: '', title: 'ab', deliveryOptions: [] });
    expect(formToOffer(values, CONTEXT, validateOffer)).toEqual(formToOffer(values, CONTEXT, validate));
  });
});

describe('editing an offer', () => {
  it('round-trips: the form of a stored offer saves the same offer', () => {
    const stored = makeOffer({ meta: { createdBy: 'member-hans-001', createdAt: 1_772_000_000_000 } });
    const result = formToOffer(offerToForm(stored), { ...CONTEXT, id: stored.id, previous: stored }, validate);
    const { updatedAt: _updatedAt, ...unchanged } = stored;
    expect(result).toEqual({ ok: true, offer: unchanged });
  });

  it('keeps an end date that has passed since, but not a newly typed past one', () => {
    const stored = makeOffer({ availableUntil: '2026-02-10' });
    const context = { ...CONTEXT, id: stored.id, previous: stored };
    expect(formToOffer(offerToForm(stored), context, validate).ok).toBe(true);
    expect(formToOffer({ ...offerToForm(stored), availableUntil: '2026-02-11' }, context, validate)).toMatchObject({
      ok: false,
      errors: { availableUntil: { key: 'inPast' } },
    });
  });

  it('moves the status only as the transition table allows', () => {
    const withdrawn = makeOffer({ status: 'withdrawn' });
    expect(offerStatusChoices('withdrawn')).toEqual(['withdrawn', 'open']);
    const result = formToOffer({ ...offerToForm(withdrawn), status: 'exhausted' }, { ...CONTEXT, id: withdrawn.id, previous: withdrawn }, validate);
    expect(result).toMatchObject({ ok: false, errors: { status: { key: 'statusNotAllowed' } } });
  });
});

describe('the place and the delivery options', () => {
  it('moves the coordinates to a newly chosen oblast’s centre and drops an old place code with the country', () => {
    const ukrainian = newOfferForm({ language: 'uk', settlement: 'Київ', country: 'UA', pcode: 'UA80', location: { lat: 50.45, lon: 30.52 } });
    const lviv = withPlaceChange(ukrainian, 'pcode', 'UA46');
    expect(lviv.pcode).toBe('UA46');
    expect(Number(lviv.lat)).toBeCloseTo(49.8, 0);
    expect(withPlaceChange(lviv, 'country', 'PL')).toMatchObject({ country: 'PL', pcode: '', lat: lviv.lat });
  });

  it('keeps delivery options in the schema’s order, each once', () => {
    let values = filledForm({ deliveryOptions: [] });
    values = toggleDelivery(values, 'remote', true);
    values = toggleDelivery(values, 'to-border', true);
    values = toggleDelivery(values, 'to-border', true);
    expect(values.deliveryOptions).toEqual(['to-border', 'remote']);
    expect(toggleDelivery(values, 'remote', false).deliveryOptions).toEqual(['to-border']);
  });
});
