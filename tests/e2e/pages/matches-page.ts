import type { Locator, Page } from 'playwright-core';

const SYNC_TIMEOUT_MS = 30_000;

/** Matches: the best offers for my needs and the best needs for my offers, computed on the phone. */
export class MatchesPage {
  readonly root: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('matches-screen');
  }

  async waitUntilShown(): Promise<void> {
    await this.root.waitFor();
  }

  /** The suggestion of the item `itemId` (a need or offer suggested for one of mine). */
  suggestion(itemId: string): Locator {
    return this.root.locator(`[data-testid="match-suggestion"][data-item-id="${itemId}"]`).first();
  }

  async waitForSuggestion(itemId: string, timeout = SYNC_TIMEOUT_MS): Promise<void> {
    await this.suggestion(itemId).waitFor({ timeout });
  }

  /** The reasons the suggestion gives, as the reader sees them. */
  async reasons(itemId: string): Promise<string> {
    return (await this.suggestion(itemId).getByTestId('match-reasons').innerText()).trim();
  }

  /** Taps "pledge" on the suggestion: opens the pledge form prefilled from the pair. */
  async pledge(itemId: string): Promise<void> {
    await this.suggestion(itemId).getByTestId('match-pledge-link').click();
  }
}
