import type { Locator, Page } from 'playwright-core';

export type MunicipalitySetup = {
  municipalityName: string;
  /** First-level P-code, e.g. 'UA46' (Lviv oblast). */
  oblast: string;
};

/** The first-run form where a phone says which municipality it belongs to. */
export class SetupPage {
  private readonly form: Locator;

  constructor(private readonly page: Page) {
    this.form = page.getByTestId('setup-form');
  }

  async waitUntilShown(): Promise<void> {
    await this.form.waitFor();
  }

  /** Fills and saves the form; resolves once it has gone. */
  async complete(setup: MunicipalitySetup): Promise<void> {
    await this.waitUntilShown();
    await this.form.locator('[name="municipalityName"]').fill(setup.municipalityName);
    await this.form.locator('[name="oblast"]').selectOption(setup.oblast);
    await this.page.getByTestId('setup-save').click();
    await this.form.waitFor({ state: 'detached' });
  }

  /** The label of the save button, for checking the interface language. */
  async saveLabel(): Promise<string> {
    return (await this.page.getByTestId('setup-save').innerText()).trim();
  }
}
