// @vitest-environment jsdom
/**
 * Field volunteer mode on a real (in-memory) store, offline by construction (nothing but the local
 * database is there): the deliveries list groups what arrives and leaves; a short code resolves to
 * its pledge (found, not on this phone yet, several), with "Confirm what arrived" only for the
 * receiving city; the scan screen opens a typed code, refuses one that cannot be a code, explains a
 * refused camera and releases the camera when left; the delivery sheet shows the code and its QR.
 */
import { act } from 'react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatShortCode, shortCodeOf } from '../../domain/rules/short-code';
import type { Pledge } from '../../domain/schemas/pledge';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import { initI18n } from '../../app/i18n/index';
import { useSessionStore } from '../../app/stores/session-store';
import { DeliveriesScreen } from '../../app/features/deliveries/DeliveriesScreen';
import { DeliverySheetScreen } from '../../app/features/deliveries/DeliverySheetScreen';
import { ScanScreen } from '../../app/features/deliveries/ScanScreen';
import { ShortCodeScreen } from '../../app/features/deliveries/ShortCodeScreen';
import { renderWithStore, type RenderedView } from '../support/render-with-store';
import { DAY, KYIV, LVIV, MUNICH, fresh, freshNeed, makeEvent, makeMunicipality, makePledge } from '../support/factories';
import { makeProfile } from '../support/profiles';
import { qrFrame } from './app-deliveries-qr-frame';
import { byTestId, click, fill, waitFor } from '../support/dom';

const kyiv = makeMunicipality();
const munich = makeMunicipality({ id: MUNICH, nameUk: 'Мюнхен', nameLatin: 'München', country: 'DE', adm1: 'DE-BY', location: { lat: 48.14, lon: 11.58 } });
const lviv = makeMunicipality({ id: LVIV, nameUk: 'Львів', nameLatin: 'Lviv', adm1: 'UA46', location: { lat: 49.84, lon: 24.03 } });
const kyivVolunteer = makeProfile({ email: 'taras@kyiv.example', member: { id: 'member-taras-01', role: 'volunteer', displayName: 'Тарас' } });
const munichOfficial = makeProfile({ email: 'hans@muenchen.example', municipality: munich, member: { id: 'member-hans-001', displayName: 'Hans' } });

const need = freshNeed({ title: 'Генератори для лікарні', language: 'uk', municipalityId: KYIV, quantity: 10, unit: 'pieces', place: { settlement: 'Київ', pcode: 'UA80', lat: 50.45, lon: 30.52 } });
const needOfLviv = freshNeed({ title: 'Ковдри', language: 'uk', municipalityId: LVIV, quantity: 100, unit: 'pieces' });
const soon = Date.now() + 14 * DAY;
/** Munich → Kyiv, dispatched, 3 of 8 received. */
const arriving = fresh(makePledge({ needId: need.id, offerId: undefined, quantity: 8, expiresAt: soon, note: 'Paletten 1–2', language: 'de' }));
/** Munich → Kyiv, all received. */
const done = fresh(makePledge({ needId: need.id, offerId: undefined, quantity: 2, expiresAt: soon }));
/** Kyiv → Lviv. */
const leaving = fresh(makePledge({ needId: needOfLviv.id, offerId: undefined, fromMunicipalityId: KYIV, toMunicipalityId: LVIV, quantity: 50, expiresAt: soon }));
/** Munich → Lviv: none of Kyiv's business. */
const elsewhere = fresh(makePledge({ needId: needOfLviv.id, offerId: undefined, toMunicipalityId: LVIV, quantity: 5, expiresAt: soon }));
/** Two pledges whose ids share a short code (a real FNV collision, see domain-short-code.test.ts). */
const twinA = makePledge({ id: 'pledge-7001014', needId: needOfLviv.id, offerId: undefined, toMunicipalityId: LVIV, quantity: 1, expiresAt: soon });
const twinB = makePledge({ id: 'pledge-8912014', needId: needOfLviv.id, offerId: undefined, toMunicipalityId: LVIV, quantity: 6, expiresAt: soon });

let store: LocalStore;
const views: RenderedView[] = [];

async function show(element: React.ReactNode, profile = kyivVolunteer): Promise<HTMLElement> {
  act(() => useSessionStore.getState().setProfile(profile));
  const view = await renderWithStore(store, element);
  views.push(view);
  return view.container;
}

