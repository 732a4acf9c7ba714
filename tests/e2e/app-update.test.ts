/**
 * A new version of the app waits for the user's consent (a reload mid-edit would lose a draft), then
 * takes over on request, and the needs on the phone survive the update.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppShell } from './pages/app-shell';
import { NeedsPage } from './pages/needs-page';
import { SignInPage } from './pages/sign-in-page';
import { MODERATOR_ENV, verifiedMunicipality, type Account } from './support/accounts';
import { copyBuiltApp, type AppBuildCopy } from './support/app-build';
import { openCity, type City } from './support/city';
import { reportFailure } from './support/failure-report';
import { startSyncServer, type RunningSyncServer } from './support/sync-server';

const UPDATE_CHECK_TIMEOUT_MS = 30_000;

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
});
