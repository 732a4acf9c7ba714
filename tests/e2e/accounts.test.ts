/**
 * Accounts end to end (issue 4), on the real server and the built PWA, each phone its own Chromium
 * profile:
 * - a municipality registers in the app; its need stays invisible to a verified partner city until
 *   a moderator verifies it in the app, then reaches the partner by itself;
 * - signing out with changes the server does not have warns, offers a file and a sync first, and
 *   keeps them until the member decides; afterwards the phone holds nothing of the member;
 * - a session revoked while the phone was offline: the app asks to sign in again and then pushes
 *   the queued write, nothing lost.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../integration/support/browser';
import { AccountPage } from './pages/account-page';
import { AppShell } from './pages/app-shell';
import { ModerationPage } from './pages/moderation-page';
import type { NeedFields } from './pages/need-form';
import { NeedsPage } from './pages/needs-page';
import { RegisterPage } from './pages/register-page';
import { SignInPage } from './pages/sign-in-page';
import { MODERATOR, MODERATOR_ENV, PASSWORD, verifiedMunicipality, type Account } from './support/accounts';
import { openCity, type City } from './support/city';
import { reportFailure } from './support/failure-report';
import { startSyncServer, type RunningSyncServer } from './support/sync-server';

const RESULTS_DIR = 'test-results';

function need(title: string): Omit<NeedFields, 'status'> {
  return {
    category: 'heating',
    title,
    description: 'Для пункту незламності в будівлі школи.',
    language: 'uk',
    quantity: 3,
    unit: 'pieces',
    urgency: 'high',
    neededBy: '2030-02-15',
    settlement: 'Бориспіль',
    pcode: 'UA32',
  };
}

/** The names of this origin's IndexedDB databases (RxDB's Dexie storage names them after the database). */
function databaseNames(city: City): Promise<string[]> {
  return city.page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? ''));
}