async function save(pledge: Pledge): Promise<void> {
  const { updatedAt: _updatedAt, ...input } = pledge;
  await saveDocument(store, 'pledges', input);
}

beforeAll(async () => {
  await initI18n('en');
  store = await openLocalStore(getRxStorageMemory(), `deliveries-${Date.now()}`);
  for (const municipality of [kyiv, munich, lviv]) await saveDocument(store, 'municipalities', municipality);
  for (const item of [need, needOfLviv]) {
    const { updatedAt: _updatedAt, ...input } = item;
    await saveDocument(store, 'needs', input);
  }
  for (const pledge of [arriving, done, leaving, elsewhere, twinA, twinB]) await save(pledge);
  const receipt = (pledge: Pledge, quantity: number) => {
    const { updatedAt: _updatedAt, ...event } = fresh(makeEvent('received', { pledgeId: pledge.id, quantity, byMemberId: kyivVolunteer.member.id }));
    return saveDocument(store, 'pledge_events', event);
  };
  const { updatedAt: _updatedAt, ...dispatched } = fresh(makeEvent('dispatched', { pledgeId: arriving.id }));
  await saveDocument(store, 'pledge_events', dispatched);
  await receipt(arriving, 3);
  await receipt(done, 2);
});

/** jsdom has no `isSecureContext`; the camera tests say which kind of page they are on. */
function secureContext(secure: boolean): void {
  Object.defineProperty(window, 'isSecureContext', { configurable: true, value: secure });
}

beforeEach(() => {
  window.history.replaceState(null, '', '/');
});

afterEach(() => {
  for (const view of views.splice(0)) view.unmount();
  vi.restoreAllMocks();
  Reflect.deleteProperty(window, 'isSecureContext');
  Reflect.deleteProperty(navigator, 'mediaDevices');
});

afterAll(async () => {
  await store.db.close();
});

const cards = (root: ParentNode) => [...root.querySelectorAll<HTMLElement>('[data-testid="delivery-card"]')];

describe('the deliveries screen', () => {
  it('lists what arrives at and leaves the municipality, with the other city, quantity, status and code', async () => {
    const page = await show(<DeliveriesScreen />);
    const arrivingGroup = await waitFor(page, () => (cards(byTestId(page, 'deliveries-arriving') ?? page).length === 2 ? byTestId(page, 'deliveries-arriving') : null));
    const leavingGroup = byTestId(page, 'deliveries-leaving')!;
    expect(cards(arrivingGroup).map((card) => [card.dataset.pledgeId, card.dataset.status])).toEqual([
      [arriving.id, 'partly-received'],
      [done.id, 'received'],
    ]);
    expect(cards(leavingGroup).map((card) => card.dataset.pledgeId)).toEqual([leaving.id]);
    expect(page.textContent).not.toContain(formatShortCode(shortCodeOf(elsewhere.id)));
    const first = cards(arrivingGroup)[0]!;
    expect(first.textContent).toContain('Генератори для лікарні');
    expect(first.textContent).toContain('from München');
    expect(byTestId(first, 'delivery-quantity')?.textContent).toBe('8 pieces');
    expect(first.textContent).toContain('received: 3 pieces');
    expect(byTestId(first, 'delivery-code')?.textContent).toBe(formatShortCode(shortCodeOf(arriving.id)));
    expect(cards(leavingGroup)[0]?.textContent).toContain('to Lviv');
    expect(byTestId(cards(leavingGroup)[0]!, 'delivery-sheet-link')?.getAttribute('href')).toBe(`/pledges/${leaving.id}/sheet`);
  });

  it('offers confirming arrival only for arrivals not fully received, and a way to scan', async () => {
    const page = await show(<DeliveriesScreen />);
    await waitFor(page, () => cards(page).length === 3);
    const confirm = cards(page).map((card) => byTestId(card, 'delivery-confirm')?.getAttribute('href') ?? null);
    expect(confirm).toEqual([`/pledges/${arriving.id}/receive`, null, null]);
    expect(byTestId(page, 'deliveries-scan')?.getAttribute('href')).toBe('/scan');
  });
});

