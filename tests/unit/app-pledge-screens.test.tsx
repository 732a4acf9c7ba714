// @vitest-environment jsdom
/**
 * The pledge screens on a real (in-memory) store: the pledge page shows each party only the
 * actions the rules leave it (sender: dispatch, extend, cancel; receiver: confirm, decline while
 * only pledged; a third city: none), dispatching writes the v1 details, a partial receipt makes the
 * pledge partly received, expiry is announced, and the lists split pledges by side.
 */
import { act } from 'react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import { initI18n } from '../../app/i18n/index';
import { routeHref } from '../../app/routes';
import { useSessionStore } from '../../app/stores/session-store';
import { PledgeScreen } from '../../app/features/pledges/PledgeScreen';
import { PledgesScreen } from '../../app/features/pledges/PledgesScreen';
import { ReceiveScreen } from '../../app/features/pledges/ReceiveScreen';
import { saveReceipt } from '../../app/features/pledges';
import type { Pledge } from '../../domain/schemas/pledge';
import type { PledgeEvent } from '../../domain/schemas/pledge-event';
import { renderWithStore, settle, type RenderedView } from '../support/render-with-store';
import { DAY, KRAKOW, KYIV, MUNICH, fresh, freshNeed, makeMember, makeMunicipality, makePledge } from '../support/factories';
import { makeProfile } from '../support/profiles';
import { byTestId, click, fill, waitFor } from '../support/dom';

const munich = makeMunicipality({ id: MUNICH, nameUk: 'Мюнхен', nameLatin: 'München', country: 'DE', adm1: 'DE-BY', partnerIds: [KYIV] });
const krakow = makeMunicipality({ id: KRAKOW, nameUk: 'Краків', nameLatin: 'Kraków', country: 'PL', adm1: 'PL-MA', partnerIds: [] });
const kyivOfficial = makeProfile();
const kyivVolunteer = makeProfile({ email: 'taras@kyiv.example', member: { id: 'member-taras-01', displayName: 'Тарас', role: 'volunteer' } });
const munichOfficial = makeProfile({ email: 'hans@muenchen.example', municipality: munich, member: { id: 'member-hans-001', displayName: 'Hans' } });
const krakowOfficial = makeProfile({ email: 'anna@krakow.example', municipality: krakow, member: { id: 'member-anna-001', displayName: 'Anna' } });

const need = freshNeed({ title: 'Генератори для лікарні', language: 'uk', quantity: 10, unit: 'pieces' });
const newPledge = (overrides: Partial<Pledge> = {}) => fresh(makePledge({ needId: need.id, offerId: undefined, quantity: 8, expiresAt: Date.now() + 14 * DAY, ...overrides }));

let store: LocalStore;
const views: RenderedView[] = [];

async function show(element: React.ReactNode, profile = kyivOfficial): Promise<HTMLElement> {
  act(() => useSessionStore.getState().setProfile(profile));
  const view = await renderWithStore(store, element);
  views.push(view);
  return view.container;
}

async function savePledge(pledge: Pledge): Promise<void> {
  const { updatedAt: _updatedAt, ...input } = pledge;
  // Screens of earlier tests stay mounted and see it land.
  await act(async () => {
    await saveDocument(store, 'pledges', input);
    await settle();
  });
}

async function eventsOf(pledge: Pledge): Promise<PledgeEvent[]> {
  return (await store.db.pledge_events.find({ selector: { pledgeId: pledge.id } }).exec()).map((doc) => doc.toJSON() as PledgeEvent);
}

const visible = (page: HTMLElement, ids: string[]) => ids.filter((id) => byTestId(page, id) !== null);
const ACTIONS = ['pledge-dispatch', 'pledge-receive', 'pledge-extend', 'pledge-cancel'];

beforeAll(async () => {
  await initI18n('en');
  store = await openLocalStore(getRxStorageMemory(), `pledge-screens-${Date.now()}`);
  for (const municipality of [makeMunicipality(), munich, krakow]) await saveDocument(store, 'municipalities', municipality);
  await saveDocument(store, 'members', makeMember({ id: 'member-hans-001', municipalityId: MUNICH, displayName: 'Hans' }));
  const { updatedAt: _updatedAt, ...stored } = need;
  await saveDocument(store, 'needs', stored);
});

afterAll(async () => {
  for (const view of views) view.unmount();
  await store.db.close();
});

