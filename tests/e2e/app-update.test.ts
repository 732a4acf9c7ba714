/**
 * A new version of the app waits for the user's consent (a reload mid-edit would lose a draft), then
 * takes over on request, and the needs on the phone survive the update. While a form holds unsaved
 * input the new version is not even offered; once it is saved it is, and the writes still queued
 * on the phone (written offline) survive the reload and sync.
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Need } from '../../domain/schemas/need';
import { Browser, pullAll } from '../integration/support/browser';
import { AppShell } from './pages/app-shell';
import { NeedsPage } from './pages/needs-page';
import { SignInPage } from './pages/sign-in-page';
import { MODERATOR_ENV, verifiedMunicipality, type Account } from './support/accounts';
import { copyBuiltApp, type AppBuildCopy } from './support/app-build';
import { openCity, type City } from './support/city';
import { reportFailure } from './support/failure-report';
import { startSyncServer, type RunningSyncServer } from './support/sync-server';

const UPDATE_CHECK_TIMEOUT_MS = 30_000;
const RESULTS_DIR = 'test-results';

/** Titles of the needs the server holds for `account`, read through the sync API as that member. */
async function needsOnServer(serverUrl: string, account: Account): Promise<string[]> {
  const browser = new Browser(() => serverUrl);
  await browser.login(account.email, account.password);
  return (await pullAll<Need>(browser, 'needs')).map((need) => need.title);
}

describe('a new version of the app', () => {
  let build: AppBuildCopy;
  let server: RunningSyncServer;
  let city: City;
  let chernihiv: Account;

  beforeAll(async () => {
    build = await copyBuiltApp();
    server = await startSyncServer({ DIST_DIR: build.dir, ...MODERATOR_ENV });
    chernihiv = await verifiedMunicipality(server.url, { nameUk: 'Чернігів', nameLatin: 'Chernihiv', country: 'UA', adm1: 'UA74' });
    city = await openCity(server.url, { locale: 'en-GB' });
    await mkdir(RESULTS_DIR, { recursive: true });
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(() => reportFailure(task.name, { phone: city }, server));
  });

  afterAll(async () => {
    await city?.close();
    await server?.stop();
    await build?.remove();
  });

  it('waits for the user, then takes over without losing the needs on the phone', async () => {
    const shell = new AppShell(city.page);
    const needs = new NeedsPage(city.page);
    await new SignInPage(city.page).signIn(chernihiv.email, chernihiv.password);
    await city.waitForServiceWorkerControl();
    const form = await needs.openNewNeedForm();
    await form.fill({
      category: 'water',
      title: 'Water purification units',
      description: 'For the district water supply.',
      quantity: 4,
      unit: 'pieces',
      urgency: 'high',
      settlement: 'Chernihiv',
      pcode: 'UA74',
    });
    await form.save();
    await needs.waitForNeed('Water purification units', 5_000);

    await build.publishNewVersion('e2e: version 2');
    await city.reload(); // opening the app checks for a new version
    await shell.waitForUpdatePrompt(UPDATE_CHECK_TIMEOUT_MS);
    expect(await city.serviceWorkerState()).toEqual({ controlled: true, waiting: true });

    await shell.acceptUpdate();
    await needs.waitUntilShown();
    expect(await city.serviceWorkerState()).toEqual({ controlled: true, waiting: false });
    await needs.waitForNeed('Water purification units', 5_000);
  });

  it('never reloads in the middle of a form, and keeps the queued writes across the update', async () => {
    const shell = new AppShell(city.page);
    const needs = new NeedsPage(city.page);
    const draft = {
      category: 'shelter',
      title: 'Modular shelters for the school',
      description: 'Typed before the new version arrived.',
      quantity: 2,
      unit: 'pieces',
      urgency: 'critical',
      settlement: 'Chernihiv',
      pcode: 'UA74',
    } as const;
    await needs.waitUntilShown();
    const form = await needs.openNewNeedForm();
    await form.fill({ category: draft.category, title: draft.title, description: draft.description });

    // A new build is deployed while the form holds unsaved input: it is announced, not offered.
    await build.publishNewVersion('e2e: version 3');
    await shell.checkForUpdate();
    await shell.waitForUpdateAfterForm(UPDATE_CHECK_TIMEOUT_MS);
    expect(await city.serviceWorkerState()).toEqual({ controlled: true, waiting: true });
    expect(await shell.updateOffered()).toBe(false);
    await city.page.screenshot({ path: `${RESULTS_DIR}/app-update-during-form.png`, fullPage: true });
    // Nothing reloads on its own: the typed text is still there a while later.
    await city.page.waitForTimeout(2_000);
    expect(await form.value('title')).toBe(draft.title);
    expect(await form.value('description')).toBe(draft.description);

    // Offline, the form is finished and saved: the need waits in the queue, and the update is offered.
    await city.setOffline(true);
    await shell.waitForOnline(false);
    await form.fill(draft);
    await form.save();
    await shell.waitForPending(1);
    await shell.waitForUpdatePrompt(5_000);
    expect(await shell.updateOffered()).toBe(true);

    // A second need written offline: while its form is open, the offer steps back again.
    const second = await needs.openNewNeedForm();
    await second.fill({ ...draft, title: 'Blankets for the shelters', category: 'other', description: 'Also written offline.' });
    await shell.waitForUpdateAfterForm(5_000);
    expect(await shell.updateOffered()).toBe(false);
    await second.save();
    await shell.waitForPending(2);
    await shell.waitForUpdatePrompt(5_000);
    await city.page.screenshot({ path: `${RESULTS_DIR}/app-update-after-saving.png`, fullPage: true });

    // The reload, still offline: the new version comes from its own cache, with both needs queued.
    await shell.acceptUpdate();
    await needs.waitUntilShown();
    expect(await city.serviceWorkerState()).toEqual({ controlled: true, waiting: false });
    await needs.waitForNeed(draft.title, 5_000);
    await needs.waitForNeed('Blankets for the shelters', 5_000);
    await shell.waitForPending(2);
    await city.page.screenshot({ path: `${RESULTS_DIR}/app-update-reloaded-offline.png`, fullPage: true });

    // Back online, the queued needs reach the server.
    await city.setOffline(false);
    await shell.waitForPending(0);
    const onServer = await needsOnServer(server.url, chernihiv);
    expect(onServer).toEqual(expect.arrayContaining([draft.title, 'Blankets for the shelters', 'Water purification units']));
  });

  it('a version found during the very first visit, while that page stays open, also reloads on consent', async () => {
    // A phone opening the app for the first time: the page was not controlled when it registered the
    // service worker, so to workbox a later version is no "update" of it and it would not reload.
    const newcomer = await openCity(server.url, { locale: 'en-GB' });
    try {
      const shell = new AppShell(newcomer.page);
      await new SignInPage(newcomer.page).waitUntilShown();
      await newcomer.waitForServiceWorkerControl();
      await build.publishNewVersion('e2e: version 4');
      await shell.checkForUpdate();
      await shell.waitForUpdatePrompt(UPDATE_CHECK_TIMEOUT_MS);
      await shell.acceptUpdate();
      await new SignInPage(newcomer.page).waitUntilShown();
      expect(await newcomer.serviceWorkerState()).toEqual({ controlled: true, waiting: false });
      const running = await newcomer.page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL ?? '');
      expect(running).toMatch(/\/sw\.js$/);
      expect(await newcomer.page.evaluate(async () => (await (await fetch('/sw.js', { cache: 'no-store' })).text()).includes('e2e: version 4'))).toBe(true);
    } finally {
      await newcomer.close();
    }
  });
});
