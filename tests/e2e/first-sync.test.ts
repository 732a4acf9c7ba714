/**
 * A first sync of 1,000 needs in the browser (issue 11, "Honest sync"): one verified city has
 * posted them (pushed in bulk from Node), a second city's phone signs in, shows the progress bar,
 * loses its network in the middle and gets it back: every need arrives, and the server sends at
 * most one batch again. The details panel then shows what waits and the last sync.
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../domain/sync-protocol';
import { Browser } from '../integration/support/browser';
import { freshNeed } from '../support/factories';
import { SignInPage } from './pages/sign-in-page';
import { SyncDetailsPanel } from './pages/sync-details';
import { MODERATOR_ENV, verifiedMunicipality, type Account } from './support/accounts';
import { screenProblems } from './support/a11y';
import { openCity, type City } from './support/city';
import { reportFailure } from './support/failure-report';
import { startSyncServer, type RunningSyncServer } from './support/sync-server';

const RESULTS_DIR = 'test-results';
const NEEDS = 1000;
/** The browser's pull batch (startSync's default). */
const BATCH = 200;
/** Each needs pull answer is held this long, so a first sync on loopback lasts as long as on a weak link. */
const PULL_DELAY_MS = 700;

describe('first sync of 1,000 needs', () => {
  let server: RunningSyncServer;
  let reader: Account;
  let city: City;

  beforeAll(async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    server = await startSyncServer(MODERATOR_ENV);
    const [seller, buyer] = await Promise.all([
      verifiedMunicipality(server.url, { nameUk: 'Зіндельфінген', nameLatin: 'Sindelfingen', country: 'DE', adm1: 'DE-BW', location: { lat: 48.71, lon: 9.0 } }),
      verifiedMunicipality(server.url, { nameUk: 'Самбір', nameLatin: 'Sambir', country: 'UA', adm1: 'UA46' }),
    ]);
    reader = buyer;
    const poster = new Browser(() => server.url);
    const signedIn = await poster.login(seller.email, seller.password);
    expect(signedIn.status).toBe(200);
    for (let start = 0; start < NEEDS; start += 200) {
      const rows = Array.from({ length: Math.min(200, NEEDS - start) }, () => ({
        newDocumentState: { ...freshNeed({ municipalityId: seller.profile.municipality!.id }), _deleted: false },
      }));
      const pushed = await poster.request<{ refused: unknown[] }>('POST', '/api/sync/needs/push', rows);
      expect(pushed.status).toBe(200);
      expect(pushed.body.refused).toEqual([]);
    }
    city = await openCity(server.url);
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(() => reportFailure(task.name, { reader: city }, server));
  });

  afterAll(async () => {
    await city?.close();
    await server?.stop();
  });

  it('shows its progress, survives a cut link re-downloading one batch at most, and the details tell the truth', async () => {
    const { page } = city;
    const panel = new SyncDetailsPanel(page);
    const ids = new Set<string>();
    let sent = 0;
    let answers = 0;
    let offline = false;
    // One batch per request (the plain pull, without `pages`), slowed, and counted here as the server
    // sent it: the link is then cut between batches the test can count. The streamed answer's own cut
    // is covered by tests/integration/sync-first-sync-cut.test.ts and the browser campaign
    // (tests/chaos/browser-tabs.test.ts). While the phone is offline its requests fail as offline ones do.
    await page.route('**/api/sync/needs/pull*', async (route) => {
      const url = new URL(route.request().url());
      url.searchParams.delete('pages');
      await new Promise((resolve) => setTimeout(resolve, PULL_DELAY_MS));
      if (offline) {
        await route.abort('internetdisconnected').catch(() => undefined);
        return;
      }
      const response = await route.fetch({ url: url.toString() });
      const body = (await response.json()) as PullResponse;
      sent += body.documents.length;
      for (const doc of body.documents) ids.add(doc.id);
      if (body.documents.length > 0) answers++;
      await route.fulfill({ response, json: body }).catch(() => undefined);
    });

    await new SignInPage(page).signIn(reader.email, reader.password);
    const first = await panel.waitForProgress();
    expect(first.remaining).toBeGreaterThan(0);
    expect(first.valueMax).toBeGreaterThanOrEqual(NEEDS);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="sync-progress"]')?.getAttribute('data-received')) >= 200);
    await page.screenshot({ path: `${RESULTS_DIR}/first-sync-1-progress.png` });

    // The link drops in the middle of the first sync.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="sync-progress"]')?.getAttribute('data-received')) >= 400);
    offline = true;
    await city.setOffline(true);
    const cutAt = await panel.waitForProgress();
    expect(cutAt.received).toBeGreaterThanOrEqual(400);
    expect(cutAt.received).toBeLessThan(NEEDS);
    await page.waitForTimeout(2500);
    await panel.open();
    await page.screenshot({ path: `${RESULTS_DIR}/first-sync-2-offline-details.png` });
    expect(await panel.lastError()).not.toBe('');

    offline = false;
    await city.setOffline(false);
    await panel.waitForReceived('needs', NEEDS);
    expect(ids.size).toBe(NEEDS);
    const redownloaded = sent - NEEDS;
    console.info(`browser first sync of ${NEEDS} needs (batches of ${BATCH}), link cut after ${cutAt.received}: ${sent} documents in pull answers, ${redownloaded} again, ${answers} non-empty answers`);
    expect(redownloaded).toBeLessThanOrEqual(BATCH);
    // Later pulls (live catch-ups) need no counting; a handler still running when the page closes would fail.
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await panel.progress.waitFor({ state: 'detached' });

    expect(await panel.pending('needs')).toBe(0);
    expect(await panel.lastSuccess()).not.toBe('');
    await page.getByTestId('sync-last-error').waitFor();
    await panel.syncNow();
    await page.screenshot({ path: `${RESULTS_DIR}/first-sync-3-details.png`, fullPage: true });
    const problems = await screenProblems(page);
    expect(problems.axe).toEqual([]);
    expect(problems.horizontalScroll).toBe(false);
    expect(problems.smallTargets).toEqual([]);
  });
});
