// @vitest-environment jsdom
/**
 * A need's page and pledging against it, on a real (in-memory) store: the owner sees edit,
 * withdraw and close, a partner city sees the pledge button and the offers that fit; the pledge
 * form checks what it is given, saves a pledge the rules accept, and the page's totals include it
 * at once.
 */
import { act } from 'react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import { initI18n } from '../../app/i18n/index';
import { useSessionStore } from '../../app/stores/session-store';
import { NeedScreen } from '../../app/features/needs/NeedScreen';
import { PledgeFormScreen } from '../../app/features/pledges/PledgeFormScreen';
import { addDays, defaultExpiresAt } from '../../app/features/pledges/pledge-form';
import { localDay } from '../../app/features/needs';
import type { Pledge } from '../../domain/schemas/pledge';
import { renderWithStore, settle, type RenderedView } from '../support/render-with-store';
import { DAY, KYIV, MUNICH, fresh, freshNeed, makeMunicipality, makeOffer, makePledge } from '../support/factories';
import { makeModeratorProfile, makeProfile } from '../support/profiles';
import { byTestId as byTestIdIn, click, fill, waitFor as waitForIn } from '../support/dom';

const munich = makeMunicipality({ id: MUNICH, nameUk: 'Мюнхен', nameLatin: 'München', country: 'DE', adm1: 'DE-BY', location: { lat: 48.14, lon: 11.58 } });
const kyivOfficial = makeProfile();
const munichOfficial = makeProfile({ email: 'hans@muenchen.example', municipality: munich, member: { id: 'member-hans-001', displayName: 'Hans' } });
const munichPending = makeProfile({ email: 'eva@muenchen.example', municipality: munich, member: { id: 'member-eva-001', status: 'pending' } });

const need = freshNeed({
  title: 'Генератори для насосної станції',
  language: 'uk',
  description: 'Дві станції без живлення.',
  quantity: 10,
  unit: 'pieces',
  urgency: 'critical',
  neededBy: localDay(new Date(Date.now() + 20 * DAY)),
  place: { settlement: 'Житомир', pcode: 'UA1804001', lat: 50.25, lon: 28.66 },
});
const offer = fresh(makeOffer({ title: '8 diesel generators, 20 kW', quantity: 8, availableUntil: localDay(new Date(Date.now() + 60 * DAY)) }));
const firstPledge = fresh(makePledge({ needId: need.id, offerId: undefined, quantity: 4, expiresAt: Date.now() + 14 * DAY }));

let store: LocalStore;
const views: RenderedView[] = [];

async function show(element: React.ReactNode, profile = kyivOfficial): Promise<HTMLElement> {
  act(() => useSessionStore.getState().setProfile(profile));
  const view = await renderWithStore(store, element);
  views.push(view);
  return view.container;
}

beforeAll(async () => {
  await initI18n('en');
  store = await openLocalStore(getRxStorageMemory(), `need-page-${Date.now()}`);
  await saveDocument(store, 'municipalities', makeMunicipality());
  await saveDocument(store, 'municipalities', munich);
  const { updatedAt: _updatedAt, ...stored } = need;
  await saveDocument(store, 'needs', stored);
  await saveDocument(store, 'offers', offer);
  await saveDocument(store, 'pledges', firstPledge);
});

afterAll(async () => {
  for (const view of views) view.unmount();
  await store.db.close();
});

const testId = (container: HTMLElement, id: string) => byTestIdIn(container, id);

