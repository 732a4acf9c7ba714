import type { Locator, Page } from 'playwright-core';
import { NeedForm } from './need-form';

const SYNC_TIMEOUT_MS = 30_000;

/** The list of needs: what a municipality sees first. */
export class NeedsPage {
  readonly list: Locator;
  private readonly items: Locator;

  constructor(private readonly page: Page) {
    this.list = page.getByTestId('needs-list');
    this.items = this.list.getByTestId('need-card');
  }

  /**
   * Shows the list (tapping the Needs tab when another screen is open, e.g. Home after signing in)
   * and waits until it has loaded from the phone's database (an empty list has no height).
   */
  async waitUntilShown(): Promise<void> {
    await this.page.locator('[data-testid="needs-list"], [data-testid="nav-needs"]').first().waitFor({ state: 'attached' });
    if ((await this.list.count()) === 0) await this.page.getByTestId('nav-needs').click();
    await this.page.locator('[data-testid="needs-list"][aria-busy="false"]').waitFor({ state: 'attached' });
  }

  /** The item whose title is exactly `title`. */
  item(title: string): Locator {
    return this.items.filter({ has: this.page.getByTestId('need-title').getByText(title, { exact: true }) });
  }

  async titles(): Promise<string[]> {
    return (await this.items.getByTestId('need-title').allInnerTexts()).map((text) => text.trim());
  }

  /** Everything the item shows (title, tags, quantity, date, place), as the user reads it. */
  /** What the card says about the need (its actions, which differ per phone, left out). */
  async itemText(title: string): Promise<string> {
    return this.item(title).evaluate((card) => {
      const copy = card.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.need-actions').forEach((actions) => actions.remove());
      document.body.append(copy);
      const text = copy.innerText.trim();
      copy.remove();
      return text;
    });
  }

  /** Whether this phone offers to edit the need (only its own municipality's). */
  async canEdit(title: string): Promise<boolean> {
    return (await this.item(title).getByTestId('edit-need-button').count()) > 0;
  }

  /** Waits until a need with this title is listed (by a local write or by sync). */
  async waitForNeed(title: string, timeout = SYNC_TIMEOUT_MS): Promise<void> {
    await this.waitUntilShown();
    await this.item(title).waitFor({ timeout });
  }

  async waitForNoNeed(title: string, timeout = SYNC_TIMEOUT_MS): Promise<void> {
    await this.waitUntilShown();
    await this.item(title).waitFor({ state: 'detached', timeout });
  }

  /** Types into the search box (the list filters as the user types). */
  async search(text: string): Promise<void> {
    await this.page.getByTestId('needs-search').fill(text);
  }

  /** Opens the page of the need with this title. */
  async openNeed(title: string): Promise<void> {
    await this.item(title).getByTestId('need-link').first().click();
    await this.page.getByTestId('need-page').waitFor();
  }

  /** Exports the list as it is filtered; resolves with the path of the downloaded CSV file. */
  async exportCsv(): Promise<string> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('needs-export').click();
    const file = await (await download).path();
    if (!file) throw new Error('the CSV download has no file');
    return file;
  }

  async openNewNeedForm(): Promise<NeedForm> {
    await this.waitUntilShown();
    await this.page.getByTestId('new-need-button').click();
    const form = new NeedForm(this.page);
    await form.waitUntilShown();
    return form;
  }

  async openEditForm(title: string): Promise<NeedForm> {
    await this.item(title).getByTestId('edit-need-button').click();
    const form = new NeedForm(this.page);
    await form.waitUntilShown();
    return form;
  }

  /** The label of the new-need button, for checking the interface language. */
  async newNeedLabel(): Promise<string> {
    return (await this.page.getByTestId('new-need-button').innerText()).trim();
  }

  /** Saves a picture of the whole page as it looks on the phone. */
  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true });
  }
}
