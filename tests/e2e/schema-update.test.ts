/**
 * A need written offline by the previous build, under need schema v0, survives the update to this
 * build and syncs (issue 11 "Updates without loss"): the old app runs from its service worker while
 * the server already runs this version; the new app takes over on the user's consent, RxDB migrates
 * the phone's v0 document with the strategies in domain/, and the push states the current schema
 * version. The old build is made from git: the last commit whose needs were still at v0.
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Need } from '../../domain/schemas/need';
import { NEED_SCHEMA } from '../../domain/schemas/need';
import { Browser, pullAll } from '../integration/support/browser';
import { AppShell } from './pages/app-shell';
import { NeedsPage } from './pages/needs-page';
import { SignInPage } from './pages/sign-in-page';
import { MODERATOR_ENV, verifiedMunicipality, type Account } from './support/accounts';
import { openCity, type City } from './support/city';
import { reportFailure } from './support/failure-report';
import { buildOldApp, oldBuildUnavailable, type OldBuild } from './support/old-build';
import { startSyncServer, type RunningSyncServer } from './support/sync-server';

/** The parent of 088714e ("Needs and offers schema v1"): the last build that wrote needs at v0. */
const V0_BUILD_COMMIT = '610c978fe5a8429b10d7789f02d529bace05ab86';
const UPDATE_CHECK_TIMEOUT_MS = 30_000;
const RESULTS_DIR = 'test-results';

const unavailable = await oldBuildUnavailable(V0_BUILD_COMMIT);

describe.skipIf(unavailable !== null)(`a need written offline by the v0 build${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let build: OldBuild;
  let server: RunningSyncServer;
  let city: City;
  let lviv: Account;
  /** Rows of the needs pushes the server answered. */
  const pushes: { schemaVersion?: number; newDocumentState: { title?: string } }[] = [];

  beforeAll(async () => {
    build = await buildOldApp(V0_BUILD_COMMIT);
    server = await startSyncServer({ DIST_DIR: build.dir, ...MODERATOR_ENV });
    lviv = await verifiedMunicipality(server.url, { nameUk: 'Львів', nameLatin: 'Lviv', country: 'UA', adm1: 'UA46' });
    city = await openCity(server.url);
    // Pushes the server answered (an attempt offline fails and is not one).
    city.page.on('requestfinished', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/sync/needs/push')) pushes.push(...(request.postDataJSON() as typeof pushes));
    });
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

  it('is migrated when the new build takes over and then syncs at the current version', async () => {
    const shell = new AppShell(city.page);
    const needs = new NeedsPage(city.page);
    await new SignInPage(city.page).signIn(lviv.email, lviv.password);
    await city.waitForServiceWorkerControl();
    await needs.waitUntilShown();

    // This build is deployed while the phone runs the old one; the phone notices it when the app is
    // opened again. (The old build would not reload into a version found during its first visit's
    // page session; UpdatePrompt reloads on the controller change since, see app-update.test.ts.)
    await build.deployCurrent();
    await city.reload();
    await shell.waitForUpdatePrompt(UPDATE_CHECK_TIMEOUT_MS);
    expect(await city.serviceWorkerState()).toEqual({ controlled: true, waiting: true });

    // Still on the old build, offline: the need is written under schema v0 and waits.
    await city.setOffline(true);
    await shell.waitForOnline(false);
    const title = 'Котли для опалення лікарні';
    const form = await needs.openNewNeedForm();
    await form.fill({
      category: 'heating',
      title,
      description: 'Записано старою версією застосунку без зв’язку.',
      language: 'uk',
      quantity: 3,
      unit: 'pieces',
      urgency: 'critical',
      settlement: 'Львів',
      pcode: 'UA46',
    });
    await form.save();
    await needs.waitForNeed(title, 5_000);
    await shell.waitForPending(1);
    expect(pushes).toEqual([]);

    // The update, still offline: the new build comes from its cache and migrates the database.
    await shell.waitForUpdatePrompt(5_000);
    await shell.acceptUpdate();
    await needs.waitUntilShown();
    expect(await city.serviceWorkerState()).toEqual({ controlled: true, waiting: false });
    await needs.waitForNeed(title, 10_000);
    await shell.waitForPending(1);
    await city.page.screenshot({ path: `${RESULTS_DIR}/schema-update-migrated-offline.png`, fullPage: true });

    // Back online, the migrated need goes out at the current version and the server keeps it.
    await city.setOffline(false);
    await shell.waitForPending(0);
    const pushed = pushes.filter((row) => row.newDocumentState.title === title);
    expect(pushed.length).toBeGreaterThan(0);
    expect(pushed.every((row) => row.schemaVersion === NEED_SCHEMA.version)).toBe(true);
    const reader = new Browser(() => server.url);
    await reader.login(lviv.email, lviv.password);
    const stored = (await pullAll<Need>(reader, 'needs')).filter((need) => need.title === title);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ category: 'heating', quantity: 3, unit: 'pieces', urgency: 'critical', status: 'open' });
  });
});
