import type { Page } from 'playwright-core';

export type Tab = 'home' | 'needs' | 'offers' | 'matches' | 'messages' | 'settings';

/** The bottom bar every signed-in screen shows: Home, Needs, Offers, Matches, Messages, More. */
export class BottomNav {
  constructor(private readonly page: Page) {}

  async open(tab: Tab): Promise<void> {
    await this.page.getByTestId(`nav-${tab}`).click();
  }
}
