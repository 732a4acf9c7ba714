import type { Locator, Page } from 'playwright-core';
import type { Category, NeedStatus, Unit, Urgency } from '../../../domain/constants';

/** Every field of the need form, as a user types or picks it. */
export type NeedFields = {
  category: Category;
  title: string;
  description: string;
  /** ISO 639-1 code of the language the title and description are written in. */
  language: string;
  quantity: number;
  unit: Unit;
  urgency: Urgency;
  /** YYYY-MM-DD */
  neededBy: string;
  settlement: string;
  pcode: string;
  /** Only on the edit form. */
  status: NeedStatus;
};

/** The form that creates or edits a need. */
export class NeedForm {
  private readonly form: Locator;

  constructor(private readonly page: Page) {
    this.form = page.getByTestId('need-form');
  }

  async waitUntilShown(): Promise<void> {
    await this.form.waitFor();
  }

  /** Fills the given fields (inputs are typed into, selects picked from), leaving the others as they are. */
  async fill(fields: Partial<NeedFields>): Promise<void> {
    await this.waitUntilShown();
    for (const [name, value] of Object.entries(fields)) {
      const field = this.form.locator(`[name="${name}"]`);
      const tag = await field.evaluate((element) => element.tagName);
      if (tag === 'SELECT') await field.selectOption(String(value));
      else await field.fill(String(value));
    }
  }

  /** What a field holds right now. */
  async value(name: keyof NeedFields): Promise<string> {
    return this.form.locator(`[name="${name}"]`).inputValue();
  }

  /** Saves, waits for the need's page (where the app goes after saving) and returns to the list with the back arrow. */
  async save(): Promise<void> {
    await this.saveToNeedPage();
    await this.page.getByTestId('back-button').click();
    await this.page.getByTestId('needs-list').waitFor({ state: 'attached' });
  }

  /** Saves and waits for the saved need's page. */
  async saveToNeedPage(): Promise<void> {
    await this.page.getByTestId('need-save').click();
    await this.form.waitFor({ state: 'detached' });
    await this.page.getByTestId('need-page').waitFor();
  }

  /** Saves expecting the form to stay open with errors. */
  async saveExpectingErrors(): Promise<void> {
    await this.page.getByTestId('need-save').click();
    await this.page.locator('[data-testid^="field-error-"]').first().waitFor();
  }

  /** The error shown under a field, or null when there is none. */
  async errorFor(name: keyof NeedFields): Promise<string | null> {
    const error = this.page.getByTestId(`field-error-${name}`);
    return (await error.count()) > 0 ? (await error.innerText()).trim() : null;
  }
}