describe('the short-code screen', () => {
  const codeOf = (pledge: Pledge) => shortCodeOf(pledge.id);

  it('shows the pledge a code names, what arrived so far, and lets the receiving city confirm', async () => {
    const page = await show(<ShortCodeScreen code={formatShortCode(codeOf(arriving)).toLowerCase()} />);
    const result = await waitFor(page, () => byTestId(page, 'short-code-result'));
    expect(result.dataset.pledgeId).toBe(arriving.id);
    expect(byTestId(result, 'delivery-what')?.textContent).toContain('Генератори для лікарні');
    expect(byTestId(result, 'delivery-from')?.textContent).toBe('München');
    expect(byTestId(result, 'delivery-to')?.textContent).toContain('Kyiv');
    expect(byTestId(result, 'delivery-status')?.dataset.status).toBe('partly-received');
    expect(byTestId(result, 'delivery-received')?.textContent).toBe('3 pieces');
    expect(byTestId(result, 'short-code-confirm')?.getAttribute('href')).toBe(`/pledges/${arriving.id}/receive`);
  });

  it('gives the sending city a link to the pledge instead of confirming', async () => {
    const page = await show(<ShortCodeScreen code={codeOf(arriving)} />, munichOfficial);
    const result = await waitFor(page, () => byTestId(page, 'short-code-result'));
    expect(byTestId(result, 'short-code-confirm')).toBeNull();
    expect(byTestId(result, 'short-code-view')?.getAttribute('href')).toBe(`/pledges/${arriving.id}`);
  });

  it('does not offer confirming a pledge already fully received', async () => {
    const page = await show(<ShortCodeScreen code={codeOf(done)} />);
    const result = await waitFor(page, () => byTestId(page, 'short-code-result'));
    expect(byTestId(result, 'delivery-status')?.dataset.status).toBe('received');
    expect(byTestId(result, 'short-code-confirm')).toBeNull();
  });

  it('says a code not on this phone may not have synced yet, and offers the field to try again', async () => {
    const page = await show(<ShortCodeScreen code="ABCD-EFGH" />);
    const message = await waitFor(page, () => byTestId(page, 'short-code-not-found'));
    expect(message.textContent).toContain('No pledge with code ABCD-EFGH on this phone');
    expect(message.textContent).toContain('may not have synced yet');
    expect(byTestId<HTMLInputElement>(page, 'scan-code-input')?.value).toBe('ABCD-EFGH');
  });

  it('says what is wrong with something that cannot be a code', async () => {
    const page = await show(<ShortCodeScreen code="hello" />);
    await waitFor(page, () => byTestId(page, 'short-code-invalid'));
    expect(byTestId(page, 'short-code-invalid')?.textContent).toContain('“hello” is not a delivery code');
  });

  it('lists every pledge sharing a code and shows the one chosen', async () => {
    const page = await show(<ShortCodeScreen code="XHCF-ET3T" />);
    await waitFor(page, () => byTestId(page, 'short-code-choices'));
    const choices = [...page.querySelectorAll<HTMLElement>('[data-testid="short-code-choice"]')];
    expect(choices.map((choice) => choice.dataset.pledgeId).sort()).toEqual([twinA.id, twinB.id]);
    const six = choices.find((choice) => choice.dataset.pledgeId === twinB.id)!;
    expect(six.textContent).toBe('6 pieces, from München to Lviv');
    await click(six);
    const result = await waitFor(page, () => byTestId(page, 'short-code-result'));
    expect(result.dataset.pledgeId).toBe(twinB.id);
  });
});

