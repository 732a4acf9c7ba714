import type { Locator, Page } from 'playwright-core';

const SYNC_TIMEOUT_MS = 30_000;

/** One need's own page: its facts, totals, pledges, matching offers and actions. */
export class NeedPage {
  readonly root: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('need-page');
  }

  async waitUntilShown(): Promise<void> {
    await this.root.waitFor();
  }

  async title(): Promise<string> {
    return (await this.root.locator('h2').first().innerText()).trim();
  }

  /** The pledged quantity the page shows (0 without pledges). */
  async pledged(): Promise<number> {
    const total = this.page.getByTestId('need-pledged-total');
    return (await total.count()) > 0 ? Number(await total.getAttribute('data-pledged')) : 0;
  }

  /** Waits until the page shows at least `quantity` pledged (by a local write or by sync). */
  async waitForPledged(quantity: number, timeout = SYNC_TIMEOUT_MS): Promise<void> {
    await this.page.waitForFunction(
      (expected) => Number(document.querySelector('[data-testid="need-pledged-total"]')?.getAttribute('data-pledged') ?? 0) >= expected,
      quantity,
      { timeout },
    );
  }

  async canPledge(): Promise<boolean> {
    return (await this.page.getByTestId('need-pledge-button').count()) > 0;
  }
}