describe('the need page', () => {
  it('shows every field, the municipality with its badge, the Latin spelling of the place and the totals', async () => {
    const page = await show(<NeedScreen id={need.id} />);
    const root = await waitForIn(page, () => testId(page, 'need-page'));
    expect(testId(root, 'need-title')?.getAttribute('lang')).toBe('uk');
    expect(testId(root, 'need-description')?.getAttribute('lang')).toBe('uk');
    expect(testId(root, 'need-quantity')?.textContent).toBe('10 pieces');
    expect(testId(root, 'need-place')?.textContent).toBe('Житомир (Zhytomyr), Zhytomyrska oblast');
    expect(testId(root, 'need-municipality-link')?.getAttribute('href')).toBe(`/municipalities/${KYIV}`);
    expect(testId(root, 'verified-badge')).not.toBeNull();
    const total = await waitForIn(page, () => testId(root, 'need-pledged-total')?.dataset.pledged === '4' && testId(root, 'need-pledged-total'));
    expect(total.textContent).toBe('Pledged 4 pieces of 10 pieces');
    const pledge = await waitForIn(page, () => testId(root, 'pledge-item'));
    expect(pledge.textContent).toContain('München');
    expect(pledge.dataset.status).toBe('pledged');
    expect(testId(pledge, 'pledge-item-link')?.getAttribute('href')).toBe(`/pledges/${firstPledge.id}`);
  });

  it('gives its owner edit, withdraw and close, and no pledge button', async () => {
    const page = await show(<NeedScreen id={need.id} />, kyivOfficial);
    await waitForIn(page, () => testId(page, 'need-page'));
    expect(testId(page, 'edit-need-button')?.getAttribute('href')).toBe(`/needs/${need.id}/edit`);
    expect(testId(page, 'need-withdraw-button')).not.toBeNull();
    expect(testId(page, 'need-close-button')).not.toBeNull();
    expect(testId(page, 'need-reopen-button')).toBeNull();
    expect(testId(page, 'need-pledge-button')).toBeNull();
  });

  it('gives a verified partner city the pledge button and the offers that fit, with reasons, not the owner actions', async () => {
    const page = await show(<NeedScreen id={need.id} />, munichOfficial);
    const button = await waitForIn(page, () => testId(page, 'need-pledge-button'));
    expect(button.getAttribute('href')).toBe(`/needs/${need.id}/pledge`);
    expect(testId(page, 'edit-need-button')).toBeNull();
    expect(testId(page, 'need-withdraw-button')).toBeNull();
    const suggestion = await waitForIn(page, () => testId(page, 'need-offer-suggestion'));
    expect(suggestion.textContent).toContain('covers 80 %');
    expect(suggestion.textContent).toMatch(/needed in 2\d days/);
    expect(suggestion.textContent).toMatch(/\d[\d,]* km away/);
    expect(testId(suggestion, 'offer-pledge-link')?.getAttribute('href')).toBe(`/needs/${need.id}/pledge?offer=${offer.id}`);
  });

  it.each([
    ['a pending member of the partner city', munichPending],
    ['a moderator', makeModeratorProfile()],
  ])('hides the pledge button from %s', async (_who, profile) => {
    const page = await show(<NeedScreen id={need.id} />, profile);
    await waitForIn(page, () => testId(page, 'need-page'));
    await act(settle);
    expect(testId(page, 'need-pledge-button')).toBeNull();
    expect(testId(page, 'offer-pledge-link')).toBeNull();
  });

  it('says a need not on the phone yet is not found, without failing', async () => {
    const page = await show(<NeedScreen id="need-not-synced-yet" />);
    const message = await waitForIn(page, () => testId(page, 'need-not-found'));
    expect(message.textContent).toContain('not on this phone yet');
  });

  it('lets its owner withdraw it and reopen it', async () => {
    const { updatedAt: _updatedAt, ...stored } = freshNeed({ title: 'Ковдри' });
    await saveDocument(store, 'needs', stored);
    const page = await show(<NeedScreen id={stored.id} />, kyivOfficial);
    await click(await waitForIn(page, () => testId(page, 'need-withdraw-button')));
    await waitForIn(page, () => testId(page, 'need-status')?.textContent === 'Withdrawn');
    expect((await store.db.needs.findOne(stored.id).exec())?.status).toBe('withdrawn');
    expect(testId(page, 'need-close-button')).toBeNull();
    expect(testId(page, 'need-reopen-button')).not.toBeNull();
  });
});

