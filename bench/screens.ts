/**
 * The daily-work screens on a slow phone (issue 9): with N needs and N offers in the phone's own
 * database, in Chromium with the CPU slowed 4× (CDP Emulation.setCPUThrottlingRate), how long
 *   - the needs list takes from the tap on its tab to the first card painted,
 *   - one keystroke in its search takes to the updated list,
 *   - the matches screen takes from the tap on its tab to its suggestions painted,
 * and how smoothly the needs list scrolls (frames per second while scrolling).
 * Everything is real: the built PWA served by the real sync server on the embedded store, the data
 * pushed through the sync API by the municipalities that own it, then synced into the phone's
 * IndexedDB by the app itself (unthrottled, that is not what is measured here). Each measure is the
 * median of a few runs, timed inside the page (from the input event to two animation frames after
 * the screen changed, i.e. after the paint), so the test driver's own latency is not counted.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { CATEGORIES, COUNTABLE_UNITS, URGENCIES } from '../domain/constants';
import type { Need, Offer } from '../domain/schemas/index';
import { launchChromium } from '../tests/support/chromium';
import { Browser as ApiClient } from '../tests/integration/support/browser';
import { MODERATOR_ENV, verifiedMunicipality, type Account } from '../tests/e2e/support/accounts';
import { startSyncServer } from '../tests/e2e/support/sync-server';
import { SignInPage } from '../tests/e2e/pages/sign-in-page';

export type ScreensResult = {
  needs: number;
  offers: number;
  cpuSlowdown: number;
  firstSyncSeconds: number;
  needsListMs: number;
  searchKeystrokeMs: number;
  matchesMs: number;
  scrollFps: number;
  runs: number;
};

const OBLASTS = ['UA46', 'UA63', 'UA80', 'UA32', 'UA48', 'UA53', 'UA59', 'UA71', 'UA12', 'UA23'];
const TITLES = ['Генератори дизельні', 'Ліки для лікарні', 'Питна вода', 'Ковдри для укриття', 'Екскаватор', 'Ноутбуки для школи', 'Цемент', 'Пожежна машина'];
const OFFER_TITLES = ['Stromgeneratoren', 'Medikamente', 'Trinkwasser', 'Decken', 'Bagger', 'Laptops', 'Zement', 'Feuerwehrauto'];
const DAY = 86_400_000;

function day(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
}

function makeNeeds(municipalityId: string, count: number, start: number): Need[] {
  return Array.from({ length: count }, (_, index) => {
    const n = start + index;
    const unit = COUNTABLE_UNITS[n % COUNTABLE_UNITS.length]!;
    return {
      id: randomUUID(),
      municipalityId,
      category: CATEGORIES[n % CATEGORIES.length]!,
      title: `${TITLES[n % TITLES.length]!} ${n}`,
      description: `Потреба номер ${n}: опис для пошуку та фільтрів, достатньо довгий, щоб нагадувати справжній текст.`,
      language: 'uk',
      quantity: 1 + (n % 200),
      unit,
      urgency: URGENCIES[n % URGENCIES.length]!,
      neededBy: day(3 + (n % 90)),
      place: { settlement: 'Київ', pcode: OBLASTS[n % OBLASTS.length]!, lat: 50.45, lon: 30.52 },
      status: 'open',
      updatedAt: Date.now(),
    } satisfies Need;
  });
}

function makeOffers(municipalityId: string, count: number, start: number): Offer[] {
  return Array.from({ length: count }, (_, index) => {
    const n = start + index;
    return {
      id: randomUUID(),
      municipalityId,
      category: CATEGORIES[n % CATEGORIES.length]!,
      title: `${OFFER_TITLES[n % OFFER_TITLES.length]!} ${n}`,
      description: `Angebot Nummer ${n} mit einer Beschreibung, die so lang ist wie eine echte.`,
      language: 'de',
      quantity: 1 + (n % 300),
      unit: COUNTABLE_UNITS[n % COUNTABLE_UNITS.length]!,
      availableUntil: day(30 + (n % 200)),
      deliveryOptions: ['to-border', 'to-city'],
      place: { settlement: 'Nürnberg', country: 'DE' },
      status: 'open',
      updatedAt: Date.now(),
    } satisfies Offer;
  });
}

async function pushAll(serverUrl: string, account: Account, collection: 'needs' | 'offers', docs: readonly (Need | Offer)[]): Promise<void> {
  const client = new ApiClient(() => serverUrl);
  const login = await client.login(account.email, account.password);
  if (login.status !== 200) throw new Error(`sign-in of ${account.email} answered ${login.status}`);
  for (let start = 0; start < docs.length; start += 200) {
    const rows = docs.slice(start, start + 200).map((doc) => ({ newDocumentState: doc }));
    const answer = await client.request<{ conflicts: unknown[]; refused: unknown[] }>('POST', `/api/sync/${collection}/push`, rows);
    if (answer.status !== 200 || answer.body.refused.length > 0) throw new Error(`push of ${collection} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`);
  }
}

/** Runs `action` in the page and resolves with the ms from its start until `done()` holds and two frames have been painted. */
async function timeInPage(page: Page, action: 'click-needs' | 'click-matches' | 'type-search', expected: string): Promise<number> {
  return page.evaluate(
    async ({ action, expected }) => {
      const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      const until = async (check: () => boolean) => {
        while (!check()) await frame();
        await frame();
        await frame();
      };
      const started = performance.now();
      if (action === 'click-needs') {
        document.querySelector<HTMLElement>('[data-testid="nav-needs"]')!.click();
        await until(() => document.querySelector('[data-testid="need-card"]') !== null);
      } else if (action === 'click-matches') {
        document.querySelector<HTMLElement>('[data-testid="nav-matches"]')!.click();
        await until(() => document.querySelector('[data-testid="match-suggestion"]') !== null);
      } else {
        const input = document.querySelector<HTMLInputElement>('[data-testid="needs-search"]')!;
        const before = document.querySelector('[data-testid="need-card"]')?.textContent ?? '';
        // React tracks the input's value: set it through the native setter so the input event counts.
        const descriptor = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
        descriptor.set!.call(input, input.value + expected);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await until(() => (document.querySelector('[data-testid="need-card"]')?.textContent ?? '') !== before);
      }
      return performance.now() - started;
    },
    { action, expected },
  );
}

