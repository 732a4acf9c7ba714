// @vitest-environment jsdom
/**
 * The sign-out dialog, given what useSignOut reports: with everything synced it only confirms;
 * with unsynced changes it says how many would be lost and offers to send or save them first.
 */
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SignOutDialog, type SignOutDialogProps } from '../../app/features/accounts/SignOutDialog';
import { initI18n } from '../../app/i18n/index';
import { byTestId, click } from '../support/dom';
import { render, settle, type RenderedView } from '../support/render-with-store';

let view: RenderedView;

beforeAll(async () => {
  await initI18n('en');
});

afterEach(() => view.unmount());

function props(overrides: Partial<SignOutDialogProps> = {}): SignOutDialogProps {
  return {
    unsynced: 0,
    syncFirst: vi.fn(() => Promise.resolve(true)),
    saveToFile: vi.fn(),
    signOut: vi.fn(() => Promise.resolve()),
    onCancel: vi.fn(),
    ...overrides,
  };
}

const get = (id: string) => byTestId(view.container, id);

describe('the sign-out dialog', () => {
  it('with everything on the server, just confirms', async () => {
    const given = props();
    view = await render(<SignOutDialog {...given} />);
    const dialog = get('sign-out-dialog')!;
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(dialog.dataset.unsynced).toBe('0');
    expect(dialog.textContent).toContain('Everything you changed is on the server.');
    expect(get('sign-out-sync-first')).toBeNull();
    expect(get('sign-out-save-file')).toBeNull();
    expect(get('sign-out-confirm')?.textContent).toBe('Sign out');
    await click(get('sign-out-confirm')!);
    expect(given.signOut).toHaveBeenCalledOnce();
  });

  it('with unsynced changes, says how many and offers to send them, save them, or delete them', async () => {
    const given = props({ unsynced: 3 });
    view = await render(<SignOutDialog {...given} />);
    expect(get('sign-out-dialog')?.dataset.unsynced).toBe('3');
    expect(get('sign-out-dialog')?.textContent).toContain('3 changes are not on the server yet.');
    expect(get('sign-out-confirm')?.textContent).toBe('Sign out and delete them from this phone');
    await click(get('sign-out-save-file')!);
    expect(given.saveToFile).toHaveBeenCalledOnce();
    expect(given.signOut).not.toHaveBeenCalled();
  });

  it('speaks of one change in the singular', async () => {
    view = await render(<SignOutDialog {...props({ unsynced: 1 })} />);
    expect(get('sign-out-dialog')?.textContent).toContain('1 change is not on the server yet. If you sign out now, it is deleted');
  });

  it('shows sending in progress, then its result', async () => {
    let finish: (synced: boolean) => void = () => undefined;
    const syncFirst = vi.fn(() => new Promise<boolean>((resolve) => (finish = resolve)));
    view = await render(<SignOutDialog {...props({ unsynced: 2, syncFirst })} />);
    await click(get('sign-out-sync-first')!);
    expect(get('sign-out-sync-result')?.dataset.result).toBe('busy');
    expect(get('sign-out-confirm')?.hasAttribute('disabled')).toBe(true);
    await act(async () => {
      finish(false);
      await settle();
    });
    expect(get('sign-out-sync-result')?.dataset.result).toBe('failed');
    expect(get('sign-out-sync-result')?.textContent).toContain('Some changes could not be sent.');
    expect(get('sign-out-confirm')?.hasAttribute('disabled')).toBe(false);
  });

  it('says when everything was sent', async () => {
    view = await render(<SignOutDialog {...props({ unsynced: 2 })} />);
    await click(get('sign-out-sync-first')!);
    expect(get('sign-out-sync-result')?.dataset.result).toBe('done');
    expect(get('sign-out-sync-result')?.textContent).toBe('All changes are on the server now.');
  });

  it('cancels with the button and with Escape', async () => {
    const given = props({ unsynced: 2 });
    view = await render(<SignOutDialog {...given} />);
    await click(get('sign-out-cancel')!);
    act(() => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    });
    expect(given.onCancel).toHaveBeenCalledTimes(2);
    expect(given.signOut).not.toHaveBeenCalled();
  });

  it('reports a failed sign-out and lets the member try again', async () => {
    view = await render(<SignOutDialog {...props({ signOut: () => Promise.reject(new Error('disk busy')) })} />);
    await click(get('sign-out-confirm')!);
    expect(view.container.textContent).toContain('Signing out failed: disk busy');
    expect(get('sign-out-confirm')?.hasAttribute('disabled')).toBe(false);
  });
});
