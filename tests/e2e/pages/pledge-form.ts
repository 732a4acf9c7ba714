import type { Locator, Page } from 'playwright-core';

/** The form a partner city pledges with, against a need (and maybe one of its offers). */
export class PledgeForm {
  private readonly form: Locator;

  constructor(private readonly page: Page) {
    this.form = page.getByTestId('pledge-form');
  }

  async waitUntilShown(): Promise<void> {
    await this.form.waitFor();
  }

  async quantity(): Promise<number> {
    return Number(await this.page.getByTestId('pledge-quantity').inputValue());
  }

  async fill({ quantity, dispatchOn, note }: { quantity?: number; dispatchOn?: string; note?: string }): Promise<void> {
    if (quantity !== undefined) await this.page.getByTestId('pledge-quantity').fill(String(quantity));
    if (dispatchOn !== undefined) await this.page.getByTestId('pledge-dispatch-date').fill(dispatchOn);
    if (note !== undefined) await this.page.getByTestId('pledge-note').fill(note);
  }

  /** Pledges and waits for the form to close (the app returns to the need's page). */
  async submit(): Promise<void> {
    await this.page.getByTestId('pledge-submit').click();
    await this.form.waitFor({ state: 'detached' });
  }
}
