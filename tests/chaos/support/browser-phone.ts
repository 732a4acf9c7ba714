/**
 * A phone whose browser profile outlives its tabs and its browser process: one Chromium profile
 * directory (IndexedDB, service worker, cookies) that the campaign closes in two ways and opens
 * again, as a phone does when the user swipes the tab away or the system kills the browser.
 *
 * - `closeTab()` closes the page the way a tab is closed (no beforeunload prompt); the browser, its
 *   service worker and its storage stay, and `reopen()` opens a new tab on the app.
 * - `kill()` SIGKILLs the browser's whole process group (Playwright starts Chromium as the leader of
 *   its own group): no unload, no flush of anything still in memory; `reopen()` launches Chromium
 *   again on the same profile directory.
 *
 * Every page this phone opens goes through `onPage` first, so a test attaches its network watchers
 * before the app sends its first request.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../support/chromium';
import { SignInPage } from '../../e2e/pages/sign-in-page';

const CLOSE_TIMEOUT_MS = 10_000;
const KILL_WAIT_MS = 5_000;

export type PhoneOptions = {
  /** Called with every new page before it loads the app (attach CDP sessions, listeners). */
  onPage?: (page: Page) => Promise<void>;
  locale?: string;
};

export type CloseKind = 'tab' | 'kill';

export type Phone = {
  readonly profileDir: string;
  /** The tab on the app (the newest one after a reopen). */
  page(): Page;
  context(): BrowserContext;
  /** Navigates the current tab to a path of the app. */
  goto(path: string): Promise<void>;
  /** Closes the tab (`'tab'`) or kills the browser (`'kill'`). */
  close(kind: CloseKind): Promise<void>;
  /** Opens the app again at `path` after a close: a new tab, or a new browser process on the same profile. */
  reopen(path?: string): Promise<void>;
  /** Waits until the service worker controls the tab (reloading once), so the app opens offline. */
  waitForServiceWorkerControl(): Promise<void>;
  /** Cuts or restores the network for the page and its service worker. */
  setOffline(offline: boolean): Promise<void>;
  /** Signs in when the app asks for it (after a kill the session cookie may not have reached the disk); true when it did. */
  signInIfAsked(email: string, password: string): Promise<boolean>;
  /** Page errors and console errors so far, for failure reports. */
  problems(): readonly string[];
  /** Closes the browser and deletes the profile. */
  dispose(): Promise<void>;
};

/** The pid of the Chromium browser process using `profileDir` (not its renderers or helpers). */
export function browserPidOf(profileDir: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      // The process ended while we were listing: it is not the one we look for.
      continue;
    }
    if (args.includes(`--user-data-dir=${profileDir}`) && !args.some((arg) => arg.startsWith('--type='))) return Number(entry);
  }
  return null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    // ESRCH: gone.
    return false;
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Launches a phone on a fresh profile and opens the app at `baseUrl`. */
export async function openPhone(baseUrl: string, options: PhoneOptions = {}): Promise<Phone> {
  const profileDir = await mkdtemp(join(tmpdir(), 'c4c-chaos-phone-'));
  const problems: string[] = [];
  let context: BrowserContext | null = null;
  let page: Page | null = null;

  const watch = async (next: Page) => {
    next.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    next.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await options.onPage?.(next);
  };
  const launch = async () => {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumExecutable(),
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: { width: 360, height: 740 },
      locale: options.locale ?? 'uk-UA',
    });
    return context;
  };
  const openTab = async (path: string) => {
    if (!context) await launch();
    const current = context!;
    const blank = current.pages().find((candidate) => candidate.url() === 'about:blank');
    page = blank ?? (await current.newPage());
    await watch(page);
    await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
  };

  const phone: Phone = {
    profileDir,
    page() {
      if (!page) throw new Error('the phone has no open tab');
      return page;
    },
    context() {
      if (!context) throw new Error('the phone has no running browser');
      return context;
    },
    async goto(path) {
      await phone.page().goto(`${baseUrl}${path}`, { waitUntil: 'load' });
    },
    async close(kind) {
      if (kind === 'tab') {
        // runBeforeUnload: false is what swiping a tab away does: no prompt, no chance to save.
        await withTimeout(phone.page().close({ runBeforeUnload: false }), CLOSE_TIMEOUT_MS, 'closing the tab');
        page = null;
        return;
      }
      const pid = browserPidOf(profileDir);
      if (pid === null) throw new Error(`no Chromium process runs on ${profileDir}`);
      // The whole group: the browser, its renderers, GPU and network processes die at the same instant.
      process.kill(-pid, 'SIGKILL');
      const deadline = Date.now() + KILL_WAIT_MS;
      while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      if (isAlive(pid)) throw new Error(`Chromium ${pid} survived SIGKILL`);
      // Playwright notices the lost connection; close() only releases its side.
      await withTimeout(context!.close(), CLOSE_TIMEOUT_MS, 'releasing the killed browser').catch(() => undefined);
      context = null;
      page = null;
    },
    async reopen(path = '/') {
      await openTab(path);
    },
    async waitForServiceWorkerControl() {
      const current = phone.page();
      // registerType 'prompt': the worker controls only pages loaded after it activated.
      await current.evaluate(async () => {
        const worker = (await navigator.serviceWorker.ready).active;
        if (!worker || worker.state === 'activated') return;
        await new Promise<void>((resolve) => {
          worker.addEventListener('statechange', () => {
            if (worker.state === 'activated') resolve();
          });
        });
      });
      if (await current.evaluate(() => navigator.serviceWorker.controller !== null)) return;
      await current.reload({ waitUntil: 'load' });
      if (!(await current.evaluate(() => navigator.serviceWorker.controller !== null))) {
        throw new Error('the service worker is active but does not control the page after a reload');
      }
    },
    setOffline: (offline) => phone.context().setOffline(offline),
    async signInIfAsked(email, password) {
      const current = phone.page();
      const form = current.getByTestId('signin-form');
      const banner = current.getByTestId('signin-required-banner');
      if ((await banner.count()) > 0) await current.getByTestId('signin-again').click();
      if ((await form.count()) === 0) return false;
      await new SignInPage(current).signIn(email, password);
      return true;
    },
    problems: () => problems,
    async dispose() {
      if (context) await withTimeout(context.close(), CLOSE_TIMEOUT_MS, 'closing the browser').catch(() => undefined);
      const pid = browserPidOf(profileDir);
      if (pid !== null) process.kill(-pid, 'SIGKILL');
      await rm(profileDir, { recursive: true, force: true });
    },
  };

  try {
    await openTab('/');
  } catch (error) {
    await phone.dispose();
    throw error;
  }
  return phone;
}
