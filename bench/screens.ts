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
 * the screen changed, i.e. after the paint), so the test driver's own latency is not counted. The
 * list and matches are timed twice: on the first visit after the app started (the screen's code
 * comes from the service worker's cache and is compiled) and on a later visit (the everyday case).
 */
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/support/chromium';
import { MODERATOR_ENV } from '../tests/e2e/support/accounts';
import { startSyncServer } from '../tests/e2e/support/sync-server';
import { SignInPage } from '../tests/e2e/pages/sign-in-page';
import { makeOffers, pushAll, pushSpread, seedPartnerAndNeeds } from './support/fixtures';

export type ScreensResult = {
  needs: number;
  offers: number;
  cpuSlowdown: number;
  firstSyncSeconds: number;
  /** Tap on the tab to the list painted, the screen's code already loaded once (the everyday case). */
  needsListMs: number;
  /** The same on the first visit after the app started: the screen's code loaded from the cache too. */
  needsListColdMs: number;
  searchKeystrokeMs: number;
  matchesMs: number;
  matchesColdMs: number;
  scrollFps: number;
  runs: number;
};

/**
 * Runs `action` in the page and resolves with the ms from its start until the screen shows its
 * result and two frames have been painted; NaN when that does not happen within 30 s.
 */
async function timeInPage(page: Page, action: 'click-needs' | 'click-matches' | 'click-home' | 'type-search'): Promise<number> {
  return page.evaluate(async (action) => {
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    const deadline = performance.now() + 30_000;
    const until = async (check: () => boolean): Promise<boolean> => {
      while (!check()) {
        if (performance.now() > deadline) return false;
        await frame();
      }
      await frame();
      await frame();
      return true;
    };
    const count = () => document.querySelector('[data-testid="needs-count"]')?.getAttribute('data-count') ?? '';
    const started = performance.now();
    let done: boolean;
    if (action === 'click-needs') {
      document.querySelector<HTMLElement>('[data-testid="nav-needs"]')!.click();
      done = await until(() => document.querySelector('[data-testid="need-card"]') !== null);
    } else if (action === 'click-home') {
      document.querySelector<HTMLElement>('[data-testid="nav-home"]')!.click();
      done = await until(() => document.querySelector('[data-testid="home-screen"]') !== null);
    } else if (action === 'click-matches') {
      document.querySelector<HTMLElement>('[data-testid="nav-matches"]')!.click();
      done = await until(() => document.querySelector('[data-testid="match-suggestion"]') !== null);
    } else {
      // One keystroke: "ц" keeps only the needs for cement (one title in eight).
      const input = document.querySelector<HTMLInputElement>('[data-testid="needs-search"]')!;
      const before = count();
      // React tracks the input's value: set it through the native setter so the input event counts.
      const descriptor = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
      descriptor.set!.call(input, 'ц');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      done = await until(() => count() !== before);
    }
    return done ? performance.now() - started : Number.NaN;
  }, action);
}

/** Empties the search box and waits until the list shows everything again. */
async function clearSearch(page: Page): Promise<void> {
  await page.getByTestId('needs-search').fill('');
  await page.waitForFunction(() => {
    const count = document.querySelector('[data-testid="needs-count"]');
    return count !== null && count.getAttribute('data-count') === count.getAttribute('data-total');
  });
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

/** The median of the runs that finished (NaN when none did). */
function median(values: number[]): number {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]!;
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
    const { ukraine, partner } = await seedPartnerAndNeeds(server.url, documents);
    // The phone's city has a few open offers of its own (what Matches scores against every need);
    // the rest of the offers belong to the Ukrainian cities (know-how offered back).
    const own = Math.min(20, documents);
    await pushAll(server.url, partner, 'offers', makeOffers(partner.profile.municipality!.id, own, 0));
    await pushSpread(server.url, ukraine, 'offers', documents - own, own);

    const page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    // tsx (esbuild, keepNames) wraps the functions given to page.evaluate in a `__name` helper the page lacks.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    await page.goto(server.url, { waitUntil: 'load' });
    const syncStarted = Date.now();
    await new SignInPage(page).signIn(partner.email, partner.password);
    await waitForSyncedNeeds(page, documents);
    const firstSyncSeconds = (Date.now() - syncStarted) / 1000;
    process.stderr.write(`screens benchmark: ${documents} needs and offers on the phone after ${firstSyncSeconds.toFixed(1)} s\n`);

    const cdp = await chromium.context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    const times = { list: [] as number[], listCold: [] as number[], search: [] as number[], matches: [] as number[], matchesCold: [] as number[], fps: [] as number[] };
    for (let run = 0; run < runs; run += 1) {
      await page.goto(new URL('/', server.url).toString(), { waitUntil: 'load' });
      await page.getByTestId('home-screen').waitFor();
      // Let the start-up settle (database open, catch-up pull) before timing a tap.
      await page.locator('[data-testid="sync-indicator"][data-pending="0"]').waitFor();
      await page.waitForTimeout(1500);
      times.listCold.push(await timeInPage(page, 'click-needs'));
      await clearSearch(page);
      times.search.push(await timeInPage(page, 'type-search'));
      await clearSearch(page);
      times.matchesCold.push(await timeInPage(page, 'click-matches'));
      await timeInPage(page, 'click-home');
      times.list.push(await timeInPage(page, 'click-needs'));
      times.fps.push(await scrollFps(page, 2000));
      await page.evaluate(() => window.scrollTo(0, 0));
      times.matches.push(await timeInPage(page, 'click-matches'));
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    return {
      needs: documents,
      offers: documents,
      cpuSlowdown,
      firstSyncSeconds,
      needsListMs: Math.round(median(times.list)),
      needsListColdMs: Math.round(median(times.listCold)),
      searchKeystrokeMs: Math.round(median(times.search)),
      matchesMs: Math.round(median(times.matches)),
      matchesColdMs: Math.round(median(times.matchesCold)),
      scrollFps: Math.round(median(times.fps)),
      runs,
    };
  } finally {
    await chromium.close();
    await server.stop();
  }
}
