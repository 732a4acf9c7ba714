// @vitest-environment jsdom
/**
 * The sync indicator and its details panel: the progress bar of a first sync, per collection what
 * waits and what arrives, the last sync and the last problem in words, and "Sync now".
 */
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../app/db/replication';
import { initI18n } from '../../app/i18n/index';
import { SyncIndicator } from '../../app/features/sync';
import { useConnectionStore } from '../../app/stores/connection-store';
import { render, type RenderedView } from '../support/render-with-store';
import { byTestId, click } from '../support/dom';

function status(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    connected: true,
    active: true,
    pending: 0,
    lastError: null,
    lastSyncedAt: null,
    lastErrorKind: null,
    progress: {},
    catchUp: null,
    collections: {
      needs: { pending: 0, lastSyncedAt: null, lastError: null, lastErrorKind: null },
      offers: { pending: 0, lastSyncedAt: null, lastError: null, lastErrorKind: null },
    },
    ...overrides,
  };
}

let view: RenderedView | undefined;

beforeAll(async () => {
  await initI18n('en');
});

afterEach(() => {
  view?.unmount();
  view = undefined;
  act(() => {
    useConnectionStore.getState().setSync(status({ connected: false, active: false, collections: {} }));
    useConnectionStore.getState().setSyncNow(null);
  });
});

describe('SyncIndicator', () => {
  it('shows a first sync as a progress bar, "Receiving 340 of 1,000"', async () => {
    useConnectionStore.getState().setBrowserOnline(true);
    useConnectionStore.getState().setSync(
      status({
        progress: { needs: { received: 340, remaining: 660 } },
        catchUp: { received: 340, remaining: 660, total: 1000, fraction: 0.34 },
      }),
    );
    view = await render(<SyncIndicator />);
    const progress = byTestId(view.container, 'sync-progress')!;
    expect(progress.dataset).toMatchObject({ received: '340', remaining: '660' });
    expect(progress.textContent).toContain('Receiving 340 of 1,000');
    const bar = progress.querySelector('[role="progressbar"]')!;
    expect(bar.getAttribute('aria-valuenow')).toBe('340');
    expect(bar.getAttribute('aria-valuemax')).toBe('1000');
    expect(bar.getAttribute('aria-label')).toBeTruthy();
    // The indicator keeps what other screens and tests read.
    expect(byTestId(view.container, 'sync-indicator')!.dataset).toMatchObject({ online: 'true', pending: '0' });
  });

  it('shows no bar when nothing big is being received', async () => {
    useConnectionStore.getState().setSync(status({ progress: { needs: { received: 3, remaining: 0 } }, catchUp: null }));
    view = await render(<SyncIndicator />);
    expect(byTestId(view.container, 'sync-progress')).toBeNull();
  });

  it('opens the details on tap: per collection, last sync, last problem in words, Sync now', async () => {
    const syncNow = vi.fn();
    const lastSyncedAt = Date.UTC(2026, 2, 1, 9, 30);
    useConnectionStore.getState().setBrowserOnline(true);
    useConnectionStore.getState().setSyncNow(syncNow);
    useConnectionStore.getState().setSync(
      status({
        connected: false,
        pending: 2,
        lastSyncedAt,
        lastError: 'fetch failed',
        lastErrorKind: 'unreachable',
        progress: { needs: { received: 200, remaining: 800 } },
        collections: {
          needs: { pending: 0, lastSyncedAt, lastError: null, lastErrorKind: null },
          offers: { pending: 2, lastSyncedAt: null, lastError: 'fetch failed', lastErrorKind: 'unreachable' },
        },
      }),
    );
    view = await render(<SyncIndicator />);
    const toggle = byTestId(view.container, 'sync-indicator')!.querySelector('button')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(byTestId(view.container, 'sync-details')).toBeNull();

    await click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const details = byTestId(view.container, 'sync-details')!;
    expect(toggle.getAttribute('aria-controls')).toBe(details.id);
    expect(details.getAttribute('aria-labelledby')).toBeTruthy();

    const rows = [...details.querySelectorAll<HTMLElement>('[data-testid="sync-details-row"]')];
    expect(rows.map((row) => [row.dataset.collection, row.dataset.pending])).toEqual([
      ['needs', '0'],
      ['offers', '2'],
    ]);
    expect(rows[0]!.textContent).toContain('Needs');
    expect(rows[0]!.textContent).toContain('Receiving 200 of 1,000');
    expect(rows[1]!.textContent).toContain('Offers');
    expect(rows[1]!.textContent).toContain('2 changes waiting');

    expect(byTestId(details, 'sync-last-success')!.textContent).toMatch(/^Last synced .*2026/);
    expect(byTestId(details, 'sync-last-error')!.textContent).toBe('Last problem: the server could not be reached');

    await click(byTestId(details, 'sync-now')!);
    expect(syncNow).toHaveBeenCalledTimes(1);

    await click(toggle);
    expect(byTestId(view.container, 'sync-details')).toBeNull();
  });

  it('says "not synced yet" and "no problems" before the first sync, and a signed-out session in words', async () => {
    useConnectionStore.getState().setSync(status());
    view = await render(<SyncIndicator />);
    await click(byTestId(view.container, 'sync-indicator')!.querySelector('button')!);
    expect(byTestId(view.container, 'sync-last-success')!.textContent).toBe('Not synced yet');
    expect(byTestId(view.container, 'sync-last-error')!.textContent).toBe('No problems');
    act(() => useConnectionStore.getState().setSync(status({ lastError: 'session expired', lastErrorKind: 'signed-out' })));
    expect(byTestId(view.container, 'sync-last-error')!.textContent).toBe(
      'Last problem: you were signed out; sign in again to send your changes',
    );
    act(() => useConnectionStore.getState().setSync(status({ lastError: 'Something odd', lastErrorKind: 'unknown' })));
    expect(byTestId(view.container, 'sync-last-error')!.textContent).toBe('Last problem: Something odd');
  });

  it('has words for every collection and every error kind in every language', async () => {
    const { default: i18next } = await import('i18next');
    for (const language of ['en', 'de', 'fr', 'pl', 'uk']) {
      await act(() => i18next.changeLanguage(language));
      for (const name of ['municipalities', 'members', 'contacts', 'needs', 'offers', 'pledges', 'pledge_events', 'messages', 'photos']) {
        expect(i18next.exists(`sync.collection.${name}`)).toBe(true);
      }
      for (const kind of ['offline', 'unreachable', 'timeout', 'signed-out', 'refused', 'server']) {
        expect(i18next.exists(`sync.error.${kind}`)).toBe(true);
      }
    }
    await act(() => i18next.changeLanguage('en'));
  });
});
