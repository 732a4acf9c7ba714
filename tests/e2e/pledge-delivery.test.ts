/**
 * A pledge followed until it arrives (issue 10), on the real server and the built PWA, each phone
 * its own Chromium profile at 360 px:
 * - Berlin pledges generators to a need of Kyiv and marks them dispatched (carrier, plate, arrival);
 *   its delivery sheet shows the short code and the QR code;
 * - Kyiv's field volunteer, offline on site, types the short code, confirms a partial receipt with a
 *   camera photo (several MB with EXIF GPS) that the phone shrinks and strips;
 * - back online, all three phones show the same totals and status, and both cities see the photo;
 *   the bytes on the server are small and carry no EXIF;
 * - a message written offline in Berlin arrives once in Kyiv and shows as unread there;
 * - a volunteer's camera (Chromium's fake camera playing a QR code) finds the pledge;
 * - the new screens hold the 360 px quality bars. Screenshots of each step land in test-results/.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppShell } from './pages/app-shell';
import { BottomNav } from './pages/bottom-nav';
import { NeedPage } from './pages/need-page';
import { NeedsPage } from './pages/needs-page';
import { PledgeForm } from './pages/pledge-form';
import { DeliverySheet, openPath, PledgePage, ReceiveForm, ScanPage, ThreadPage } from './pages/pledge-pages';
import { SignInPage } from './pages/sign-in-page';
import { MODERATOR_ENV, verifiedMunicipality, volunteerOf, type Account } from './support/accounts';
import { screenProblems } from './support/a11y';
import { openCity, type City, type CityOptions } from './support/city';
import { reportFailure } from './support/failure-report';
import { cameraPhoto, EXIF_MARKER, qrVideo } from './support/media-fixtures';
import { startSyncServer, type RunningSyncServer } from './support/sync-server';

const RESULTS_DIR = 'test-results';
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const NEED_TITLE = 'Генератори для лікарні №3';

describe('a pledge followed until it arrives', () => {
  let server: RunningSyncServer;
  let kyiv: Account;
  let berlin: Account;
  let volunteer: Account;
  const cities: Record<string, City | undefined> = {};
  let pledgeId = '';
  let shortCode = '';
  const measured: Record<string, number | string> = {};

  beforeAll(async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    server = await startSyncServer(MODERATOR_ENV);
    kyiv = await verifiedMunicipality(server.url, { nameUk: 'Київ', nameLatin: 'Kyiv', country: 'UA', adm1: 'UA80', location: { lat: 50.45, lon: 30.52 } });
    berlin = await verifiedMunicipality(server.url, { nameUk: 'Берлін', nameLatin: 'Berlin', country: 'DE', adm1: 'DE-BE', location: { lat: 52.52, lon: 13.4 } });
    volunteer = await volunteerOf(server.url, kyiv);
  }, 120_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await reportFailure(task.name, cities, server);
  });

  afterAll(async () => {
    await writeFile(path.join(RESULTS_DIR, 'pledge-delivery-measurements.json'), `${JSON.stringify(measured, null, 2)}\n`);
    for (const city of Object.values(cities)) await city?.close();
    await server?.stop();
  });

  async function signedIn(name: string, account: Account, options: CityOptions = {}): Promise<City> {
    const city = await openCity(server.url, options);
    cities[name] = city;
    await new SignInPage(city.page).signIn(account.email, account.password);
    await city.page.getByTestId('bottom-nav').waitFor();
    return city;
  }

  it('pledge → dispatch → an offline volunteer confirms a partial receipt with a photo → both cities agree', async () => {
    // Kyiv posts the need.
    const ua = await signedIn('kyiv', kyiv, { locale: 'uk-UA' });
    const uaNeeds = new NeedsPage(ua.page);
    await new BottomNav(ua.page).open('needs');
    await uaNeeds.waitUntilShown();
    const needForm = await uaNeeds.openNewNeedForm();
    await needForm.fill({
      category: 'energy',
      title: NEED_TITLE,
      description: 'Резервне живлення для операційних.',
      language: 'uk',
      quantity: 4,
      unit: 'pieces',
      urgency: 'critical',
      neededBy: day(14),
      settlement: 'Київ',
      pcode: 'UA80',
      status: 'open',
    });
    await needForm.save();
    await new AppShell(ua.page).waitForPending(0);

    // Berlin pledges 4 and dispatches them.
    const de = await signedIn('berlin', berlin, { locale: 'de-DE' });
    const deNeeds = new NeedsPage(de.page);
    await new BottomNav(de.page).open('needs');
    await deNeeds.waitForNeed(NEED_TITLE);
    await deNeeds.openNeed(NEED_TITLE);
    await new NeedPage(de.page).waitUntilShown();
    await de.page.getByTestId('need-pledge-button').click();
    const pledgeForm = new PledgeForm(de.page);
    await pledgeForm.waitUntilShown();
    await pledgeForm.fill({ quantity: 4, dispatchOn: day(2), note: 'Über Przemyśl.' });
    await pledgeForm.submit();

    await openPath(de.page, '/pledges?side=by-us');
    const dePledge = new PledgePage(de.page);
    pledgeId = await dePledge.openFirstFromList();
    expect(await dePledge.status()).toBe('pledged');
    await dePledge.dispatch({ quantity: 4, carrier: 'THW Ortsverband Berlin', plate: 'B-TH 1234', arrival: day(4), note: 'Zwei Paletten.' });
    await de.page.screenshot({ path: `${RESULTS_DIR}/delivery-1-dispatched-de.png`, fullPage: true });
    await new AppShell(de.page).waitForPending(0);

    await dePledge.openSheet();
    const sheet = new DeliverySheet(de.page);
    shortCode = await sheet.shortCode();
    expect(shortCode).toMatch(/^[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$/);
    expect(await sheet.qrLink()).toBe(`${server.url}/p/${shortCode.replace("-", "")}`);
    await de.page.screenshot({ path: `${RESULTS_DIR}/delivery-2-sheet-de.png`, fullPage: true });
    await de.page.emulateMedia({ media: 'print' });
    await de.page.screenshot({ path: `${RESULTS_DIR}/delivery-2-sheet-print.png`, fullPage: true });
    await de.page.emulateMedia({ media: 'screen' });

    // Kyiv's volunteer, on site without network, types the code and confirms 3 of 4 with a photo.
    const field = await signedIn('volunteer', volunteer, { locale: 'uk-UA' });
    await field.waitForServiceWorkerControl();
    await field.page.getByTestId('delivery-card').first().waitFor({ timeout: 30_000 });
    await field.page.screenshot({ path: `${RESULTS_DIR}/delivery-3-volunteer-deliveries-uk.png`, fullPage: true });
    await field.setOffline(true);
    const scan = new ScanPage(field.page);
    await scan.open();
    await scan.typeCode(` ${shortCode.toLowerCase().replace('-', ' ')} `);
    await field.page.screenshot({ path: `${RESULTS_DIR}/delivery-4-code-found-uk.png`, fullPage: true });
    await scan.confirmArrival();
    const receive = new ReceiveForm(field.page);
    await receive.fill({ quantity: 3, note: 'Один генератор пошкоджений, повернемо.' });
    const photo = await cameraPhoto(field.page);
    const sizeLine = await receive.addPhoto({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: photo });
    measured.photoOriginalBytes = photo.length;
    measured.photoSizeLine = sizeLine;
    await field.page.screenshot({ path: `${RESULTS_DIR}/delivery-5-receipt-offline-uk.png`, fullPage: true });
    await receive.save();
    const fieldPledge = new PledgePage(field.page);
    await fieldPledge.waitForStatus('partly-received');
    expect(await new AppShell(field.page).pending()).toBeGreaterThan(0);

    // Back online: the receipt and the photo travel; both cities agree.
    const onlineAt = Date.now();
    await field.setOffline(false);
    await new AppShell(field.page).waitForPending(0);
    for (const city of [ua, de]) {
      const page = new PledgePage(city.page);
      await page.open(pledgeId);
      await page.waitForStatus('partly-received');
      expect(await page.quantities()).toEqual({ pledged: 4, dispatched: 4, received: 3 });
      await city.page.locator('[data-testid="photo-thumb"] img').first().waitFor({ timeout: 60_000 });
    }
    measured.photoSyncedToBothCitiesMs = Date.now() - onlineAt;
    await ua.page.screenshot({ path: `${RESULTS_DIR}/delivery-6-received-kyiv-uk.png`, fullPage: true });
    await de.page.screenshot({ path: `${RESULTS_DIR}/delivery-6-received-berlin-de.png`, fullPage: true });

    // The bytes on the server: small, resized, without EXIF.
    const photoId = await de.page.getByTestId('photo-thumb').first().getAttribute('data-photo-id');
    const stored = await de.page.evaluate(async (id) => {
      const response = await fetch(`/api/photos/${encodeURIComponent(id ?? '')}`, { credentials: 'same-origin' });
      const bytes = new Uint8Array(await response.arrayBuffer());
      const bitmap = await createImageBitmap(new Blob([bytes]));
      return { status: response.status, size: bytes.length, text: new TextDecoder('latin1').decode(bytes), width: bitmap.width, height: bitmap.height };
    }, photoId);
    expect(stored.status).toBe(200);
    expect(stored.size).toBeLessThanOrEqual(300 * 1024);
    expect(Math.max(stored.width, stored.height)).toBeLessThanOrEqual(1600);
    expect(stored.text).not.toContain('Exif');
    expect(stored.text).not.toContain(EXIF_MARKER);
    measured.photoStoredBytes = stored.size;
    measured.photoStoredSize = `${stored.width}×${stored.height}`;
  }, 300_000);

  it('a message written offline arrives once and shows as unread on the other phone', async () => {
    const [de, ua] = [cities.berlin!, cities.kyiv!];
    const body = `Die zweite Lieferung kommt am ${day(6)}.`;
    await new PledgePage(de.page).open(pledgeId);
    await de.setOffline(true);
    await new PledgePage(de.page).openThread();
    const thread = new ThreadPage(de.page);
    await thread.send(body);
    await thread.waitForState(body, 'waiting');
    await de.page.screenshot({ path: `${RESULTS_DIR}/delivery-7-message-offline-de.png`, fullPage: true });
    await de.setOffline(false);
    await thread.waitForState(body, 'sent');

    await ua.page.locator('[data-testid="nav-messages-badge"][data-count="1"]').waitFor({ timeout: 30_000 });
    await ua.page.screenshot({ path: `${RESULTS_DIR}/delivery-8-unread-kyiv-uk.png`, fullPage: true });
    await ua.page.getByTestId('nav-messages').click();
    await ua.page.getByTestId('thread-row').first().click();
    const uaThread = new ThreadPage(ua.page);
    await ua.page.getByTestId('message-body').first().waitFor();
    expect(await uaThread.messages()).toEqual([body]);
    await ua.page.locator('[data-testid="nav-messages-badge"]').waitFor({ state: 'detached' });
  }, 120_000);

  it("a volunteer's camera reads the delivery sheet's QR code", async () => {
    const video = path.resolve(RESULTS_DIR, 'delivery-qr.y4m');
    await qrVideo(video, `${server.url}/p/${shortCode}`);
    const field = await signedIn('camera', volunteer, {
      locale: 'uk-UA',
      extraArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
    await field.context.grantPermissions(['camera'], { origin: server.url });
    const scan = new ScanPage(field.page);
    await scan.open();
    await scan.startCamera();
    await scan.waitForResult();
    await field.page.screenshot({ path: `${RESULTS_DIR}/delivery-9-camera-found-uk.png`, fullPage: true });
  }, 120_000);

  it('the new screens hold the 360 px quality bars', async () => {
    const de = cities.berlin!;
    const ua = cities.kyiv!;
    const screens: [City, string, string, string][] = [
      [de, 'pledges', '/pledges?side=by-us', 'pledge-card'],
      [de, 'pledge', `/pledges/${encodeURIComponent(pledgeId)}`, 'pledge-page'],
      [de, 'sheet', `/pledges/${encodeURIComponent(pledgeId)}/sheet`, 'sheet-code'],
      [ua, 'receive', `/pledges/${encodeURIComponent(pledgeId)}/receive`, 'receive-quantity'],
      [ua, 'scan', '/scan', 'scan-code-input'],
      [ua, 'messages', '/messages', 'thread-row'],
      [ua, 'notifications', '/notifications', 'notifications-list'],
      [cities.volunteer!, 'deliveries', '/deliveries', 'delivery-card'],
    ];
    const found: Record<string, unknown> = {};
    for (const [city, name, url, testId] of screens) {
      await openPath(city.page, url);
      await city.page.getByTestId(testId).first().waitFor();
      await city.page.screenshot({ path: `${RESULTS_DIR}/screen-${name}.png`, fullPage: true });
      const problems = await screenProblems(city.page);
      if (problems.axe.length > 0 || problems.horizontalScroll || problems.smallTargets.length > 0) found[name] = problems;
    }
    expect(found).toEqual({});
  }, 180_000);
});
