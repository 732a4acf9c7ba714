// @vitest-environment jsdom
/**
 * The municipalities directory, profile and profile form on a real (in-memory) RxDB: filters in the
 * URL select the cards shown, the profile shows contacts only to verified readers, links partners
 * and lists open needs, and only the coordinator edits the profile and its partner list.
 */
import { act, type ReactNode } from 'react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Profile } from '../../domain/account-protocol';
import { MUNICIPALITY_SCHEMA } from '../../domain/schemas/municipality';
import { validateDocument } from '../../domain/validation';
import { openLocalStore, saveDocument, type DocumentInput, type LocalStore } from '../../app/db/local-store';
import { initI18n } from '../../app/i18n/index';
import { useSessionStore } from '../../app/stores/session-store';
import { MunicipalitiesScreen } from '../../app/features/municipalities/MunicipalitiesScreen';
import { MunicipalityScreen } from '../../app/features/municipalities/MunicipalityScreen';
import { MunicipalityFormScreen } from '../../app/features/municipalities/MunicipalityFormScreen';
import { renderWithStore, settle, type RenderedView } from '../support/render-with-store';
import { byTestId, click, fill, waitFor } from '../support/dom';
import { KRAKOW, KYIV, LVIV, MUNICH, makeContact, makeMember, makeMunicipality, makeNeed, makeOffer } from '../support/factories';
import { makeProfile } from '../support/profiles';
import type { CollectionName } from '../../domain/collections';

// The app validates with a validator compiled by the Vite build; here the server's run-time ajv
// checks the same schema (tests/unit/app-validators.test.ts keeps the two in agreement).
vi.mock('../../app/features/municipalities/validate-municipality', async () => {
  const { validateDocument: validateAtRunTime } = await import('../../domain/validation');
  const { MUNICIPALITY_SCHEMA: schema } = await import('../../domain/schemas/municipality');
  return { validateMunicipality: (doc: unknown) => validateAtRunTime(schema, doc) };
});

const KHARKIV = 'muni-kharkiv-01';
const kyiv = makeMunicipality({ profile: 'Столиця України.\nШукаємо партнерів для відновлення.', profileLanguage: 'uk', partnerIds: [MUNICH, 'muni-unknown-01'] });
const lviv = makeMunicipality({ id: LVIV, nameUk: 'Львів', nameLatin: 'Lviv', adm1: 'UA46', population: 720_000, partnerIds: [] });
const kharkiv = makeMunicipality({ id: KHARKIV, nameUk: 'Харківська громада', nameLatin: 'Kharkivska hromada', adm1: 'UA63', kind: 'hromada', verification: { status: 'pending' }, partnerIds: [] });
const munich = makeMunicipality({ id: MUNICH, nameUk: 'Мюнхен', nameLatin: 'München', country: 'DE', adm1: 'DE-BY', population: 1_500_000, partnerIds: [KYIV] });
const krakow = makeMunicipality({ id: KRAKOW, nameUk: 'Краків', nameLatin: 'Kraków', country: 'PL', adm1: 'PL-12', verification: { status: 'rejected', reason: 'Duplicate registration' }, partnerIds: [] });

const coordinator = makeMember({ id: 'member-olena-01', displayName: 'Олена Коваленко', role: 'coordinator' });
const official = makeMember({ id: 'member-petro-01', displayName: 'Петро Мельник', role: 'official' });
const applicant = makeMember({ id: 'member-anna-001', displayName: 'Анна Кравець', status: 'pending' });
const olenaContact = makeContact({ id: 'contact-olena-01', memberId: coordinator.id, email: 'olena@kyiv.example', phone: '+380441234567' });

let store: LocalStore;
let view: RenderedView | undefined;

async function save<C extends CollectionName>(collection: C, doc: DocumentInput<C> & { updatedAt?: number }) {
  const { updatedAt: _updatedAt, ...input } = doc;
  await act(async () => {
    await saveDocument(store, collection, input as DocumentInput<C>);
    await settle();
  });
}

async function show(profile: Profile, path: string, screen: ReactNode): Promise<HTMLElement> {
  useSessionStore.getState().setProfile(profile);
  window.history.replaceState(null, '', path);
  view = await renderWithStore(store, screen);
  return view.container;
}

