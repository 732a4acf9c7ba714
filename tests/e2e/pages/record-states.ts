import type { Page } from 'playwright-core';

const SYNC_TIMEOUT_MS = 30_000;

/** Where each record's change stands, on the needs list's cards and on a need's page. */
export class RecordStates {
  constructor(private readonly page: Page) {}

  private card(title: string) {
    return this.page
      .getByTestId('need-card')
      .filter({ has: this.page.getByTestId('need-title').getByText(title, { exact: true }) });
  }

  /** The state a need's card shows: 'waiting' | 'refused' | 'merged', or 'none' once the server has it. */
  async onCard(title: string): Promise<string> {
    const state = this.card(title).getByTestId('record-state');
    return (await state.count()) === 0 ? 'none' : ((await state.getAttribute('data-state')) ?? 'none');
  }

  async waitForCard(title: string, state: string, timeout = SYNC_TIMEOUT_MS): Promise<void> {
    const card = this.card(title);
    if (state === 'none') await card.getByTestId('record-state').waitFor({ state: 'detached', timeout });
    else await card.locator(`[data-testid="record-state"][data-state="${state}"]`).waitFor({ timeout });
  }

  /** Waits until the open need's page shows `state` ('sent' | 'waiting' | 'refused' | 'merged'). */
  async waitForPage(state: string, timeout = SYNC_TIMEOUT_MS): Promise<void> {
    await this.page.locator(`[data-testid="need-page"] [data-testid="record-state"][data-state="${state}"]`).waitFor({ timeout });
  }

  /** The state the open need's page shows ('sent' | 'waiting' | 'refused' | 'merged'). */
  async onPage(): Promise<string> {
    return (await this.page.locator('[data-testid="need-page"] [data-testid="record-state"]').getAttribute('data-state')) ?? 'none';
  }

  /** The field names (as stored) a merge on the open page names. */
  async mergedFields(): Promise<string[]> {
    return ((await this.page.getByTestId('record-state-merged-fields').getAttribute('data-fields')) ?? '').split(' ').filter(Boolean);
  }

  async mergedText(): Promise<string> {
    return (await this.page.getByTestId('record-state-merged-fields').innerText()).trim();
  }

  /** Hides the merge note; the page then says the need is saved on the server. */
  async dismissMerge(): Promise<void> {
    await this.page.getByTestId('record-state-dismiss').click();
    await this.waitForPage('sent');
  }
}
