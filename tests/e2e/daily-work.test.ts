/**
 * The daily work end to end (issue 9), on the real server and the built PWA, each phone its own
 * Chromium profile at 360 px:
 * - a Ukrainian official posts an urgent need offline; it syncs when the network is back;
 * - a German coordinator posts an offer, finds the need by a Latin search word and through
 *   Matches, opens its page and pledges from the match (the form prefilled from the pair);
 * - the Ukrainian phone shows the pledged total on the need's page;
 * - the German exports the filtered list: the CSV has the HXL row and the Cyrillic title;
 * - every main screen, in Ukrainian and in English, has no serious or critical axe-core
 *   violation, no horizontal scrolling and 44 px tap targets; a screenshot of each lands in
 *   test-results/.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UiLanguage } from '../../domain/constants';
import { AppShell } from './pages/app-shell';
import { BottomNav } from './pages/bottom-nav';
import { MatchesPage } from './pages/matches-page';
import { NeedPage } from './pages/need-page';
import type { NeedFields } from './pages/need-form';
import { NeedsPage } from './pages/needs-page';
import { OfferForm } from './pages/offer-form';
import { PledgeForm } from './pages/pledge-form';
import { SignInPage } from './pages/sign-in-page';
import { MODERATOR_ENV, verifiedMunicipality, type Account } from './support/accounts';
import { screenProblems } from './support/a11y';
import { openCity, type City } from './support/city';
import { reportFailure } from './support/failure-report';
import { startSyncServer, type RunningSyncServer } from './support/sync-server';

const RESULTS_DIR = 'test-results';
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

const NEED: Omit<NeedFields, 'status'> = {
  category: 'energy',
  title: 'Дизельні генератори 60 кВт',
  description: 'Для водоканалу: насоси зупиняються під час відключень.',
  language: 'uk',
  quantity: 4,
  unit: 'pieces',
  urgency: 'critical',
  neededBy: day(10),
  settlement: 'Харків',
  pcode: 'UA63',
};

describe('a partner city finds a need and pledges', () => {
  let server: RunningSyncServer;
  let kharkiv: Account;
  let nuremberg: Account;
  const cities: Record<string, City | undefined> = {};

  beforeAll(async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    server = await startSyncServer(MODERATOR_ENV);
    kharkiv = await verifiedMunicipality(server.url, { nameUk: 'Харків', nameLatin: 'Kharkiv', country: 'UA', adm1: 'UA63', location: { lat: 49.99, lon: 36.23 } });
    nuremberg = await verifiedMunicipality(server.url, { nameUk: 'Нюрнберг', nameLatin: 'Nürnberg', country: 'DE', adm1: 'DE-BY', location: { lat: 49.45, lon: 11.08 } });
  }, 120_000);

  // The phones stay open across the tests: the export and the screen checks go on from the pledge.
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await reportFailure(task.name, cities, server);
  });

  afterAll(async () => {
    for (const city of Object.values(cities)) await city?.close();
    await server?.stop();
  });

  async function signedIn(name: string, account: Account, locale: string): Promise<City> {
    const city = await openCity(server.url, { locale });
    cities[name] = city;
    await new SignInPage(city.page).signIn(account.email, account.password);
    await city.page.getByTestId('home-screen').waitFor();
    return city;
  }

  let needId = '';

  it('an urgent need posted offline is found by search and Matches, pledged, and the pledge reaches its city', async () => {
    const ua = await signedIn('kharkiv', kharkiv, 'uk-UA');
    await ua.waitForServiceWorkerControl();
    await ua.page.getByTestId('home-screen').waitFor();
    const uaShell = new AppShell(ua.page);
    const uaNeeds = new NeedsPage(ua.page);

    await ua.setOffline(true);
    await new BottomNav(ua.page).open('needs');
    await uaNeeds.waitUntilShown();
    const form = await uaNeeds.openNewNeedForm();
    await form.fill(NEED);
    await form.save();
    await uaNeeds.waitForNeed(NEED.title);
    await uaShell.waitForPending(1);
    await ua.page.screenshot({ path: `${RESULTS_DIR}/daily-work-1-offline-need-uk.png`, fullPage: true });
    await ua.setOffline(false);
    await uaShell.waitForPending(0);

    const de = await signedIn('nuremberg', nuremberg, 'de-DE');
    const nav = new BottomNav(de.page);
    await nav.open('offers');
    await de.page.getByTestId('new-offer-button').click();
    const offerForm = new OfferForm(de.page);
    await offerForm.fill(
      { category: 'energy', title: 'Stromgeneratoren 60 kW', description: 'Vier Dieselgeneratoren aus dem Katastrophenschutz.', language: 'de', quantity: 4, unit: 'pieces', availableUntil: day(60) },
      ['to-border'],
    );
    await offerForm.save();

    // Found by a Latin word although the title is Cyrillic.
    await nav.open('needs');
    const deNeeds = new NeedsPage(de.page);
    await deNeeds.waitUntilShown();
    await deNeeds.search('generator');
    await deNeeds.waitForNeed(NEED.title);
    expect(await deNeeds.titles()).toEqual([NEED.title]);
    await de.page.screenshot({ path: `${RESULTS_DIR}/daily-work-2-search-de.png`, fullPage: true });
    await deNeeds.openNeed(NEED.title);
    const needPage = new NeedPage(de.page);
    await needPage.waitUntilShown();
    needId = decodeURIComponent(new URL(de.page.url()).pathname.split('/')[2]!);
    expect(await needPage.canPledge()).toBe(true);

    // And through Matches: the need is suggested for the offer; the pledge form comes prefilled.
    await nav.open('matches');
    const matches = new MatchesPage(de.page);
    await matches.waitUntilShown();
    await matches.waitForSuggestion(needId);
    await de.page.screenshot({ path: `${RESULTS_DIR}/daily-work-3-matches-de.png`, fullPage: true });
    await matches.pledge(needId);
    const pledge = new PledgeForm(de.page);
    await pledge.waitUntilShown();
    expect(await pledge.quantity()).toBe(4);
    await pledge.fill({ quantity: 3, dispatchOn: day(5), note: 'Lieferung über Przemyśl.' });
    await pledge.submit();
    await needPage.waitUntilShown();
    await needPage.waitForPledged(3);

    // The Ukrainian phone shows the pledged total on the need's page.
    await new BottomNav(ua.page).open('needs');
    await uaNeeds.waitUntilShown();
    await uaNeeds.openNeed(NEED.title);
    const uaNeedPage = new NeedPage(ua.page);
    await uaNeedPage.waitUntilShown();
    await uaNeedPage.waitForPledged(3);
    expect(await uaNeedPage.canPledge()).toBe(false);
    await ua.page.screenshot({ path: `${RESULTS_DIR}/daily-work-4-pledged-uk.png`, fullPage: true });
  }, 180_000);

  it('exports the filtered list as CSV with the HXL row and the Cyrillic title', async () => {
    const de = cities.nuremberg!;
    await new BottomNav(de.page).open('needs');
    const needs = new NeedsPage(de.page);
    await needs.waitUntilShown();
    await needs.search('generator');
    await needs.waitForNeed(NEED.title);
    const file = await needs.exportCsv();
    const text = await readFile(file, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = text.slice(1).split(/\r?\n/).filter((row) => row !== '');
    expect(rows[1]).toMatch(/^#/);
    expect(rows[1]).toContain('#sector');
    expect(rows[1]).toContain('#adm1+code');
    expect(rows).toHaveLength(3);
    expect(rows[2]).toContain(NEED.title);
    expect(rows[2]).toContain('UA63');
  }, 60_000);

  it.each<UiLanguage>(['en', 'uk'])('every main screen in %s: accessible, no horizontal scrolling, 44 px targets', async (language) => {
    const de = cities.nuremberg!;
    await new AppShell(de.page).chooseLanguage(language);
    const screens: [string, string, string][] = [
      ['home', '/', 'home-screen'],
      ['needs', '/needs', 'needs-list'],
      ['need', `/needs/${encodeURIComponent(needId)}`, 'need-page'],
      ['pledge', `/needs/${encodeURIComponent(needId)}/pledge`, 'pledge-form'],
      ['offers', '/offers', 'offers-list'],
      ['new-offer', '/offers/new', 'offer-form'],
      ['matches', '/matches', 'matches-screen'],
      ['municipalities', '/municipalities', 'municipalities-list'],
      ['municipality', `/municipalities/${encodeURIComponent(kharkiv.profile.municipality!.id)}`, 'municipality-profile'],
      ['more', '/more', 'nav-settings'],
    ];
    const found: Record<string, unknown> = {};
    for (const [name, path, testId] of screens) {
      // A navigation inside the app (wouter follows pushState), as a tap on a link would do.
      await de.page.evaluate((url) => window.history.pushState(null, '', url), path);
      await de.page.getByTestId(testId).first().waitFor();
      await de.page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
      await de.page.screenshot({ path: `${RESULTS_DIR}/screen-${name}-${language}.png`, fullPage: true });
      const problems = await screenProblems(de.page);
      if (problems.axe.length > 0 || problems.horizontalScroll || problems.smallTargets.length > 0) found[name] = problems;
    }
    expect(found).toEqual({});
  }, 180_000);
});