describe('accounts in the app', () => {
  let server: RunningSyncServer;
  let partner: Account;
  const cities: Record<string, City | undefined> = {};

  beforeAll(async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    server = await startSyncServer(MODERATOR_ENV);
    partner = await verifiedMunicipality(server.url, {
      nameUk: 'Гданськ',
      nameLatin: 'Gdańsk',
      country: 'PL',
      adm1: 'PL-22',
      location: { lat: 54.35, lon: 18.65 },
    });
  });

  afterEach(async ({ task }) => {
    // Reported here, before the phones close (onTestFailed would run after this hook).
    if (task.result?.state === 'fail') await reportFailure(task.name, cities, server);
    for (const [name, city] of Object.entries(cities)) {
      await city?.close();
      delete cities[name];
    }
  });

  afterAll(async () => {
    await server?.stop();
  });

  /** A verified municipality's member signed in on a phone of their own, online, the list shown, ready to go offline. */
  async function signedInPhone(municipality: { nameUk: string; nameLatin: string }) {
    const member = await verifiedMunicipality(server.url, { ...municipality, country: 'UA', adm1: 'UA32' });
    const phone = await openCity(server.url);
    cities.phone = phone;
    await new SignInPage(phone.page).signIn(member.email, member.password);
    const needs = new NeedsPage(phone.page);
    const shell = new AppShell(phone.page);
    await needs.waitUntilShown();
    await shell.waitForOnline(true);
    // Screens load on demand: offline, they come from the service worker's precache once it controls the page.
    await phone.waitForServiceWorkerControl();
    await needs.waitUntilShown();
    return { member, phone, needs, shell };
  }

  /** Cuts the phone's network and posts an open need; resolves once it waits to be synced. */
  async function postNeedOffline(phone: City, needs: NeedsPage, shell: AppShell, title: string, settlement: string): Promise<void> {
    await phone.setOffline(true);
    await shell.waitForOnline(false);
    const form = await needs.openNewNeedForm();
    await form.fill({ ...need(title), settlement, status: 'open' });
    await form.save();
    await needs.waitForNeed(title, 5_000);
    await shell.waitForPending(1);
  }

  it('register → the need stays hidden → a moderator verifies in the app → the partner city sees it', async () => {
    const [applicant, partnerCity, moderator] = await Promise.all([openCity(server.url), openCity(server.url, { locale: 'pl-PL' }), openCity(server.url, { locale: 'en-GB' })]);
    Object.assign(cities, { applicant, partner: partnerCity, moderator });
    await new SignInPage(partnerCity.page).signIn(partner.email, partner.password);
    await new SignInPage(moderator.page).signIn(MODERATOR.email, MODERATOR.password);

    const signIn = new SignInPage(applicant.page);
    await signIn.waitUntilShown();
    await signIn.openRegistration();
    await new RegisterPage(applicant.page).register({
      nameUk: 'Бориспіль',
      nameLatin: 'Boryspil',
      oblast: 'UA32',
      displayName: 'Ірина Мельник',
      email: 'iryna@boryspil.example',
      password: PASSWORD,
    });
    await applicant.page.locator('[data-testid="verification-banner"][data-status="pending"]').waitFor();

    const needsApplicant = new NeedsPage(applicant.page);
    const shellApplicant = new AppShell(applicant.page);
    const title = 'Твердопаливні котли для шкіл';
    const form = await needsApplicant.openNewNeedForm();
    await form.fill({ ...need(title), status: 'open' });
    await form.save();
    await needsApplicant.waitForNeed(title, 5_000);
    await shellApplicant.waitForPending(0);
    await applicant.page.screenshot({ path: `${RESULTS_DIR}/pending-municipality.png`, fullPage: true });

    // The server has the need; the partner's phone is live on the stream and still does not get it.
    const needsPartner = new NeedsPage(partnerCity.page);
    await needsPartner.waitUntilShown();
    await new AppShell(partnerCity.page).waitForOnline(true);
    await partnerCity.reload();
    await needsPartner.waitUntilShown();
    await new AppShell(partnerCity.page).waitForOnline(true);
    expect(await needsPartner.titles()).not.toContain(title);

    const moderation = new ModerationPage(moderator.page);
    await moderation.open();
    const municipalityId = await applicant.page.evaluate(() => {
      const stored = JSON.parse(localStorage.getItem('c4c-session') ?? '{}') as { state?: { profile?: { actor?: { municipalityId?: string } } } };
      return stored.state?.profile?.actor?.municipalityId ?? '';
    });
    await moderation.waitForMunicipality(municipalityId);
    expect(await moderation.pendingText(municipalityId)).toContain('Boryspil');
    expect(await moderation.pendingText(municipalityId)).toContain('iryna@boryspil.example');
    await moderator.page.screenshot({ path: `${RESULTS_DIR}/moderation.png`, fullPage: true });
    await moderation.verifyMunicipality(municipalityId);

    await needsPartner.waitForNeed(title);
    expect(await needsPartner.canEdit(title)).toBe(false);
    await applicant.page.locator('[data-testid="verification-banner"]').waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('sign-out with unsynced changes warns, keeps them until the member decides, then leaves nothing on the phone', async () => {
    const { member, phone, needs, shell } = await signedInPhone({ nameUk: 'Ірпінь', nameLatin: 'Irpin' });
    const memberDatabases = async () => (await databaseNames(phone)).filter((name) => name.includes(member.profile.member.id.replace(/-/g, '')));
    expect(await memberDatabases()).not.toEqual([]);

    const title = 'Генератор для водоканалу';
    await postNeedOffline(phone, needs, shell, title, 'Ірпінь');

    const account = new AccountPage(phone.page);
    await account.open();
    expect(await account.startSignOut()).toBe(1);
    await phone.page.screenshot({ path: `${RESULTS_DIR}/sign-out-warning.png` });
    const download = await account.saveToFile();
    const saved = JSON.parse(await readFile((await download.path()) ?? '', 'utf8')) as { changes: { document: { title?: string } }[] };
    expect(saved.changes.map((change) => change.document.title)).toEqual([title]);
    await account.cancelSignOut();
    await shell.waitForPending(1);

    // Sending them first needs the network: offline the dialog says it failed and keeps warning.
    expect(await account.startSignOut()).toBe(1);
    await account.syncFirst();
    await phone.page.locator('[data-testid="sign-out-sync-result"][data-result="failed"]').waitFor();
    expect(await account.startSignOutCount()).toBe(1);
    // Back online the change goes out, and the dialog, still open, stops warning.
    await phone.setOffline(false);
    await account.waitForUnsynced(0);
    await account.confirmSignOut();
    // The sign-in screen shows at once; the deletion finishes behind it.
    await expect.poll(memberDatabases, { timeout: 10_000 }).toEqual([]);
    expect(await phone.page.evaluate(() => localStorage.getItem('c4c-session') ?? '')).not.toContain(member.email);

    // Whoever signs in next on this phone starts from the server: the need is there because it synced.
    await new SignInPage(phone.page).signIn(member.email, member.password);
    await needs.waitForNeed(title);
  });

  it('asks to sign in again when the session ended offline, then pushes the queued write', async () => {
    const { member, phone, needs, shell } = await signedInPhone({ nameUk: 'Буча', nameLatin: 'Bucha' });
    const title = 'Намети для пункту обігріву';
    await postNeedOffline(phone, needs, shell, title, 'Буча');

    // Meanwhile on another device the member changes the password, which ends every other session.
    const laptop = new Browser(() => server.url);
    expect((await laptop.login(member.email, member.password)).status).toBe(200);
    const newPassword = 'a brand new passphrase';
    expect((await laptop.request('POST', '/api/auth/password', { currentPassword: member.password, newPassword })).status).toBe(200);

    await phone.setOffline(false);
    await phone.page.getByTestId('signin-required-banner').waitFor({ timeout: 30_000 });
    expect(await shell.pending()).toBe(1);
    await phone.page.getByTestId('signin-again').click();
    await new SignInPage(phone.page).signIn(member.email, newPassword);
    await shell.waitForPending(0);
    await phone.page.getByTestId('signin-required-banner').waitFor({ state: 'detached' });

    const partnerPhone = await openCity(server.url, { locale: 'pl-PL' });
    cities.partner = partnerPhone;
    await new SignInPage(partnerPhone.page).signIn(partner.email, partner.password);
    await new NeedsPage(partnerPhone.page).waitForNeed(title);
  });
});