describe('the scan screen', () => {
  beforeEach(() => {
    // jsdom has no canvas: a 2D context that is never asked for a frame (jsdom's video has no size).
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({} as CanvasRenderingContext2D);
  });

  it('opens the page of a typed code, whatever its case, spaces and dashes', async () => {
    const page = await show(<ScanScreen />);
    const input = byTestId<HTMLInputElement>(page, 'scan-code-input')!;
    expect(input.getAttribute('inputmode')).toBe('text');
    expect(input.getAttribute('autocapitalize')).toBe('characters');
    fill(input, ' kasf 77-68 ');
    await click(byTestId(page, 'scan-code-submit')!);
    expect(window.location.pathname).toBe('/p/KASF7768');
  });

  it('refuses what cannot be a code, with a clear error, and stays', async () => {
    const page = await show(<ScanScreen />);
    await click(byTestId(page, 'scan-code-submit')!);
    expect(byTestId(page, 'field-error-code')?.textContent).toBe('Please type the code from the delivery sheet.');
    fill(byTestId<HTMLInputElement>(page, 'scan-code-input')!, 'KASF-7760');
    await click(byTestId(page, 'scan-code-submit')!);
    expect(byTestId(page, 'field-error-code')?.textContent).toContain('without 0, O, 1, I, L, U or V');
    expect(byTestId(page, 'scan-code-input')?.getAttribute('aria-invalid')).toBe('true');
    expect(window.location.pathname).toBe('/');
  });

  it('explains a refused camera and keeps typing available', async () => {
    secureContext(true);
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: { getUserMedia: () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError')) },
    });
    const page = await show(<ScanScreen />);
    await click(byTestId(page, 'scan-camera-start')!);
    const error = await waitFor(page, () => byTestId(page, 'scan-error'));
    expect(error.dataset.problem).toBe('denied');
    expect(error.textContent).toContain('Camera access was refused');
    expect(byTestId(page, 'scan-code-input')).not.toBeNull();
  });

  it('says the camera needs https on an insecure page, and that a browser without one cannot scan', async () => {
    secureContext(false);
    const page = await show(<ScanScreen />);
    await click(byTestId(page, 'scan-camera-start')!);
    expect(byTestId(page, 'scan-error')?.dataset.problem).toBe('insecure');
    secureContext(true);
    await click(byTestId(page, 'scan-camera-start')!);
    expect(byTestId(page, 'scan-error')?.dataset.problem).toBe('unsupported');
  });

  it('asks for the back camera and stops it when the screen is left', async () => {
    secureContext(true);
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    const track = { stop: vi.fn() };
    const getUserMedia = vi.fn(() => Promise.resolve({ getTracks: () => [track] }));
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia } });
    const page = await show(<ScanScreen />);
    await click(byTestId(page, 'scan-camera-start')!);
    await waitFor(page, () => byTestId(page, 'scan-camera-stop'));
    expect(getUserMedia).toHaveBeenCalledWith({ video: { facingMode: 'environment' }, audio: false });
    expect(byTestId(page, 'scan-video')?.hidden).toBe(false);
    expect(track.stop).not.toHaveBeenCalled();
    views.pop()?.unmount();
    expect(track.stop).toHaveBeenCalledTimes(1);
  });

  it('opens the page of the code the camera sees on a delivery sheet, and releases the camera', async () => {
    secureContext(true);
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    const frame = qrFrame(`https://cities4cities.example/p/${formatShortCode(shortCodeOf(arriving.id))}`);
    vi.spyOn(HTMLVideoElement.prototype, 'videoWidth', 'get').mockReturnValue(frame.width);
    vi.spyOn(HTMLVideoElement.prototype, 'videoHeight', 'get').mockReturnValue(frame.height);
    const context = { drawImage: vi.fn(), getImageData: vi.fn(() => frame) };
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(context as unknown as CanvasRenderingContext2D);
    const track = { stop: vi.fn() };
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia: () => Promise.resolve({ getTracks: () => [track] }) } });
    const page = await show(<ScanScreen />);
    await click(byTestId(page, 'scan-camera-start')!);
    await waitFor(page, () => window.location.pathname !== '/');
    expect(window.location.pathname).toBe(`/p/${shortCodeOf(arriving.id)}`);
    expect(track.stop).toHaveBeenCalledTimes(1);
  });
});

describe('the delivery sheet', () => {
  it('shows what goes from where to where, the short code in big type and its QR code, and prints', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const page = await show(<DeliverySheetScreen id={arriving.id} />, munichOfficial);
    const sheet = await waitFor(page, () => byTestId(page, 'delivery-sheet'));
    const code = shortCodeOf(arriving.id);
    expect(byTestId(sheet, 'sheet-code')?.textContent).toBe(formatShortCode(code));
    const qr = byTestId<HTMLImageElement>(sheet, 'sheet-qr')!;
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(qr.dataset.link).toBe(`${window.location.origin}/p/${code}`);
    expect(qr.alt).toContain(formatShortCode(code));
    expect(byTestId(sheet, 'delivery-from')?.textContent).toBe('München');
    expect(byTestId(sheet, 'delivery-quantity')?.textContent).toBe('8 pieces');
    expect(sheet.textContent).toContain('Paletten 1–2');
    await click(byTestId(sheet, 'sheet-print')!);
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('says a pledge not on this phone is not found', async () => {
    const page = await show(<DeliverySheetScreen id="pledge-not-synced" />);
    await waitFor(page, () => byTestId(page, 'sheet-not-found'));
  });
});