describe('the pledge page', () => {
  it('shows the need, the two cities, the quantities, the status and the sheet link to everyone', async () => {
    const pledge = newPledge({ note: 'Zwei Paletten', language: 'de' });
    await savePledge(pledge);
    const page = await show(<PledgeScreen id={pledge.id} />, krakowOfficial);
    await waitFor(page, () => byTestId(page, 'pledge-page'));
    expect(byTestId(page, 'pledge-need-link')?.getAttribute('href')).toBe(`/needs/${need.id}`);
    expect(byTestId(page, 'pledge-from')?.textContent).toBe('München');
    expect(byTestId(page, 'pledge-to')?.textContent).toBe('Kyiv');
    expect(byTestId(page, 'pledge-quantities')?.textContent).toBe('Pledged 8 pieces · dispatched 0 pieces · received 0 pieces');
    expect(byTestId(page, 'pledge-status')?.dataset.status).toBe('pledged');
    expect(byTestId(page, 'pledge-sheet-link')?.getAttribute('href')).toBe(`/pledges/${pledge.id}/sheet`);
    expect(byTestId(page, 'pledge-history')?.textContent).toContain('Pledged');
  });

  it('gives the sender dispatch, extend and cancel, and a link to message the receiver', async () => {
    const pledge = newPledge();
    await savePledge(pledge);
    const page = await show(<PledgeScreen id={pledge.id} />, munichOfficial);
    await waitFor(page, () => byTestId(page, 'pledge-dispatch'));
    expect(visible(page, ACTIONS)).toEqual(['pledge-dispatch', 'pledge-extend', 'pledge-cancel']);
    expect(byTestId(page, 'pledge-message-link')?.getAttribute('href')).toBe(routeHref({ name: 'thread', subjectKind: 'pledge', subjectId: pledge.id, municipalityId: KYIV }));
  });

  it('gives the receiver confirm and decline while only pledged, then confirm alone once dispatched', async () => {
    const pledge = newPledge();
    await savePledge(pledge);
    const page = await show(<PledgeScreen id={pledge.id} />, kyivOfficial);
    await waitFor(page, () => byTestId(page, 'pledge-receive'));
    expect(visible(page, ACTIONS)).toEqual(['pledge-receive', 'pledge-cancel']);
    expect(byTestId(page, 'pledge-receive')?.getAttribute('href')).toBe(`/pledges/${pledge.id}/receive`);
    expect(byTestId(page, 'pledge-message-link')?.getAttribute('href')).toBe(routeHref({ name: 'thread', subjectKind: 'pledge', subjectId: pledge.id, municipalityId: MUNICH }));
    await act(async () => {
      await saveDocument(store, 'pledge_events', { id: `ev-${pledge.id}`, pledgeId: pledge.id, kind: 'dispatched', byMemberId: 'member-hans-001', byMunicipalityId: MUNICH });
      await settle();
    });
    await waitFor(page, () => byTestId(page, 'pledge-status')?.dataset.status === 'dispatched');
    expect(visible(page, ACTIONS)).toEqual(['pledge-receive']);
  });

  it('gives a third city no action and no message link', async () => {
    const pledge = newPledge();
    await savePledge(pledge);
    const page = await show(<PledgeScreen id={pledge.id} />, krakowOfficial);
    await waitFor(page, () => byTestId(page, 'pledge-page'));
    await act(settle);
    expect(visible(page, [...ACTIONS, 'pledge-message-link'])).toEqual([]);
  });

  it('dispatches with the carrier, the plate and the expected arrival, and shows it in the history', async () => {
    const pledge = newPledge();
    await savePledge(pledge);
    const page = await show(<PledgeScreen id={pledge.id} />, munichOfficial);
    await click(await waitFor(page, () => byTestId(page, 'pledge-dispatch')));
    expect((byTestId(page, 'dispatch-quantity') as HTMLInputElement).value).toBe('8');
    const arrival = new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10);
    fill(byTestId(page, 'dispatch-carrier') as HTMLInputElement, 'Spedition Huber');
    fill(byTestId(page, 'dispatch-plate') as HTMLInputElement, 'M-AB 1234');
    fill(byTestId(page, 'dispatch-arrival') as HTMLInputElement, arrival);
    fill(byTestId(page, 'dispatch-note') as HTMLTextAreaElement, 'Zwei Paletten');
    await click(byTestId(page, 'dispatch-save')!);
    await waitFor(page, () => byTestId(page, 'pledge-status')?.dataset.status === 'dispatched');
    const [event] = await eventsOf(pledge);
    expect(event).toMatchObject({ kind: 'dispatched', quantity: 8, carrier: 'Spedition Huber', vehiclePlate: 'M-AB 1234', expectedArrivalOn: arrival, note: 'Zwei Paletten', byMemberId: 'member-hans-001', byMunicipalityId: MUNICH, language: 'en' });
    expect(byTestId(page, 'dispatch-form')).toBeNull();
    const entry = byTestId(page, 'pledge-event');
    expect(entry?.dataset.kind).toBe('dispatched');
    expect(entry?.textContent).toContain('Hans (München)');
    expect(entry?.textContent).toContain('Carrier: Spedition Huber');
    expect(entry?.textContent).toContain('Vehicle: M-AB 1234');
    expect(byTestId(page, 'pledge-quantities')?.dataset.dispatched).toBe('8');
    expect(visible(page, ACTIONS)).toEqual(['pledge-cancel']);
  });

  it('refuses a dispatch with a one-letter plate, with the reason under the field', async () => {
    const pledge = newPledge();
    await savePledge(pledge);
    const page = await show(<PledgeScreen id={pledge.id} />, munichOfficial);
    await click(await waitFor(page, () => byTestId(page, 'pledge-dispatch')));
    fill(byTestId(page, 'dispatch-plate') as HTMLInputElement, 'M');
    await click(byTestId(page, 'dispatch-save')!);
    expect(byTestId(page, 'field-error-vehiclePlate')?.textContent).toBe('At least 2 characters.');
    expect(await eventsOf(pledge)).toEqual([]);
  });

  it('cancels only with a reason, which the history shows', async () => {
    const pledge = newPledge();
    await savePledge(pledge);
    const page = await show(<PledgeScreen id={pledge.id} />, kyivOfficial);
    await click(await waitFor(page, () => byTestId(page, 'pledge-cancel')));
    await click(byTestId(page, 'cancel-save')!);
    expect(byTestId(page, 'field-error-reason')?.textContent).toBe('Please fill in this field.');
    fill(byTestId(page, 'cancel-reason') as HTMLTextAreaElement, 'Already covered by Lviv');
    await click(byTestId(page, 'cancel-save')!);
    await waitFor(page, () => byTestId(page, 'pledge-status')?.dataset.status === 'cancelled');
    expect(byTestId(page, 'pledge-event')?.textContent).toContain('Already covered by Lviv');
    expect(visible(page, ACTIONS)).toEqual([]);
  });

  it('extends once, to a later day', async () => {
    const pledge = newPledge({ expiresAt: Date.now() + 2 * DAY });
    await savePledge(pledge);
    const page = await show(<PledgeScreen id={pledge.id} />, munichOfficial);
    await click(await waitFor(page, () => byTestId(page, 'pledge-extend')));
    const date = byTestId(page, 'extend-date') as HTMLInputElement;
    expect(date.value).not.toBe('');
    await click(byTestId(page, 'extend-save')!);
    await waitFor(page, () => byTestId(page, 'pledge-event')?.dataset.kind === 'extended');
    const [event] = await eventsOf(pledge);
    expect(event?.expiresAt).toBeGreaterThan(pledge.expiresAt);
    expect(Number(byTestId(page, 'pledge-expires-at')?.dataset.expiresAt)).toBe(event?.expiresAt);
    expect(byTestId(page, 'pledge-extend')).toBeNull();
  });

  it('announces expiry a few days before, and shows an ignored event muted with its reason', async () => {
    const pledge = newPledge({ expiresAt: Date.now() + 2 * DAY + 3_600_000 });
    await savePledge(pledge);
    // Only the sender may dispatch: the receiver's "dispatch" is kept but not counted.
    await saveDocument(store, 'pledge_events', { id: `ev-wrong-${pledge.id}`, pledgeId: pledge.id, kind: 'dispatched', byMemberId: 'member-olena-01', byMunicipalityId: KYIV });
    const page = await show(<PledgeScreen id={pledge.id} />, kyivOfficial);
    const badge = await waitFor(page, () => byTestId(page, 'pledge-expiry'));
    expect(badge.textContent).toBe('Expires in 2 days');
    const entry = await waitFor(page, () => byTestId(page, 'pledge-event'));
    expect(entry.dataset.ignored).toBe('wrong-party');
    expect(entry.className).toContain('ignored');
    expect(byTestId(entry, 'pledge-event-ignored')?.textContent).toBe('Not counted: written by the wrong side');
  });
});