/** Frames per second while the list scrolls down for `ms`. */
async function scrollFps(page: Page, ms: number): Promise<number> {
  return page.evaluate(async (duration) => {
    window.scrollTo(0, 0);
    let frames = 0;
    const started = performance.now();
    await new Promise<void>((resolve) => {
      const step = () => {
        frames += 1;
        window.scrollBy(0, 40);
        if (performance.now() - started < duration) requestAnimationFrame(step);
        else resolve();
      };
      requestAnimationFrame(step);
    });
    return (frames * 1000) / (performance.now() - started);
  }, ms);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Waits until the needs list of the phone counts `count` needs (all statuses), i.e. the first sync is done. */
async function waitForSyncedNeeds(page: Page, count: number): Promise<void> {
  await page.goto(new URL('/needs?status=any', page.url()).toString(), { waitUntil: 'load' });
  await page.waitForFunction((expected) => Number(document.querySelector('[data-testid="needs-count"]')?.getAttribute('data-total')) >= expected, count, { timeout: 600_000, polling: 500 });
}

export async function runScreensBenchmark({ documents, runs = 3, cpuSlowdown = 4 }: { documents: number; runs?: number; cpuSlowdown?: number }): Promise<ScreensResult> {
  const server = await startSyncServer(MODERATOR_ENV);
  const chromium = await launchChromium({ locale: 'de-DE' });
  try {
    const ukraine = await Promise.all([0, 1, 2, 3].map((n) => verifiedMunicipality(server.url, { nameUk: `Громада ${n}`, nameLatin: `Hromada ${n}`, adm1: OBLASTS[n]! })));
    const partner = await verifiedMunicipality(server.url, { nameUk: 'Нюрнберг', nameLatin: 'Nürnberg', country: 'DE', adm1: 'DE-BY', location: { lat: 49.45, lon: 11.08 } });
    const perCity = Math.ceil(documents / ukraine.length);
    for (const [index, city] of ukraine.entries()) {
      await pushAll(server.url, city, 'needs', makeNeeds(city.profile.municipality!.id, Math.min(perCity, documents - index * perCity), index * perCity));
    }
    // The phone's city has a few open offers of its own (what Matches scores against every need);
    // the rest of the offers belong to the Ukrainian cities (know-how offered back).
    const own = Math.min(20, documents);
    await pushAll(server.url, partner, 'offers', makeOffers(partner.profile.municipality!.id, own, 0));
    const others = documents - own;
    for (const [index, city] of ukraine.entries()) {
      const count = Math.min(Math.ceil(others / ukraine.length), others - index * Math.ceil(others / ukraine.length));
      if (count > 0) await pushAll(server.url, city, 'offers', makeOffers(city.profile.municipality!.id, count, own + index * Math.ceil(others / ukraine.length)));
    }

    const page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    await page.goto(server.url, { waitUntil: 'load' });
    const syncStarted = Date.now();
    await new SignInPage(page).signIn(partner.email, partner.password);
    await waitForSyncedNeeds(page, documents);
    const firstSyncSeconds = (Date.now() - syncStarted) / 1000;

    const cdp = await chromium.context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    const listTimes: number[] = [];
    const searchTimes: number[] = [];
    const matchTimes: number[] = [];
    const fps: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      await page.goto(new URL('/', server.url).toString(), { waitUntil: 'load' });
      await page.getByTestId('nav-needs').waitFor();
      listTimes.push(await timeInPage(page, 'click-needs', ''));
      fps.push(await scrollFps(page, 2000));
      await page.evaluate(() => window.scrollTo(0, 0));
      searchTimes.push(await timeInPage(page, 'type-search', ['г', 'e', 'з'][run % 3]!));
      matchTimes.push(await timeInPage(page, 'click-matches', ''));
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    return {
      needs: documents,
      offers: documents,
      cpuSlowdown,
      firstSyncSeconds,
      needsListMs: Math.round(median(listTimes)),
      searchKeystrokeMs: Math.round(median(searchTimes)),
      matchesMs: Math.round(median(matchTimes)),
      scrollFps: Math.round(median(fps)),
      runs,
    };
  } finally {
    await chromium.close();
    await server.stop();
  }
}
