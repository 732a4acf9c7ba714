// @vitest-environment jsdom
/**
 * The need form's fixes: every field has its own accessible name (the heading no longer shares
 * the title field's id), and saving leads to the saved need's page.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openLocalStore, type LocalStore } from '../../app/db/local-store';
import { initI18n } from '../../app/i18n/index';
import { useSessionStore } from '../../app/stores/session-store';
import { NeedFormScreen } from '../../app/features/needs/NeedFormScreen';
import { renderWithStore, type RenderedView } from '../support/render-with-store';
import { makeProfile } from '../support/profiles';
import { byTestId, click, control, fill, waitFor } from '../support/dom';

// The app's validators are compiled by a build plugin; here the same schema is checked by the domain's validator.
vi.mock('../../app/forms/validate', async () => {
  const { validateDocument } = await import('../../domain/validation');
  const { NEED_SCHEMA } = await import('../../domain/schemas/need');
  return { validateNeed: (doc: unknown) => validateDocument(NEED_SCHEMA, doc) };
});

let store: LocalStore;
let view: RenderedView;

beforeAll(async () => {
  await initI18n('en');
  useSessionStore.getState().setProfile(makeProfile());
  window.history.replaceState(null, '', '/needs/new');
  store = await openLocalStore(getRxStorageMemory(), `need-form-${Date.now()}`);
  view = await renderWithStore(store, <NeedFormScreen />);
});

afterAll(async () => {
  view.unmount();
  await store.db.close();
});

describe('the new-need form', () => {
  it('gives the title field its own label, apart from the form heading', () => {
    const title = control(view.container, 'title');
    expect(document.querySelectorAll(`[id="${title.id}"]`)).toHaveLength(1);
    expect(document.querySelector(`label[for="${title.id}"]`)?.textContent).toBe('Title');
    const section = view.container.querySelector('section')!;
    expect(document.getElementById(section.getAttribute('aria-labelledby')!)?.tagName).toBe('H2');
  });

  it('opens the saved need\'s page', async () => {
    fill(control<HTMLSelectElement>(view.container, 'category'), 'water');
    fill(control(view.container, 'title'), 'Water purification units');
    fill(control(view.container, 'quantity'), '4');
    await click(byTestId(view.container, 'need-save')!);
    await waitFor(view.container, () => /^\/needs\/[^/]+$/.test(window.location.pathname) && window.location.pathname !== '/needs/new');
    const id = decodeURIComponent(window.location.pathname.split('/')[2]!);
    expect((await store.db.needs.findOne(id).exec())?.title).toBe('Water purification units');
  });
});
