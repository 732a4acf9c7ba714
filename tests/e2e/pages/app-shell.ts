import type { Page } from 'playwright-core';
import type { UiLanguage } from '../../../domain/constants';

const SYNC_TIMEOUT_MS = 30_000;

/** What every screen shows: the sync indicator and the language choice. */
export class AppShell {
  constructor(private readonly page: Page) {}

  /** Waits until the indicator shows the browser as online (true) or offline (false). */
  async waitForOnline(online: boolean, timeout = SYNC_TIMEOUT_MS): Promise<void> {
    await this.page.locator(`[data-testid="sync-indicator"][data-online="${String(online)}"]`).waitFor({ timeout });
  }

  /** Waits until the indicator counts `count` local changes the server has not acknowledged. */
  async waitForPending(count: number, timeout = SYNC_TIMEOUT_MS): Promise<void> {
    await this.page.locator(`[data-testid="sync-indicator"][data-pending="${count}"]`).waitFor({ timeout });
  }

  async pending(): Promise<number> {
    return Number(await this.page.getByTestId('sync-indicator').getAttribute('data-pending'));
  }

  /** Waits for the notice that a new version of the app is ready (the check can take a few seconds). */
  async waitForUpdatePrompt(timeout = SYNC_TIMEOUT_MS): Promise<void> {
    await this.page.getByTestId('update-prompt').waitFor({ timeout });
  }

  /**
   * Asks the browser to look for a new service worker now, as the app's hourly check does (a test
   * cannot wait an hour, and reloading the page would throw away an open form).
   */
  async checkForUpdate(): Promise<void> {
    await this.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
  }

  /** Waits for the notice that a new version is ready but waits until the open form is saved. */
  async waitForUpdateAfterForm(timeout = SYNC_TIMEOUT_MS): Promise<void> {
    await this.page.getByTestId('update-after-form').waitFor({ timeout });
  }

  /** Whether a button to reload into the new version is shown right now. */
  async updateOffered(): Promise<boolean> {
    return (await this.page.getByTestId('update-reload').count()) > 0;
  }

  /** Accepts the new version and waits for the app to reload into it. */
  async acceptUpdate(): Promise<void> {
    const reloaded = this.page.waitForEvent('load', { timeout: SYNC_TIMEOUT_MS });
    await this.page.getByTestId('update-reload').click();
    await reloaded;
  }

  async chooseLanguage(language: UiLanguage): Promise<void> {
    await this.page.getByTestId('language-select').selectOption(language);
    await this.page.waitForFunction((lang) => document.documentElement.lang === lang, language);
  }

  async language(): Promise<string> {
    return this.page.getByTestId('language-select').inputValue();
  }

  /** The `lang` of the document, which the app keeps equal to the interface language. */
  async documentLanguage(): Promise<string> {
    return this.page.evaluate(() => document.documentElement.lang);
  }
}