const text = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ');
const cards = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('[data-testid="municipality-card"]')];
const cardIds = (container: HTMLElement) => cards(container).map((card) => card.dataset.municipalityId);

beforeAll(async () => {
  await initI18n('uk');
  store = await openLocalStore(getRxStorageMemory(), `municipality-screens-${Date.now()}`);
  for (const municipality of [kyiv, lviv, kharkiv, munich, krakow]) await save('municipalities', municipality);
  for (const member of [coordinator, official, applicant]) await save('members', member);
  await save('contacts', olenaContact);
  await save('needs', makeNeed({ id: 'need-generators-01', title: 'Генератори для насосних станцій', language: 'uk', status: 'open' }));
  await save('needs', makeNeed({ id: 'need-closed-0001', title: 'Закрита потреба', status: 'closed' }));
  await save('needs', makeNeed({ id: 'need-lviv-00001', municipalityId: LVIV, title: 'Ковдри', status: 'open' }));
  await save('offers', makeOffer({ id: 'offer-kyiv-00001', municipalityId: KYIV, title: 'Консультації з енергетики', language: 'uk' }));
});

afterEach(() => {
  view?.unmount();
  view = undefined;
});

afterAll(async () => {
  await store.db.close();
});

describe('the municipalities directory', () => {
  it('lists every municipality on the phone with its names, kind, place, size and open work', async () => {
    const container = await show(makeProfile(), '/municipalities', <MunicipalitiesScreen />);
    await waitFor(container, () => cards(container).length === 5);
    // Ukrainian readers: Cyrillic names first, in Ukrainian alphabetical order.
    expect(cardIds(container)).toEqual([KYIV, KRAKOW, LVIV, MUNICH, KHARKIV]);
    expect(text(byTestId(container, 'municipalities-count'))).toBe('5 громад');
    const card = cards(container)[0]!;
    expect(card.querySelector('h3 a')?.getAttribute('href')).toBe(`/municipalities/${KYIV}`);
    expect(card.querySelector('h3 [lang="uk"]')?.textContent).toBe('Київ');
    expect(text(card)).toContain('Kyiv');
    expect(text(card)).toContain('Місто');
    expect(text(card)).toContain('місто Київ, Україна');
    expect(text(card)).toMatch(/Населення: 2\s950\s000/);
    expect(text(card)).toContain('Перевірена');
    expect(text(card.querySelector('[data-testid="municipality-open-counts"]'))).toBe('1 відкрита потреба · 1 відкрита пропозиція');
    const munichCard = cards(container).find((element) => element.dataset.municipalityId === MUNICH)!;
    expect(text(munichCard)).toContain('Німеччина');
  });

  it('narrows the list by each filter, keeps them in the URL, and clears them', async () => {
    const container = await show(makeProfile(), '/municipalities', <MunicipalitiesScreen />);
    await waitFor(container, () => cards(container).length === 5);

    fill(byTestId<HTMLSelectElement>(container, 'municipalities-filter-country')!, 'UA');
    await waitFor(container, () => cards(container).length === 3);
    expect(window.location.search).toBe('?country=UA');
    expect(cardIds(container)).toEqual([KYIV, LVIV, KHARKIV]);

    fill(byTestId<HTMLSelectElement>(container, 'municipalities-filter-kind')!, 'hromada');
    await waitFor(container, () => cards(container).length === 1);
    expect(cardIds(container)).toEqual([KHARKIV]);

    fill(byTestId<HTMLSelectElement>(container, 'municipalities-filter-kind')!, '');
    fill(byTestId<HTMLSelectElement>(container, 'municipalities-filter-verification')!, 'verified');
    await waitFor(container, () => cards(container).length === 2);
    expect(new URLSearchParams(window.location.search).get('verification')).toBe('verified');

    fill(byTestId<HTMLSelectElement>(container, 'municipalities-filter-oblast')!, 'UA46');
    await waitFor(container, () => cards(container).length === 1);
    expect(cardIds(container)).toEqual([LVIV]);

    // Oblasts belong to Ukraine: another country drops the oblast filter and hides it.
    fill(byTestId<HTMLSelectElement>(container, 'municipalities-filter-country')!, 'DE');
    await waitFor(container, () => cardIds(container).join() === MUNICH);
    expect(byTestId(container, 'municipalities-filter-oblast')).toBeNull();
    expect(window.location.search).toBe('?country=DE&verification=verified');

    await click(byTestId(container, 'municipalities-clear')!);
    await waitFor(container, () => cards(container).length === 5);
    expect(window.location.search).toBe('');
  });

  it('finds a municipality by its name typed in either script', async () => {
    const container = await show(makeProfile(), '/municipalities', <MunicipalitiesScreen />);
    await waitFor(container, () => cards(container).length === 5);
    fill(byTestId<HTMLInputElement>(container, 'municipalities-search')!, 'lviv');
    await waitFor(container, () => cardIds(container).join() === LVIV);
    fill(byTestId<HTMLInputElement>(container, 'municipalities-search')!, 'Мюнхен');
    await waitFor(container, () => cardIds(container).join() === MUNICH);
    fill(byTestId<HTMLInputElement>(container, 'municipalities-search')!, 'krakow');
    await waitFor(container, () => cardIds(container).join() === KRAKOW);
    fill(byTestId<HTMLInputElement>(container, 'municipalities-search')!, 'Атлантида');
    await waitFor(container, () => cards(container).length === 0);
    expect(text(byTestId(container, 'municipalities-list'))).toContain('Жодна громада');
  });

  it('opens with the filters a link carries', async () => {
    const container = await show(makeProfile(), '/municipalities?verification=pending', <MunicipalitiesScreen />);
    await waitFor(container, () => cardIds(container).join() === KHARKIV);
    expect(byTestId<HTMLSelectElement>(container, 'municipalities-filter-verification')!.value).toBe('pending');
  });
});

