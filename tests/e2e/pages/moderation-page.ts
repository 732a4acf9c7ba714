import type { Locator, Page } from 'playwright-core';

/** The moderator's list of pending municipalities and members. */
export class ModerationPage {
  readonly screen: Locator;

  constructor(private readonly page: Page) {
    this.screen = page.getByTestId('moderation-screen');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-settings').click();
    await this.page.getByTestId('moderation-link').click();
    await this.screen.waitFor();
  }

  municipality(id: string): Locator {
    return this.page.locator(`[data-testid="pending-municipality"][data-municipality-id="${id}"]`);
  }

  /** Waits for the application of municipality `id` (it may arrive after the screen opened). */
  async waitForMunicipality(id: string, timeout = 30_000): Promise<void> {
    await this.municipality(id).waitFor({ timeout });
  }

  async pendingText(id: string): Promise<string> {
    return (await this.municipality(id).innerText()).trim();
  }

  async verifyMunicipality(id: string): Promise<void> {
    await this.municipality(id).getByTestId('verify-municipality').click();
    await this.municipality(id).waitFor({ state: 'detached' });
  }
}
