/**
 * What a member does on the phone in the browser campaign, through the app's own screens (page
 * models of tests/e2e/pages): write many needs at once (importing a changes file in Settings, the
 * app's own path for that), type one in the need form, and wait until the phone has sent
 * everything, signing in again when the app asks.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ChangesFile } from '../../../app/db/import-changes';
import type { Need } from '../../../domain/schemas/need';
import { AppShell } from '../../e2e/pages/app-shell';
import type { NeedFields } from '../../e2e/pages/need-form';
import { NeedsPage } from '../../e2e/pages/needs-page';
import { SettingsPage } from '../../e2e/pages/settings-page';
import type { Account } from '../../e2e/support/accounts';
import { freshNeed } from '../../support/factories';
import type { Phone } from './browser-phone';

const SENT_TIMEOUT_MS = 60_000;
const POLL_MS = 250;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `count` new needs of `account`'s municipality titled `${prefix} 1…count`. */
export function needsFor(account: Account, prefix: string, count: number): Need[] {
  return Array.from({ length: count }, (_, index) =>
    freshNeed({ municipalityId: account.profile.municipality!.id, title: `${prefix} ${index + 1}`, neededBy: '2030-01-31', language: 'uk' }),
  );
}

/** Writes `needs` into a changes file (the format Settings imports) in `dir`; returns its path. */
export async function changesFileOf(dir: string, account: Account, needs: readonly Need[], name: string): Promise<string> {
  const body = {
    format: 'c4c-changes',
    version: 1,
    exportedAt: new Date().toISOString(),
    scope: 'unsynced',
    member: { id: account.profile.member.id, email: account.email, municipality: account.profile.municipality!.id },
    changes: needs.map((document) => ({ collection: 'needs' as const, document })),
  } satisfies ChangesFile;
  const path = join(dir, `${name}.json`);
  await writeFile(path, JSON.stringify(body));
  return path;
}

/** Imports the file in Settings (works offline: the service worker serves the app). */
export async function importOnPhone(phone: Phone, file: string, baseUrl: string): Promise<number> {
  const settings = new SettingsPage(phone.page());
  await settings.open(baseUrl);
  const { written } = await settings.importFile(file);
  return written;
}

/** A complete need as typed into the form; `title` and `description` vary. */
export function typedNeed(title: string, description: string): Omit<NeedFields, 'status'> {
  return {
    category: 'energy',
    title,
    description,
    language: 'uk',
    quantity: 2,
    unit: 'pieces',
    urgency: 'critical',
    neededBy: '2030-01-31',
    settlement: 'Самбір',
    pcode: 'UA46',
  };
}

/** Types a need in the new-need form and saves it; returns its id (from the need page's URL). */
export async function typeNeed(phone: Phone, fields: Partial<NeedFields>): Promise<string> {
  const page = phone.page();
  const form = await new NeedsPage(page).openNewNeedForm();
  await form.fill({ ...typedNeed('', ''), ...fields });
  await form.saveToNeedPage();
  const id = new URL(page.url()).pathname.split('/').at(-1);
  if (!id) throw new Error(`no need id in ${page.url()}`);
  return decodeURIComponent(id);
}

/**
 * Waits until the phone shows no change waiting and is online, signing in again whenever the app
 * asks (after a killed browser the session cookie may never have reached the disk). Returns how
 * often it signed in.
 */
export async function waitUntilSent(phone: Phone, account: Account, timeoutMs = SENT_TIMEOUT_MS): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let signIns = 0;
  const shell = new AppShell(phone.page());
  for (;;) {
    if (await phone.signInIfAsked(account.email, account.password)) signIns += 1;
    const done = await phone
      .page()
      .locator('[data-testid="sync-indicator"][data-pending="0"][data-online="true"]')
      .count();
    if (done > 0) return signIns;
    if (Date.now() > deadline) {
      throw new Error(`the phone still shows ${String(await shell.pending().catch(() => NaN))} changes waiting after ${timeoutMs / 1000} s`);
    }
    await sleep(POLL_MS);
  }
}

/** How many needs the list says the phone holds (all of them, before filters). */
export async function needsOnPhone(page: Page): Promise<number> {
  const count = page.getByTestId('needs-count');
  if ((await count.count()) === 0) return 0;
  return Number(await count.getAttribute('data-total'));
}

/** Waits until the needs list counts `total` needs, signing in when asked. */
export async function waitForNeedsListed(phone: Phone, account: Account, total: number, timeoutMs = SENT_TIMEOUT_MS): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await phone.signInIfAsked(account.email, account.password);
    // Signing in lands on Home: the count is on the needs list.
    if ((await phone.page().getByTestId('needs-count').count()) === 0 && (await phone.page().getByTestId('nav-needs').count()) > 0) {
      await new NeedsPage(phone.page()).waitUntilShown();
    }
    const shown = await needsOnPhone(phone.page());
    if (shown >= total || Date.now() > deadline) return shown;
    await sleep(POLL_MS);
  }
}

/** Whether the open need form's input is kept on the phone: 'none', 'pending' (a write is due) or 'saved'. */
export async function needDraftState(page: Page): Promise<string> {
  return (await page.getByTestId('need-form').getAttribute('data-draft')) ?? 'none';
}

/** Discards the draft the need form restored (its notice must be shown). */
export async function discardRestoredDraft(page: Page): Promise<void> {
  await page.getByTestId('need-draft-restored').waitFor();
  await page.getByTestId('need-draft-discard').click();
  await page.getByTestId('need-draft-restored').waitFor({ state: 'detached' });
}