describe('a municipality profile', () => {
  it('shows the profile text as written, tagged with its language, and the facts', async () => {
    const container = await show(makeProfile({ municipality: lviv, member: { municipalityId: LVIV } }), `/municipalities/${KYIV}`, <MunicipalityScreen id={KYIV} />);
    const profile = await waitFor(container, () => byTestId(container, 'municipality-profile'));
    const body = byTestId(container, 'municipality-profile-text')!;
    expect(body.getAttribute('lang')).toBe('uk');
    expect(body.textContent).toBe('Столиця України.\nШукаємо партнерів для відновлення.');
    expect(profile.querySelector('h2')?.textContent).toBe('Київ');
    expect(text(profile)).toContain('Мови спілкування');
    expect(text(profile)).toMatch(/українська, англійська/);
  });

  it('links the partners on the phone and counts the others', async () => {
    const container = await show(makeProfile(), `/municipalities/${KYIV}`, <MunicipalityScreen id={KYIV} />);
    const partner = await waitFor(container, () => byTestId(container, `partner-link-${MUNICH}`));
    expect(partner.getAttribute('href')).toBe(`/municipalities/${MUNICH}`);
    expect(partner.textContent).toBe('Мюнхен');
    expect(text(byTestId(container, 'municipality-profile'))).toContain('Ще 1 партнера немає на цьому телефоні.');
  });

  it('lists its open needs and offers, not the closed ones', async () => {
    const container = await show(makeProfile(), `/municipalities/${KYIV}`, <MunicipalityScreen id={KYIV} />);
    const needs = await waitFor(container, () => byTestId(container, 'municipality-needs'));
    const titles = [...needs.querySelectorAll('[data-testid="need-title"]')].map((title) => title.textContent);
    expect(titles).toEqual(['Генератори для насосних станцій']);
    const offer = await waitFor(container, () => byTestId(container, 'municipality-offer'));
    expect(offer.querySelector('a')?.getAttribute('href')).toBe('/offers/offer-kyiv-00001');
  });

  it('shows its active members and their contact details to a verified reader', async () => {
    const reader = makeProfile({ municipality: lviv, member: { id: 'member-marta-01', municipalityId: LVIV } });
    const container = await show(reader, `/municipalities/${KYIV}`, <MunicipalityScreen id={KYIV} />);
    const contacts = await waitFor(container, () => byTestId(container, 'municipality-contact') && byTestId(container, 'municipality-contacts'));
    const members = [...contacts.querySelectorAll('[data-testid="municipality-member"]')].map(text);
    expect(members).toHaveLength(2);
    expect(members[0]).toContain('Олена Коваленко · Координатор');
    expect(members[0]).toContain('olena@kyiv.example');
    expect(contacts.querySelector('a[href="tel:+380441234567"]')).not.toBeNull();
    expect(text(contacts)).not.toContain('Анна Кравець');
    expect(byTestId(container, 'municipality-contacts-note')).toBeNull();
  });

  it('tells a reader who is not verified yet that contact details come with verification', async () => {
    const pendingMunicipality = makeMunicipality({ id: KHARKIV, verification: { status: 'pending' } });
    const reader = makeProfile({ municipality: pendingMunicipality, member: { id: 'member-new-0001', municipalityId: KHARKIV, status: 'pending' } });
    // What the server sends such a reader: no contacts of others (this phone holds none for them).
    const container = await show(reader, `/municipalities/${LVIV}`, <MunicipalityScreen id={LVIV} />);
    const note = await waitFor(container, () => byTestId(container, 'municipality-contacts-note'));
    expect(text(note)).toContain('Контактні дані з’являться, щойно вашу громаду буде перевірено.');
    expect(byTestId(container, 'municipality-contact')).toBeNull();
  });

  it('shows the reason of a rejection to the municipality\'s own members only', async () => {
    const own = await show(makeProfile({ municipality: krakow, member: { municipalityId: KRAKOW } }), `/municipalities/${KRAKOW}`, <MunicipalityScreen id={KRAKOW} />);
    await waitFor(own, () => byTestId(own, 'municipality-profile'));
    expect(text(byTestId(own, 'municipality-verification'))).toBe('Відхилена Причина: Duplicate registration');
    view?.unmount();

    // A rejected municipality may still be on a phone from before; others do not see why.
    const other = await show(makeProfile(), `/municipalities/${KRAKOW}`, <MunicipalityScreen id={KRAKOW} />);
    await waitFor(other, () => byTestId(other, 'municipality-profile'));
    expect(text(byTestId(other, 'municipality-verification'))).toBe('Відхилена');
  });

  it('says so when the municipality is not on this phone', async () => {
    const container = await show(makeProfile(), '/municipalities/muni-unknown-01', <MunicipalityScreen id="muni-unknown-01" />);
    const missing = await waitFor(container, () => byTestId(container, 'municipality-not-found'));
    expect(text(missing)).toBe('Цієї громади немає на цьому телефоні.');
  });
});

