/**
 * Storage that survives (issue 11), in Chromium with a persistent profile: persistence is asked
 * after the first write and shown with the usage; the browser deleting the IndexedDB data while
 * the member stays signed in is detected, said, and the data comes back from the server; an export
 * of all local data imported on a fresh profile holds the same documents.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppShell } from './pages/app-shell';
import { NeedsPage } from './pages/needs-page';
import { SettingsPage } from './pages/settings-page';
import { SignInPage } from './pages/sign-in-page';
import { MODERATOR_ENV, verifiedMunicipality, type Account } from './support/accounts';
import { openCity, type City } from './support/city';
import { reportFailure } from './support/failure-report';
import { startSyncServer, type RunningSyncServer } from './support/sync-server';

const RESULTS_DIR = 'test-results';

const NEED = {
  category: 'water',
  title: 'Цистерни для питної води',
  description: 'Дві цистерни по 5 000 л для підвозу води.',
  language: 'uk',
  quantity: 2,
  unit: 'pieces',
  urgency: 'high',
  neededBy: '2030-03-31',
  settlement: 'Самбір',
  pcode: 'UA46',
} as const;

/**
 * Lets the profile keep its storage when space runs low (headless Chromium refuses otherwise). The
 * grant lasts as long as the CDP session that made it: the session stays attached until the end.
 */
async function grantDurableStorage(city: City, origin: string): Promise<void> {
  const session = await city.context.newCDPSession(city.page);
  await session.send('Browser.grantPermissions', { origin, permissions: ['durableStorage'] });
}

describe('storage that survives', () => {
  let server: RunningSyncServer;
  let account: Account;
  let phone: City;
  let fresh: City | undefined;
  let exported = '';

  beforeAll(async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    server = await startSyncServer(MODERATOR_ENV);
    account = await verifiedMunicipality(server.url, { nameUk: 'Самбір', nameLatin: 'Sambir', country: 'UA', adm1: 'UA46' });
    phone = await openCity(server.url);
    await grantDurableStorage(phone, new URL(server.url).origin);
    await new SignInPage(phone.page).signIn(account.email, account.password);
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(() => reportFailure(task.name, { phone, ...(fresh ? { fresh } : {}) }, server));
  });

  afterAll(async () => {
    await Promise.all([phone?.close(), fresh?.close()]);
    await server?.stop();
  });

  it('asks for persistent storage after the first write and shows it with the space used', async () => {
    const needs = new NeedsPage(phone.page);
    await needs.waitUntilShown();
    const form = await needs.openNewNeedForm();
    await form.fill(NEED);
    await form.save();
    await needs.waitForNeed(NEED.title);
    await new AppShell(phone.page).waitForPending(0);

    const settings = new SettingsPage(phone.page);
    await settings.open(server.url);
    // Asked after the first write and granted (durableStorage, above): the screen says so.
    expect(await phone.page.evaluate(() => navigator.storage.persisted())).toBe(true);
    expect(await settings.persisted()).toBe(true);
    const { usage, quota, text } = await settings.usage();
    expect(usage).toBeGreaterThan(0);
    expect(quota).toBeGreaterThan(usage);
    expect(text.length).toBeGreaterThan(0);
    await settings.screenshot(`${RESULTS_DIR}/storage-settings.png`);
  });

  it('exports all local data to a file', async () => {
    const download = await new SettingsPage(phone.page).exportAll();
    const path = `${RESULTS_DIR}/storage-export.json`;
    await download.saveAs(path);
    exported = path;
    const body = JSON.parse(await readFile(path, 'utf8')) as { format: string; version: number; changes: { collection: string; document: { title?: string } }[] };
    expect(body).toMatchObject({ format: 'c4c-changes', version: 1 });
    expect(body.changes.some((change) => change.collection === 'needs' && change.document.title === NEED.title)).toBe(true);
  });

  it('notices that the browser deleted the data, says so, and downloads it again', async () => {
    const memberId = account.profile.member.id;
    // The marker outside IndexedDB is written after a sync (at most every 2 s): wait until it counts
    // the need, or a wipe just after an earlier marker (no needs yet) would rightly go unnoticed.
    await phone.page.waitForFunction(
      (id) => {
        const marker = JSON.parse(localStorage.getItem(`c4c-synced-${id}`) ?? 'null') as { counts?: { needs?: number } } | null;
        return (marker?.counts?.needs ?? 0) > 0;
      },
      memberId,
      { timeout: 15_000 },
    );
    // Off the app (no open database), the way the browser evicts a site's IndexedDB: localStorage stays.
    await phone.page.goto(`${server.url}/healthz`);
    const deleted = await phone.page.evaluate(async () => {
      const names = (await indexedDB.databases()).flatMap((info) => (info.name ? [info.name] : []));
      await Promise.all(
        names.map(
          (name) =>
            new Promise<void>((resolve, reject) => {
              const request = indexedDB.deleteDatabase(name);
              request.onsuccess = () => resolve();
              request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
            }),
        ),
      );
      return names.length;
    });
    expect(deleted).toBeGreaterThan(0);

    const settings = new SettingsPage(phone.page);
    await settings.open(server.url);
    expect(['downloading', 'restored']).toContain(await settings.waitForWipeBanner());
    await settings.screenshot(`${RESULTS_DIR}/storage-wipe-banner.png`);
    await phone.page.getByTestId('wipe-banner').and(phone.page.locator('[data-phase="restored"]')).waitFor({ timeout: 30_000 });
    const needs = new NeedsPage(phone.page);
    await needs.waitForNeed(NEED.title);
    await needs.screenshot(`${RESULTS_DIR}/storage-wipe-restored.png`);
  });

  it('imports the exported file on a fresh profile with the same documents', async () => {
    expect(exported).not.toBe('');
    fresh = await openCity(server.url);
    await new SignInPage(fresh.page).signIn(account.email, account.password);
    const settings = new SettingsPage(fresh.page);
    await settings.open(server.url);
    const body = JSON.parse(await readFile(exported, 'utf8')) as { changes: unknown[] };
    const { written, unchanged } = await settings.importFile(exported);
    expect(written + unchanged).toBe(body.changes.length);
    await settings.screenshot(`${RESULTS_DIR}/storage-import.png`);
    const needs = new NeedsPage(fresh.page);
    await needs.waitForNeed(NEED.title);
    expect(await needs.itemText(NEED.title)).toBe(await (async () => {
      const original = new NeedsPage(phone.page);
      await original.waitUntilShown();
      return original.itemText(NEED.title);
    })());
  });
});
