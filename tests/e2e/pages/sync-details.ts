import type { Locator, Page } from 'playwright-core';

const SYNC_TIMEOUT_MS = 60_000;

/** The sync indicator's progress bar and its details panel (per collection, last sync, Sync now). */
export class SyncDetailsPanel {
  constructor(private readonly page: Page) {}

  /** The header's bar of a first sync or a long catch-up. */
  get progress(): Locator {
    return this.page.locator('[data-testid="sync-progress"]').first();
  }

  /** Waits for the header's progress bar and returns how far it says the round has come. */
  async waitForProgress(timeout = SYNC_TIMEOUT_MS): Promise<{ received: number; remaining: number; valueNow: number; valueMax: number }> {
    await this.progress.waitFor({ timeout });
    const bar = this.progress.getByRole('progressbar');
    return {
      received: Number(await this.progress.getAttribute('data-received')),
      remaining: Number(await this.progress.getAttribute('data-remaining')),
      valueNow: Number(await bar.getAttribute('aria-valuenow')),
      valueMax: Number(await bar.getAttribute('aria-valuemax')),
    };
  }

  /** Taps the sync indicator and waits for the details. */
  async open(): Promise<void> {
    if (await this.page.getByTestId('sync-details').isVisible()) return;
    await this.page.getByTestId('sync-indicator').getByRole('button').click();
    await this.page.getByTestId('sync-details').waitFor();
  }

  row(collection: string): Locator {
    return this.page.locator(`[data-testid="sync-details-row"][data-collection="${collection}"]`);
  }

  /** Waits until a collection's row says `received` documents arrived in this round and none are left. */
  async waitForReceived(collection: string, received: number, timeout = SYNC_TIMEOUT_MS): Promise<void> {
    await this.page
      .locator(`[data-testid="sync-details-row"][data-collection="${collection}"][data-received="${received}"][data-remaining="0"]`)
      .waitFor({ timeout });
  }

  async pending(collection: string): Promise<number> {
    return Number(await this.row(collection).getAttribute('data-pending'));
  }

  async lastSuccess(): Promise<string> {
    return (await this.page.getByTestId('sync-last-success').textContent()) ?? '';
  }

  async lastError(): Promise<string> {
    return (await this.page.getByTestId('sync-last-error').textContent()) ?? '';
  }

  async syncNow(): Promise<void> {
    await this.page.getByTestId('sync-now').click();
  }
}
