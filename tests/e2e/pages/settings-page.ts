import type { Download, Page } from 'playwright-core';

const SYNC_TIMEOUT_MS = 30_000;

/** Settings: the phone's storage, copies of its data (export, import), sync and refused changes. */
export class SettingsPage {
  constructor(private readonly page: Page) {}

  /** Opens Settings by its URL and waits for the storage report. */
  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/settings`, { waitUntil: 'load' });
    await this.page.getByTestId('storage-panel').waitFor({ timeout: SYNC_TIMEOUT_MS });
  }

  /** Whether the page says the storage is persistent (null while it says nothing). */
  async persisted(): Promise<boolean | null> {
    const line = this.page.getByTestId('storage-persistence');
    await line.waitFor({ timeout: SYNC_TIMEOUT_MS });
    const value = await line.getAttribute('data-persisted');
    return value === null ? null : value === 'true';
  }

  /** Bytes used and available, as reported. */
  async usage(): Promise<{ usage: number; quota: number; text: string }> {
    const line = this.page.getByTestId('storage-usage');
    await line.waitFor({ timeout: SYNC_TIMEOUT_MS });
    return {
      usage: Number(await line.getAttribute('data-usage')),
      quota: Number(await line.getAttribute('data-quota')),
      text: (await line.innerText()).trim(),
    };
  }

  /** Exports everything the phone holds; resolves the downloaded file. */
  async exportAll(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('export-all').click()]);
    return download;
  }

  /** Imports a changes file; resolves what the screen reports. */
  async importFile(path: string): Promise<{ written: number; unchanged: number }> {
    await this.page.getByTestId('import-input').setInputFiles(path);
    const result = this.page.getByTestId('import-result');
    await result.waitFor({ timeout: SYNC_TIMEOUT_MS });
    return { written: Number(await result.getAttribute('data-written')), unchanged: Number(await result.getAttribute('data-unchanged')) };
  }

  /** Waits for the banner saying the browser deleted the data; resolves its phase. */
  async waitForWipeBanner(): Promise<string> {
    const banner = this.page.getByTestId('wipe-banner');
    await banner.waitFor({ timeout: SYNC_TIMEOUT_MS });
    return (await banner.getAttribute('data-phase')) ?? '';
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true });
  }
}
