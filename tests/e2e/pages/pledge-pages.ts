import type { Page } from 'playwright-core';

const SYNC_TIMEOUT_MS = 30_000;

/** Opens a screen by its URL inside the app (wouter follows pushState), as a tapped link would. */
export async function openPath(page: Page, path: string): Promise<void> {
  await page.evaluate((url) => window.history.pushState(null, '', url), path);
}

export type DispatchFields = { quantity: number; carrier: string; plate: string; arrival: string; note: string };

/** One pledge's page: status, quantities, history and the actions the member may take. */
export class PledgePage {
  constructor(private readonly page: Page) {}

  async open(pledgeId: string): Promise<void> {
    await openPath(this.page, `/pledges/${encodeURIComponent(pledgeId)}`);
    await this.waitUntilShown();
  }

  async waitUntilShown(): Promise<void> {
    await this.page.getByTestId('pledge-page').waitFor();
  }

  /** Opens the first pledge of the list on screen (the pledges list, or a need's pledges). */
  async openFirstFromList(): Promise<string> {
    await this.page.getByTestId('pledge-card-link').first().click();
    await this.waitUntilShown();
    return (await this.page.getByTestId('pledge-page').getAttribute('data-pledge-id')) ?? '';
  }

  async status(): Promise<string | null> {
    return this.page.getByTestId('pledge-page').getAttribute('data-status');
  }

  async waitForStatus(status: string, timeout = SYNC_TIMEOUT_MS): Promise<void> {
    await this.page.locator(`[data-testid="pledge-page"][data-status="${status}"]`).waitFor({ timeout });
  }

  /** The quantities line as shown (pledged / dispatched / received). */
  async quantities(): Promise<{ pledged: number; dispatched: number; received: number }> {
    const element = this.page.getByTestId('pledge-page').getByTestId('pledge-quantities');
    const read = async (name: string) => Number(await element.getAttribute(`data-${name}`));
    return { pledged: await read('pledged'), dispatched: await read('dispatched'), received: await read('received') };
  }

  async dispatch(fields: DispatchFields): Promise<void> {
    await this.page.getByTestId('pledge-dispatch').click();
    await this.page.getByTestId('dispatch-quantity').fill(String(fields.quantity));
    await this.page.getByTestId('dispatch-carrier').fill(fields.carrier);
    await this.page.getByTestId('dispatch-plate').fill(fields.plate);
    await this.page.getByTestId('dispatch-arrival').fill(fields.arrival);
    await this.page.getByTestId('dispatch-note').fill(fields.note);
    await this.page.getByTestId('dispatch-save').click();
    await this.waitForStatus('dispatched');
  }

  /** How many events the history lists. */
  async eventCount(): Promise<number> {
    return this.page.getByTestId('pledge-event').count();
  }

  async openSheet(): Promise<void> {
    await this.page.getByTestId('pledge-sheet-link').click();
    await this.page.getByTestId('sheet-code').waitFor();
  }

  async openThread(): Promise<void> {
    await this.page.getByTestId('pledge-message-link').click();
    await this.page.getByTestId('composer-body').waitFor();
  }
}

/** The printable delivery sheet. */
export class DeliverySheet {
  constructor(private readonly page: Page) {}

  async shortCode(): Promise<string> {
    return (await this.page.getByTestId('sheet-code').innerText()).trim();
  }

  /** The link the QR code holds, once its image has loaded (null when there is none). */
  async qrLink(): Promise<string | null> {
    const qr = this.page.getByTestId('sheet-qr');
    await qr.waitFor();
    const loaded = await qr.evaluate((image) => image instanceof HTMLImageElement && image.complete && image.naturalWidth > 0);
    return loaded ? qr.getAttribute('data-link') : null;
  }
}

/** Scanning or typing a delivery sheet's code, then the pledge it names. */
export class ScanPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await openPath(this.page, '/scan');
    await this.page.getByTestId('scan-code-input').waitFor();
  }

  async typeCode(code: string): Promise<void> {
    await this.page.getByTestId('scan-code-input').fill(code);
    await this.page.getByTestId('scan-code-submit').click();
    await this.page.getByTestId('short-code-result').waitFor();
  }

  async startCamera(): Promise<void> {
    await this.page.getByTestId('scan-camera-start').click();
  }

  async waitForResult(timeout = SYNC_TIMEOUT_MS): Promise<void> {
    await this.page.getByTestId('short-code-result').waitFor({ timeout });
  }

  async confirmArrival(): Promise<void> {
    await this.page.getByTestId('short-code-confirm').click();
    await this.page.getByTestId('receive-quantity').waitFor();
  }
}

/** Confirming what arrived: quantity, note, photos. */
export class ReceiveForm {
  constructor(private readonly page: Page) {}

  async fill(fields: { quantity: number; note: string }): Promise<void> {
    await this.page.getByTestId('receive-quantity').fill(String(fields.quantity));
    await this.page.getByTestId('receive-note').fill(fields.note);
  }

  /** Adds a photo and waits until it is compressed and shown; returns the size line ("3.1 MB → 240 KB"). */
  async addPhoto(file: { name: string; mimeType: string; buffer: Buffer }): Promise<string> {
    const drafts = this.page.getByTestId('photo-draft');
    const before = await drafts.count();
    await this.page.getByTestId('photo-input').setInputFiles(file);
    await drafts.nth(before).waitFor({ timeout: 60_000 });
    return (await drafts.nth(before).innerText()).trim();
  }

  async save(): Promise<void> {
    await this.page.getByTestId('receive-save').click();
    await this.page.getByTestId('pledge-page').waitFor();
  }
}

/** A message thread and its composer. */
export class ThreadPage {
  constructor(private readonly page: Page) {}

  async send(body: string): Promise<void> {
    await this.page.getByTestId('composer-body').fill(body);
    await this.page.getByTestId('composer-send').click();
    await this.page.locator('[data-testid="message-body"]', { hasText: body }).waitFor();
  }

  async messages(): Promise<string[]> {
    return (await this.page.getByTestId('message-body').allInnerTexts()).map((text) => text.trim());
  }

  async waitForState(body: string, state: 'waiting' | 'sent', timeout = SYNC_TIMEOUT_MS): Promise<void> {
    await this.page.locator(`[data-testid="message"][data-state="${state}"]`, { hasText: body }).waitFor({ timeout });
  }
}
