/**
 * Per-record sync states in the browser (issue 11 "Per record"): a need edited offline says
 * "waiting" on its card and nothing once it is sent (its page: saved on the server); the same need
 * edited offline on two phones of one municipality, different fields, says "merged" on the phone
 * whose change reached the server second, naming the field the other phone changed; a need written
 * offline by an official whom the coordinator removed meanwhile says "refused", with the server's
 * reason and the way to the refused changes, and stays on the phone.
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Browser, pullAll } from '../integration/support/browser';
import { AppShell } from './pages/app-shell';
import { BottomNav } from './pages/bottom-nav';
import type { NeedFields } from './pages/need-form';
import { NeedsPage } from './pages/needs-page';
import { RecordStates } from './pages/record-states';
import { SignInPage } from './pages/sign-in-page';
import { memberOf, MODERATOR_ENV, removeMember, verifiedMunicipality, type Account } from './support/accounts';
import { openCity, type City } from './support/city';
import { reportFailure } from './support/failure-report';
import { startSyncServer, type RunningSyncServer } from './support/sync-server';

const RESULTS_DIR = 'test-results';

const NEED = {
  category: 'water',
  title: 'Цистерни для питної води',
  description: 'Дві цистерни по 5 000 літрів.',
  language: 'uk',
  quantity: 2,
  unit: 'pieces',
  urgency: 'high',
  neededBy: '2030-01-31',
  settlement: 'Самбір',
  pcode: 'UA46',
} satisfies Omit<NeedFields, 'status'>;

describe('per-record sync states', () => {
  let server: RunningSyncServer;
  let phoneA: City;
  let phoneB: City;
  let phoneC: City | undefined;
  let sambir: Account;
  let created = false;

  beforeAll(async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    server = await startSyncServer(MODERATOR_ENV);
    sambir = await verifiedMunicipality(server.url, { nameUk: 'Самбір', nameLatin: 'Sambir', country: 'UA', adm1: 'UA46' });
    // Two phones of one municipality (the same official on both: each phone has its own database).
    [phoneA, phoneB] = await Promise.all([openCity(server.url), openCity(server.url)]);
    await Promise.all([new SignInPage(phoneA.page).signIn(sambir.email, sambir.password), new SignInPage(phoneB.page).signIn(sambir.email, sambir.password)]);
    // Offline, the app's screens come from the service worker's cache.
    await Promise.all([phoneA.waitForServiceWorkerControl(), phoneB.waitForServiceWorkerControl()]);
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(() => reportFailure(task.name, { 'phone A': phoneA, 'phone B': phoneB, ...(phoneC ? { 'phone C': phoneC } : {}) }, server));
  });

  afterAll(async () => {
    await Promise.all([phoneA?.close(), phoneB?.close(), phoneC?.close()]);
    await server?.stop();
  });

  it('a need saved offline shows "waiting" on its card, and after reconnecting nothing (its page: saved on the server)', async () => {
    const needs = new NeedsPage(phoneA.page);
    const shell = new AppShell(phoneA.page);
    const states = new RecordStates(phoneA.page);
    await needs.waitUntilShown();
    await phoneA.setOffline(true);
    await shell.waitForOnline(false);
    const form = await needs.openNewNeedForm();
    await form.fill(NEED);
    await form.save();
    await needs.waitForNeed(NEED.title, 5_000);
    await states.waitForCard(NEED.title, 'waiting', 5_000);
    await needs.screenshot(`${RESULTS_DIR}/record-state-waiting.png`);

    await phoneA.setOffline(false);
    await shell.waitForPending(0);
    await states.waitForCard(NEED.title, 'none');
    expect(await states.onCard(NEED.title)).toBe('none');
    await needs.openNeed(NEED.title);
    await states.waitForPage('sent');
    await needs.screenshot(`${RESULTS_DIR}/record-state-sent-page.png`);
    await phoneA.page.getByTestId('back-button').click();
    created = true;
  });

  it('the same need edited offline on two phones, different fields: the phone that synced second shows "merged" and what changed', async (context) => {
    if (!created) context.skip('the need was not created');
    const [needsA, needsB] = [new NeedsPage(phoneA.page), new NeedsPage(phoneB.page)];
    const [shellA, shellB] = [new AppShell(phoneA.page), new AppShell(phoneB.page)];
    const statesB = new RecordStates(phoneB.page);
    await needsB.waitForNeed(NEED.title);
    await needsA.waitForNeed(NEED.title);

    await Promise.all([phoneA.setOffline(true), phoneB.setOffline(true)]);
    await Promise.all([shellA.waitForOnline(false), shellB.waitForOnline(false)]);
    const formA = await needsA.openEditForm(NEED.title);
    await formA.fill({ urgency: 'critical' });
    await formA.save();
    const formB = await needsB.openEditForm(NEED.title);
    await formB.fill({ quantity: 3 });
    await formB.save();
    await statesB.waitForCard(NEED.title, 'waiting', 5_000);

    await phoneA.setOffline(false);
    await shellA.waitForPending(0);
    await phoneB.setOffline(false);
    await shellB.waitForPending(0);
    await statesB.waitForCard(NEED.title, 'merged');
    await needsB.screenshot(`${RESULTS_DIR}/record-state-merged-card.png`);

    await needsB.openNeed(NEED.title);
    await statesB.waitForPage('merged');
    expect(await statesB.mergedFields()).toEqual(['urgency']);
    expect(await statesB.mergedText()).toContain('Самбір');
    await needsB.screenshot(`${RESULTS_DIR}/record-state-merged-page.png`);
    await statesB.dismissMerge();
  });

  it('a need written offline by an official removed meanwhile says "refused" with the reason, and stays on the phone', async () => {
    const official = await memberOf(server.url, sambir, 'official', 'Петро Посадовець');
    phoneC = await openCity(server.url);
    const city = phoneC;
    await new SignInPage(city.page).signIn(official.email, official.password);
    await city.waitForServiceWorkerControl();
    const needs = new NeedsPage(city.page);
    const shell = new AppShell(city.page);
    const states = new RecordStates(city.page);
    await needs.waitUntilShown();
    await city.setOffline(true);
    await shell.waitForOnline(false);
    const title = 'Генератор для амбулаторії';
    const form = await needs.openNewNeedForm();
    await form.fill({ ...NEED, category: 'energy', title, description: 'Резервне живлення для амбулаторії.' });
    await form.save();
    await states.waitForCard(title, 'waiting', 5_000);

    // The coordinator removes the official while the phone is offline; the removal also ends their sessions.
    await removeMember(server.url, sambir, official);
    await city.setOffline(false);
    await city.page.getByTestId('signin-required-banner').waitFor({ timeout: 30_000 });
    expect(await states.onCard(title)).toBe('waiting');
    await city.page.getByTestId('signin-again').click();
    await new SignInPage(city.page).signIn(official.email, official.password);

    // Signed in again, the phone pushes the queued need and the server refuses it: the indicator says
    // the server refuses access (not "unreachable"), Home counts the refused change.
    await city.page.locator('[data-testid="sync-indicator"][data-phase="denied"]').waitFor({ timeout: 30_000 });
    await city.page.locator('[data-testid="home-sync"][data-refused="1"]').waitFor({ timeout: 30_000 });
    await new BottomNav(city.page).open('needs');
    await states.waitForCard(title, 'refused');
    await needs.openNeed(title);
    await states.waitForPage('refused');
    expect(await states.onPage()).toBe('refused');
    const reason = city.page.locator('[data-testid="need-page"] [data-testid="record-state-reason"]');
    expect(await reason.getAttribute('data-code')).toBe('removed-member');
    expect((await reason.innerText()).length).toBeGreaterThan(10);
    await needs.screenshot(`${RESULTS_DIR}/record-state-refused-page.png`);
    // The way to fix it: the refused changes, where the member can copy or discard what they wrote.
    await city.page.locator('[data-testid="need-page"] [data-testid="record-state-fix"]').click();
    await city.page.getByTestId('refused-item').first().waitFor();
    expect(await city.page.getByTestId('refused-item').count()).toBe(1);
    await needs.screenshot(`${RESULTS_DIR}/record-state-refused-list.png`);
    // Nothing reached the server, and nothing was lost on the phone.
    const coordinator = new Browser(() => server.url);
    await coordinator.login(sambir.email, sambir.password);
    const onServer = await pullAll<{ title: string }>(coordinator, 'needs');
    expect(onServer.map((need) => need.title)).not.toContain(title);
  });
});