describe('editing a municipality profile', () => {
  const coordinatorProfile = () => makeProfile({ municipality: kyiv, member: coordinator });

  it('offers the edit link to the coordinator only', async () => {
    const asCoordinator = await show(coordinatorProfile(), `/municipalities/${KYIV}`, <MunicipalityScreen id={KYIV} />);
    const link = await waitFor(asCoordinator, () => byTestId(asCoordinator, 'municipality-edit-link'));
    expect(link.getAttribute('href')).toBe(`/municipalities/${KYIV}/edit`);
    view?.unmount();

    const asOfficial = await show(makeProfile({ municipality: kyiv, member: official }), `/municipalities/${KYIV}`, <MunicipalityScreen id={KYIV} />);
    await waitFor(asOfficial, () => byTestId(asOfficial, 'municipality-profile'));
    expect(byTestId(asOfficial, 'municipality-edit-link')).toBeNull();
    view?.unmount();

    const elsewhere = await show(makeProfile({ municipality: lviv, member: { ...coordinator, id: 'member-lviv-coord', municipalityId: LVIV } }), `/municipalities/${KYIV}`, <MunicipalityScreen id={KYIV} />);
    await waitFor(elsewhere, () => byTestId(elsewhere, 'municipality-profile'));
    expect(byTestId(elsewhere, 'municipality-edit-link')).toBeNull();
  });

  it('turns away a member who is not the coordinator', async () => {
    const container = await show(makeProfile({ municipality: kyiv, member: official }), `/municipalities/${KYIV}/edit`, <MunicipalityFormScreen id={KYIV} />);
    const refusal = await waitFor(container, () => byTestId(container, 'municipality-not-allowed'));
    expect(text(refusal)).toBe('Профіль громади може редагувати лише її координатор.');
    expect(byTestId(container, 'municipality-form')).toBeNull();
  });

  it('shows field errors next to the inputs and saves nothing', async () => {
    const container = await show(coordinatorProfile(), `/municipalities/${KYIV}/edit`, <MunicipalityFormScreen id={KYIV} />);
    await waitFor(container, () => byTestId(container, 'municipality-form'));
    fill(byTestId<HTMLInputElement>(container, 'municipality-field-population')!, '-5');
    await click(byTestId(container, 'municipality-save')!);
    expect(text(byTestId(container, 'field-error-population'))).toBe('Число не може бути від’ємним.');
    expect(byTestId(container, 'municipality-field-population')!.getAttribute('aria-invalid')).toBe('true');
    const stored = await store.db.municipalities.findOne(KYIV).exec();
    expect(stored?.population).toBe(kyiv.population);
  });

  it('lets the coordinator change the text, add and remove partners, and saves a valid document', async () => {
    const container = await show(coordinatorProfile(), `/municipalities/${KYIV}/edit`, <MunicipalityFormScreen id={KYIV} />);
    await waitFor(container, () => byTestId(container, 'municipality-form'));
    expect(text(byTestId(container, 'municipality-form'))).toContain('перевірка — рішення модератора');

    // Removing a partner, and one not on this phone.
    await click(byTestId(container, `partner-remove-${MUNICH}`)!);
    await click(byTestId(container, 'partner-remove-muni-unknown-01')!);
    expect(byTestId(container, 'partner-list')).toBeNull();

    // Searching in Latin letters finds a Cyrillic-named municipality; itself is never offered.
    fill(byTestId<HTMLInputElement>(container, 'partner-search')!, 'lviv');
    const add = await waitFor(container, () => byTestId(container, `partner-add-${LVIV}`));
    await click(add);
    fill(byTestId<HTMLInputElement>(container, 'partner-search')!, 'Київ');
    await waitFor(container, () => byTestId(container, 'partner-results') === null);
    expect(byTestId(container, `partner-add-${KYIV}`)).toBeNull();
    fill(byTestId<HTMLInputElement>(container, 'partner-search')!, 'Kraków');
    await click(await waitFor(container, () => byTestId(container, `partner-add-${KRAKOW}`)));
    // Added ones leave the results.
    fill(byTestId<HTMLInputElement>(container, 'partner-search')!, 'lviv');
    await waitFor(container, () => byTestId(container, 'partner-results') === null);
    expect(byTestId(container, `partner-add-${LVIV}`)).toBeNull();

    fill(byTestId<HTMLTextAreaElement>(container, 'municipality-field-profile')!, 'Kyiv city council.\nWe rebuild schools.');
    fill(byTestId<HTMLSelectElement>(container, 'municipality-field-profileLanguage')!, 'en');
    fill(byTestId<HTMLInputElement>(container, 'municipality-field-population')!, '2960000');
    await click(byTestId(container, 'municipality-save')!);

    const saved = (await store.db.municipalities.findOne(KYIV).exec())!.toMutableJSON();
    expect(saved.partnerIds).toEqual([LVIV, KRAKOW]);
    expect(saved.profile).toBe('Kyiv city council.\nWe rebuild schools.');
    expect(saved.profileLanguage).toBe('en');
    expect(saved.population).toBe(2_960_000);
    // What the coordinator may not change stayed as it was.
    expect(saved.nameUk).toBe(kyiv.nameUk);
    expect(saved.verification).toEqual(kyiv.verification);
    expect(validateDocument(MUNICIPALITY_SCHEMA, saved)).toEqual([]);
    // Back on the profile.
    expect(window.location.pathname).toBe(`/municipalities/${KYIV}`);
  });
});
