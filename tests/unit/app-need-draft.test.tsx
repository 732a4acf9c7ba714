// @vitest-environment jsdom
/**
 * The need form's draft (app/features/needs/need-draft.ts): a form closed with unsaved input — the
 * tab swiped away, the browser killed — comes back with it, and a draft never outlives its save.
 * Found by the browser campaign (tests/chaos/browser-tabs.test.ts): before, the input was gone.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openLocalStore, type LocalStore } from '../../app/db/local-store';
import { newNeedForm, type NeedFormValues } from '../../app/features/needs/need-form';
import { asNeedDraft, draftChanges, needDraftDocumentId, withDraft } from '../../app/features/needs/need-draft';
import { DRAFT_WRITE_MS, removeNeedDraft } from '../../app/features/needs/useNeedDraft';
import { NeedFormScreen } from '../../app/features/needs/NeedFormScreen';
import { initI18n } from '../../app/i18n/index';
import { useSessionStore } from '../../app/stores/session-store';
import { byTestId, click, control, fill, waitFor } from '../support/dom';
import { makeProfile } from '../support/profiles';
import { renderWithStore } from '../support/render-with-store';

vi.mock('../../app/forms/validate', async () => {
  const { validateDocument } = await import('../../domain/validation');
  const { NEED_SCHEMA } = await import('../../domain/schemas/need');
  return { validateNeed: (doc: unknown) => validateDocument(NEED_SCHEMA, doc) };
});

const blank = newNeedForm({ language: 'uk', settlement: 'Самбір', pcode: 'UA46' });

describe('draftChanges and withDraft', () => {
  it.each<[string, Partial<NeedFormValues>, Partial<NeedFormValues>]>([
    ['nothing typed', {}, {}],
    ['one field typed', { title: 'Генератор' }, { title: 'Генератор' }],
    ['typed and undone', { title: '' }, {}],
    ['a select changed', { urgency: 'critical', title: 'Вода' }, { urgency: 'critical', title: 'Вода' }],
  ])('%s', (_case, typed, expected) => {
    const changes = draftChanges(blank, { ...blank, ...typed });
    expect(changes).toEqual(expected);
    expect(withDraft(blank, { changes })).toEqual({ ...blank, ...typed });
  });

  it('lays a draft over the form as it opens now: fields left alone keep what sync brought meanwhile', () => {
    const openedThen = { ...blank, title: 'Old title', description: 'Old text' };
    const changes = draftChanges(openedThen, { ...openedThen, title: 'Typed title' });
    const openedNow = { ...openedThen, description: 'Changed by a colleague' };
    expect(withDraft(openedNow, { changes })).toEqual({ ...openedNow, title: 'Typed title' });
  });

  it.each([null, 'text', { id: 'x', changes: {} , savedAt: 1 }, { id: 1, changes: { title: 'a' }, savedAt: 1 }, { id: 'x', changes: { title: 'a' } }])(
    'reads %j as no draft',
    (data) => {
      expect(asNeedDraft(data)).toBeNull();
    },
  );
});

describe('the new-need form with a draft', () => {
  let store: LocalStore;

  beforeAll(async () => {
    await initI18n('en');
    useSessionStore.getState().setProfile(makeProfile());
    store = await openLocalStore(getRxStorageMemory(), `need-draft-${Date.now()}`);
  });

  afterAll(async () => {
    await store.db.close();
  });

  const openForm = async () => {
    window.history.replaceState(null, '', '/needs/new');
    const view = await renderWithStore(store, <NeedFormScreen />);
    await waitFor(view.container, () => byTestId(view.container, 'need-form'));
    return view;
  };
  const storedDraft = async () => asNeedDraft((await store.db.getLocal(needDraftDocumentId('new')))?.toJSON().data);

  it('a need form closed with unsaved input comes back with it, under the same id, until it is saved', async () => {
    const first = await openForm();
    expect(byTestId(first.container, 'need-draft-restored')).toBeNull();
    fill(control(first.container, 'title'), 'Генератори для насосної станції');
    fill(control<HTMLTextAreaElement>(first.container, 'description'), 'Дві станції без живлення.');
    await waitFor(first.container, () => byTestId(first.container, 'need-form')?.getAttribute('data-draft') === 'saved');
    const draft = await storedDraft();
    expect(draft?.changes).toEqual({ title: 'Генератори для насосної станції', description: 'Дві станції без живлення.' });
    // The tab goes away: nothing runs on the way out.
    first.unmount();

    const second = await openForm();
    expect(byTestId(second.container, 'need-draft-restored')).not.toBeNull();
    expect(control(second.container, 'title').value).toBe('Генератори для насосної станції');
    expect(control<HTMLTextAreaElement>(second.container, 'description').value).toBe('Дві станції без живлення.');
    fill(control<HTMLSelectElement>(second.container, 'category'), 'energy');
    fill(control(second.container, 'quantity'), '2');
    await click(byTestId(second.container, 'need-save')!);
    await waitFor(second.container, () => window.location.pathname !== '/needs/new');
    expect(decodeURIComponent(window.location.pathname.split('/')[2]!)).toBe(draft?.id);
    expect((await store.db.needs.findOne(draft!.id).exec())?.title).toBe('Генератори для насосної станції');
    expect(await storedDraft()).toBeNull();
    second.unmount();

    const third = await openForm();
    expect(control(third.container, 'title').value).toBe('');
    third.unmount();
  });

  it('leaving the page writes the draft at once: a tab closed right after typing keeps it', async () => {
    const view = await openForm();
    fill(control(view.container, 'title'), 'Намети');
    window.dispatchEvent(new Event('pagehide'));
    // The page is gone before the pause after typing is over: only the write on leaving can have kept it.
    view.unmount();
    await new Promise((resolve) => setTimeout(resolve, DRAFT_WRITE_MS * 2));
    expect((await storedDraft())?.changes).toEqual({ title: 'Намети' });
    await removeNeedDraft(store, 'new');
  });

  it('discarding a restored draft empties the form and removes the draft', async () => {
    const first = await openForm();
    fill(control(first.container, 'title'), 'Ковдри');
    await waitFor(first.container, () => byTestId(first.container, 'need-form')?.getAttribute('data-draft') === 'saved');
    first.unmount();

    const second = await openForm();
    await click(byTestId(second.container, 'need-draft-discard')!);
    expect(control(second.container, 'title').value).toBe('');
    expect(byTestId(second.container, 'need-draft-restored')).toBeNull();
    await waitFor(second.container, () => byTestId(second.container, 'need-form')?.getAttribute('data-draft') === 'none');
    expect(await storedDraft()).toBeNull();
    second.unmount();
  });

  it('a draft left behind by a browser that died right after saving its need is not offered again', async () => {
    const need = (await store.db.needs.find().exec())[0]!.toJSON();
    await store.db.upsertLocal(needDraftDocumentId('new'), { id: need.id, changes: { title: need.title }, savedAt: Date.now() });
    const view = await openForm();
    expect(control(view.container, 'title').value).toBe('');
    expect(byTestId(view.container, 'need-draft-restored')).toBeNull();
    expect(await storedDraft()).toBeNull();
    view.unmount();
  });
});