describe('confirming a receipt', () => {
  it('lets a volunteer of the receiving city confirm part of it: the pledge becomes partly received', async () => {
    const pledge = newPledge();
    await savePledge(pledge);
    const form = await show(<ReceiveScreen id={pledge.id} />, kyivVolunteer);
    const quantity = await waitFor(form, () => byTestId<HTMLInputElement>(form, 'receive-quantity'));
    expect(quantity.value).toBe('8');
    fill(quantity, '9');
    expect(byTestId(form, 'receive-over')?.textContent).toContain('more than the 8 pieces still expected');
    fill(quantity, '3');
    expect(byTestId(form, 'receive-over')).toBeNull();
    fill(byTestId(form, 'receive-note') as HTMLTextAreaElement, 'Два пошкоджені');
    await click(byTestId(form, 'receive-save')!);
    const [event] = await eventsOf(pledge);
    expect(event).toMatchObject({ kind: 'received', quantity: 3, note: 'Два пошкоджені', byMemberId: 'member-taras-01', byMunicipalityId: KYIV });

    const page = await show(<PledgeScreen id={pledge.id} />, kyivOfficial);
    await waitFor(page, () => byTestId(page, 'pledge-status')?.dataset.status === 'partly-received');
    expect(byTestId(page, 'pledge-quantities')?.textContent).toBe('Pledged 8 pieces · dispatched 8 pieces · received 3 pieces');
    expect(byTestId(page, 'pledge-receive')).not.toBeNull();
  });

  it('suggests the remainder next time, and the receipts add up to received', async () => {
    const pledge = newPledge({ quantity: 5 });
    await savePledge(pledge);
    await saveReceipt(store, kyivOfficial.actor, pledge, { quantity: 2, note: '', photoIds: ['photo-0000001'], language: 'uk' });
    const form = await show(<ReceiveScreen id={pledge.id} />, kyivOfficial);
    const quantity = await waitFor(form, () => byTestId<HTMLInputElement>(form, 'receive-quantity'));
    expect(quantity.value).toBe('3');
    expect(byTestId(form, 'receive-already')?.dataset.received).toBe('2');
    await click(byTestId(form, 'receive-save')!);
    const page = await show(<PledgeScreen id={pledge.id} />, kyivOfficial);
    await waitFor(page, () => byTestId(page, 'pledge-status')?.dataset.status === 'received');
    expect(byTestId(page, 'pledge-event-photos')?.dataset.count).toBe('1');
  });

  it('refuses the sending city and validates the quantity', async () => {
    const pledge = newPledge();
    await savePledge(pledge);
    const refused = await show(<ReceiveScreen id={pledge.id} />, munichOfficial);
    await waitFor(refused, () => byTestId(refused, 'receive-not-allowed'));
    const form = await show(<ReceiveScreen id={pledge.id} />, kyivOfficial);
    fill(await waitFor(form, () => byTestId<HTMLInputElement>(form, 'receive-quantity')), '0');
    await click(byTestId(form, 'receive-save')!);
    expect(byTestId(form, 'field-error-quantity')?.textContent).toBe('Must be more than zero.');
    expect(await eventsOf(pledge)).toEqual([]);
  });
});

