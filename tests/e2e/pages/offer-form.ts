import type { Locator, Page } from 'playwright-core';
import type { Category, DeliveryOption, Unit } from '../../../domain/constants';

export type OfferFields = {
  category: Category;
  title: string;
  description: string;
  language: string;
  quantity: number;
  unit: Unit;
  /** YYYY-MM-DD */
  availableUntil: string;
  settlement: string;
};

/** The form that creates or edits an offer. */
export class OfferForm {
  private readonly form: Locator;

  constructor(private readonly page: Page) {
    this.form = page.getByTestId('offer-form');
  }

  async waitUntilShown(): Promise<void> {
    await this.form.waitFor();
  }

  /** Fills the given fields and ticks the delivery options, leaving the rest as the form proposes. */
  async fill(fields: Partial<OfferFields>, delivery: readonly DeliveryOption[] = []): Promise<void> {
    await this.waitUntilShown();
    for (const [name, value] of Object.entries(fields)) {
      const field = this.page.getByTestId(`offer-field-${name}`);
      const tag = await field.evaluate((element) => element.tagName);
      if (tag === 'SELECT') await field.selectOption(String(value));
      else await field.fill(String(value));
    }
    for (const option of delivery) await this.form.locator(`input[name="deliveryOptions"][value="${option}"]`).check();
  }

  /** Saves and waits for the offer's page. */
  async save(): Promise<void> {
    await this.page.getByTestId('offer-save').click();
    await this.page.getByTestId('offer-page').waitFor();
  }
}