describe('the pledge form', () => {
  const today = localDay(new Date());

  it('refuses the need\'s own municipality', async () => {
    const page = await show(<PledgeFormScreen needId={need.id} />, kyivOfficial);
    await waitForIn(page, () => testId(page, 'pledge-not-allowed'));
    expect(testId(page, 'pledge-form')).toBeNull();
  });

  it('starts with what the need still lacks, at most what the offer holds', async () => {
    const page = await show(<PledgeFormScreen needId={need.id} />, munichOfficial);
    const quantity = await waitForIn(page, () => testId(page, 'pledge-quantity') as HTMLInputElement | null);
    expect(quantity.value).toBe('6');
    const fromOffer = await show(<PledgeFormScreen needId={need.id} offerId={offer.id} />, munichOfficial);
    const drawn = await waitForIn(fromOffer, () => testId(fromOffer, 'pledge-quantity') as HTMLInputElement | null);
    expect(testId(fromOffer, 'pledge-offer')?.textContent).toContain(offer.title);
    // 6 still lacking; the offer holds 8.
    expect(drawn.value).toBe('6');
    expect((testId(fromOffer, 'pledge-dispatch-date') as HTMLInputElement).value).toBe(addDays(today, 7));
  });

  it.each([
    ['', 'quantity', 'Please fill in this field.'],
    ['0', 'quantity', 'Must be more than zero.'],
    ['2.5', 'quantity', 'Please enter a whole number: this unit is counted in whole items.'],
    ['2000000000', 'quantity', 'This number is too large.'],
  ])('refuses the quantity %j', async (value, field, message) => {
    const page = await show(<PledgeFormScreen needId={need.id} />, munichOfficial);
    fill(await waitForIn(page, () => testId(page, 'pledge-quantity') as HTMLInputElement | null), value);
    await click(testId(page, 'pledge-submit')!);
    expect(testId(page, `field-error-${field}`)?.textContent).toBe(message);
  });

  it('refuses a dispatch date in the past', async () => {
    const page = await show(<PledgeFormScreen needId={need.id} />, munichOfficial);
    fill(await waitForIn(page, () => testId(page, 'pledge-dispatch-date') as HTMLInputElement | null), addDays(today, -1));
    await click(testId(page, 'pledge-submit')!);
    expect(testId(page, 'field-error-expectedDispatchOn')?.textContent).toBe('The date cannot be in the past.');
  });

  it('saves the pledge from the offer, and the need page counts it at once', async () => {
    const needPage = await show(<NeedScreen id={need.id} />, munichOfficial);
    await waitForIn(needPage, () => testId(needPage, 'need-pledged-total')?.dataset.pledged === '4');
    const form = await show(<PledgeFormScreen needId={need.id} offerId={offer.id} />, munichOfficial);
    const dispatch = addDays(today, 3);
    fill(await waitForIn(form, () => testId(form, 'pledge-quantity') as HTMLInputElement | null), '5');
    fill(testId(form, 'pledge-dispatch-date') as HTMLInputElement, dispatch);
    fill(testId(form, 'pledge-note') as HTMLTextAreaElement, 'Via Przemyśl, with cables.');
    await click(testId(form, 'pledge-submit')!);

    const saved = await waitForIn(needPage, () => testId(needPage, 'need-pledged-total')?.dataset.pledged === '9' && testId(needPage, 'need-pledged-total'));
    expect(saved.textContent).toBe('Pledged 9 pieces of 10 pieces');
    const pledges = (await store.db.pledges.find({ selector: { needId: need.id } }).exec()).map((doc) => doc.toJSON() as Pledge);
    const pledge = pledges.find((candidate) => candidate.id !== firstPledge.id)!;
    expect(pledge).toMatchObject({
      needId: need.id,
      offerId: offer.id,
      fromMunicipalityId: MUNICH,
      toMunicipalityId: KYIV,
      quantity: 5,
      unit: 'pieces',
      expectedDispatchOn: dispatch,
      expiresAt: defaultExpiresAt(dispatch),
      note: 'Via Przemyśl, with cables.',
      language: 'en',
    });
    const expiry = new Date(pledge.expiresAt);
    expect(localDay(expiry)).toBe(addDays(dispatch, 14));
    expect([expiry.getHours(), expiry.getMinutes()]).toEqual([23, 59]);
  });
});
