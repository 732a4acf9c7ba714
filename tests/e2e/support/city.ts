/**
 * One "city" in a browser test: its own Chromium profile (its own IndexedDB, service worker and
 * cookies, like a separate phone) with one page on the app.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../support/chromium';

export type City = {
  context: BrowserContext;
  page: Page;
  /** Cuts (true) or restores (false) the network, for the page and its service worker alike. */
  setOffline(offline: boolean): Promise<void>;
  /** Reloads the page and waits until it has loaded again. */
  reload(): Promise<void>;
  /** Waits for the service worker to activate and reloads once if it does not control the page yet. */
  waitForServiceWorkerControl(): Promise<void>;
  /** Whether a service worker controls the page, and whether a newer one waits to take over. */
  serviceWorkerState(): Promise<{ controlled: boolean; waiting: boolean }>;
  /** Uncaught page errors and console errors so far, for failure reports. */
  problems(): readonly string[];
  close(): Promise<void>;
};

export type CityOptions = {
  /** Browser locale, e.g. 'uk-UA' (the default) or 'en-GB'. */
  locale?: string;
  /** More Chromium switches (a fake camera). */
  extraArgs?: readonly string[];
};

/** Opens `url` in a fresh browser profile. */
export async function openCity(url: string, options: CityOptions = {}): Promise<City> {
  const browser = await launchChromium({ locale: options.locale ?? 'uk-UA', ...(options.extraArgs ? { extraArgs: options.extraArgs } : {}) });
  const { context } = browser;
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await page.goto(url, { waitUntil: 'load' });
    const reload = async () => {
      await page.reload({ waitUntil: 'load' });
    };
    return {
      context,
      page,
      setOffline: (offline) => context.setOffline(offline),
      reload,
      async waitForServiceWorkerControl() {
        // With registerType 'prompt' the worker installs on the first load but controls only pages
        // loaded after it activated: wait for it to be active, then reload once.
        await page.evaluate(async () => {
          const worker = (await navigator.serviceWorker.ready).active;
          if (!worker || worker.state === 'activated') return;
          await new Promise<void>((resolve) => {
            worker.addEventListener('statechange', () => {
              if (worker.state === 'activated') resolve();
            });
          });
        });
        if (await page.evaluate(() => navigator.serviceWorker.controller !== null)) return;
        await reload();
        const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
        if (!controlled) throw new Error('the service worker is active but does not control the page after a reload');
      },
      serviceWorkerState: () =>
        page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return { controlled: navigator.serviceWorker.controller !== null, waiting: Boolean(registration?.waiting) };
        }),
      problems: () => problems,
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
