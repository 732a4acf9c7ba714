import type { Locator, Page } from 'playwright-core';

export type Registration = {
  nameUk: string;
  nameLatin: string;
  /** First-level P-code of the oblast, e.g. 'UA46'. */
  oblast: string;
  displayName: string;
  email: string;
  password: string;
};

/** Registering a Ukrainian municipality and its first member, from the sign-in screen's link. */
export class RegisterPage {
  private readonly form: Locator;

  constructor(private readonly page: Page) {
    this.form = page.getByTestId('register-form');
  }

  async waitUntilShown(): Promise<void> {
    await this.form.waitFor();
  }

  /** Fills and submits the form; resolves once it has gone (registered and signed in). */
  async register(registration: Registration): Promise<void> {
    await this.waitUntilShown();
    const field = (name: string) => this.form.locator(`[name="${name}"]`);
    await field('nameUk').fill(registration.nameUk);
    await field('nameLatin').fill(registration.nameLatin);
    await field('oblast').selectOption(registration.oblast);
    await field('displayName').fill(registration.displayName);
    await field('email').fill(registration.email);
    await field('password').fill(registration.password);
    await this.page.getByTestId('register-submit').click();
    await this.form.waitFor({ state: 'detached' });
  }
}