describe('the pledge lists', () => {
  it('opens "to us" for a city with pledges to it, each card with its status and link; the tab changes the URL', async () => {
    window.history.replaceState(null, '', '/pledges');
    const page = await show(<PledgesScreen />, kyivOfficial);
    await waitFor(page, () => byTestId(page, 'pledge-card'));
    expect(byTestId(page, 'pledges-list')?.dataset.side).toBe('to-us');
    expect(byTestId(page, 'pledges-tab-to-us')?.getAttribute('aria-selected')).toBe('true');
    const card = byTestId(page, 'pledge-card')!;
    expect(card.dataset.status).toBeTruthy();
    expect(byTestId(card, 'pledge-card-link')?.getAttribute('href')).toBe(`/pledges/${card.dataset.pledgeId}`);
    expect(byTestId(card, 'pledge-quantities')?.textContent).toMatch(/^Pledged \d+ pieces · dispatched/);
    await click(byTestId(page, 'pledges-tab-by-us')!);
    expect(window.location.search).toBe('?side=by-us');
    await waitFor(page, () => byTestId(page, 'pledges-empty'));
  });

  it('puts what Munich must dispatch first, with the expiry warning', async () => {
    const urgent = newPledge({ expiresAt: Date.now() + DAY + 3_600_000 });
    await savePledge(urgent);
    window.history.replaceState(null, '', '/pledges?side=by-us');
    const page = await show(<PledgesScreen />, munichOfficial);
    const first = await waitFor(page, () => byTestId(page, 'pledge-card'));
    expect(first.dataset.todo).toBe('dispatch');
    const warned = await waitFor(page, () => page.querySelector(`[data-pledge-id="${urgent.id}"] [data-testid="pledge-expiry"]`));
    expect(warned.textContent).toBe('Expires in 1 day');
  });
});
