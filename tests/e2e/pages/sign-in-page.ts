import type { Locator, Page } from 'playwright-core';

/** The screen a phone shows with nobody signed in, and again when the session has expired. */
export class SignInPage {
  private readonly form: Locator;

  constructor(private readonly page: Page) {
    this.form = page.getByTestId('signin-form');
  }

  async waitUntilShown(): Promise<void> {
    await this.form.waitFor();
  }

  /** Fills and submits the form; resolves once it has gone (signed in). */
  async signIn(email: string, password: string): Promise<void> {
    await this.waitUntilShown();
    await this.form.locator('[name="email"]').fill(email);
    await this.form.locator('[name="password"]').fill(password);
    await this.page.getByTestId('signin-submit').click();
    await this.form.waitFor({ state: 'detached' });
  }

  /** Submits and waits for the error the form shows instead of signing in. */
  async signInExpectingError(email: string, password: string): Promise<string> {
    await this.waitUntilShown();
    await this.form.locator('[name="email"]').fill(email);
    await this.form.locator('[name="password"]').fill(password);
    await this.page.getByTestId('signin-submit').click();
    return (await this.page.getByTestId('signin-error').innerText()).trim();
  }

  /** The label of the submit button, for checking the interface language. */
  async submitLabel(): Promise<string> {
    return (await this.page.getByTestId('signin-submit').innerText()).trim();
  }

  async openRegistration(): Promise<void> {
    await this.page.getByTestId('register-link').click();
  }
}
