/**
 * The interface speaks the browser's language (Ukrainian on a Ukrainian phone, English on an English
 * one) and switches when the user picks another; the choice outlives a reload.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import enAccount from '../../locales/en/account.json';
import enNeeds from '../../locales/en/needs.json';
import ukAccount from '../../locales/uk/account.json';
import ukNeeds from '../../locales/uk/needs.json';
import { AppShell } from './pages/app-shell';
import { NeedsPage } from './pages/needs-page';
import { SignInPage } from './pages/sign-in-page';
import { MODERATOR_ENV, verifiedMunicipality, type Account } from './support/accounts';
import { openCity, type City } from './support/city';
import { reportFailure } from './support/failure-report';
import { startSyncServer, type RunningSyncServer } from './support/sync-server';

describe('interface language', () => {
  let server: RunningSyncServer;
  let city: City | undefined;
  let zhytomyr: Account;

  beforeAll(async () => {
    server = await startSyncServer(MODERATOR_ENV);
    zhytomyr = await verifiedMunicipality(server.url, { nameUk: 'Житомир', nameLatin: 'Zhytomyr', country: 'UA', adm1: 'UA18' });
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(() => reportFailure(task.name, { phone: city }, server));
  });

  afterEach(async () => {
    await city?.close();
    city = undefined;
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('is Ukrainian on a Ukrainian phone and switches to English on request', async () => {
    city = await openCity(server.url, { locale: 'uk-UA' });
    const signIn = new SignInPage(city.page);
    const shell = new AppShell(city.page);
    const needs = new NeedsPage(city.page);

    await signIn.waitUntilShown();
    expect(await shell.documentLanguage()).toBe('uk');
    expect(await signIn.submitLabel()).toBe(ukAccount.signIn.submit);
    await signIn.signIn(zhytomyr.email, zhytomyr.password);
    await needs.waitUntilShown();
    expect(await needs.newNeedLabel()).toBe(ukNeeds.list.new);
    expect(await shell.language()).toBe('uk');

    await shell.chooseLanguage('en');
    expect(await needs.newNeedLabel()).toBe(enNeeds.list.new);

    await city.reload();
    await needs.waitUntilShown();
    expect(await shell.documentLanguage()).toBe('en');
    expect(await needs.newNeedLabel()).toBe(enNeeds.list.new);
  });

  it('is English on an English phone', async () => {
    city = await openCity(server.url, { locale: 'en-GB' });
    const signIn = new SignInPage(city.page);
    const shell = new AppShell(city.page);

    await signIn.waitUntilShown();
    expect(await shell.documentLanguage()).toBe('en');
    expect(await signIn.submitLabel()).toBe(enAccount.signIn.submit);
  });
});
