import type { Download, Locator, Page } from 'playwright-core';

/** The member's account: who is signed in, the password, and signing out (with its warning). */
export class AccountPage {
  readonly dialog: Locator;

  constructor(private readonly page: Page) {
    this.dialog = page.getByTestId('sign-out-dialog');
  }

  /** Opens the account screen the way a member does: Settings, then the account. */
  async open(): Promise<void> {
    await this.page.getByTestId('nav-settings').click();
    await this.page.getByTestId('account-link').click();
    await this.page.getByTestId('sign-out-button').waitFor();
  }

  /** Opens the sign-out dialog and answers how many unsynced changes it warns about. */
  async startSignOut(): Promise<number> {
    await this.page.getByTestId('sign-out-button').click();
    await this.dialog.waitFor();
    return Number((await this.dialog.getAttribute('data-unsynced')) ?? '0');
  }

  /** The count the open dialog warns about now. */
  async startSignOutCount(): Promise<number> {
    return Number((await this.dialog.getAttribute('data-unsynced')) ?? '0');
  }

  async waitForUnsynced(count: number, timeout = 30_000): Promise<void> {
    await this.page.locator(`[data-testid="sign-out-dialog"][data-unsynced="${count}"]`).waitFor({ timeout });
  }

  async cancelSignOut(): Promise<void> {
    await this.page.getByTestId('sign-out-cancel').click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  /** Saves the unsynced changes to a file and answers the download. */
  async saveToFile(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('sign-out-save-file').click();
    return download;
  }

  async syncFirst(): Promise<void> {
    await this.page.getByTestId('sign-out-sync-first').click();
  }

  /** Confirms; resolves once the app shows the sign-in screen. */
  async confirmSignOut(): Promise<void> {
    await this.page.getByTestId('sign-out-confirm').click();
    await this.page.getByTestId('signin-form').waitFor();
  }
}
