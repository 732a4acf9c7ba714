// @vitest-environment jsdom
/** The update prompt never reloads in the middle of a form: it waits until no form holds unsaved input. */
import { act, useState } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { UpdatePrompt } from '../../app/components/UpdatePrompt';
import { useUnsavedForm } from '../../app/hooks/useUnsavedForm';
import { initI18n } from '../../app/i18n/index';
import { useUnsavedFormStore } from '../../app/stores/unsaved-form-store';
import { byTestId, fill } from '../support/dom';
import { render, type RenderedView } from '../support/render-with-store';

const pwa = vi.hoisted(() => ({ needRefresh: true, updateServiceWorker: vi.fn(() => Promise.resolve()) }));

vi.mock('virtual:pwa-register/react', () => ({
  useRegisterSW: () => ({
    needRefresh: [pwa.needRefresh, () => undefined],
    offlineReady: [false, () => undefined],
    updateServiceWorker: pwa.updateServiceWorker,
  }),
}));

/** A stand-in form: dirty once something is typed, clean again once saved. */
function Form() {
  const [text, setText] = useState('');
  const [saved, setSaved] = useState('');
  useUnsavedForm(text !== saved);
  return (
    <form>
      <input data-testid="form-text" value={text} onChange={(event) => setText(event.target.value)} />
      <button type="button" data-testid="form-save" onClick={() => setSaved(text)} />
    </form>
  );
}

describe('the update prompt', () => {
  let view: RenderedView;

  beforeAll(async () => {
    await initI18n('en');
  });

  beforeEach(() => {
    pwa.needRefresh = true;
    pwa.updateServiceWorker.mockClear();
  });

  afterEach(() => {
    view.unmount();
    expect(useUnsavedFormStore.getState().dirtyForms.size).toBe(0);
  });

  it('offers the reload when no form is open', async () => {
    view = await render(<UpdatePrompt />);
    expect(byTestId(view.container, 'update-after-form')).toBeNull();
    act(() => byTestId(view.container, 'update-reload')?.click());
    expect(pwa.updateServiceWorker).toHaveBeenCalledWith(true);
  });

  it('offers the reload beside a form with nothing typed in it', async () => {
    view = await render(<><UpdatePrompt /><Form /></>);
    expect(byTestId(view.container, 'update-reload')).not.toBeNull();
  });

  it('holds the reload back while a form has unsaved input, and offers it once saved', async () => {
    view = await render(<><UpdatePrompt /><Form /></>);
    fill(byTestId(view.container, 'form-text') as HTMLInputElement, 'Generators');

    const notice = byTestId(view.container, 'update-after-form');
    expect(notice?.textContent).toContain('once you have saved');
    expect(byTestId(view.container, 'update-reload')).toBeNull();
    expect(byTestId(view.container, 'update-prompt')).toBeNull();
    expect(pwa.updateServiceWorker).not.toHaveBeenCalled();
    expect((byTestId(view.container, 'form-text') as HTMLInputElement).value).toBe('Generators');

    act(() => byTestId(view.container, 'form-save')?.click());
    expect(byTestId(view.container, 'update-after-form')).toBeNull();
    expect(byTestId(view.container, 'update-reload')).not.toBeNull();
    expect(pwa.updateServiceWorker).not.toHaveBeenCalled();
  });

  it('forgets a dirty form once it is closed', async () => {
    const form = await render(<Form />);
    fill(byTestId(form.container, 'form-text') as HTMLInputElement, 'Blankets');
    view = await render(<UpdatePrompt />);
    expect(byTestId(view.container, 'update-after-form')).not.toBeNull();
    form.unmount();
    await act(() => Promise.resolve());
    expect(byTestId(view.container, 'update-reload')).not.toBeNull();
  });

  it('asks the browser to confirm leaving the page only while a form is dirty', async () => {
    view = await render(<Form />);
    const clean = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(clean);
    expect(clean.defaultPrevented).toBe(false);

    fill(byTestId(view.container, 'form-text') as HTMLInputElement, 'Water');
    const dirty = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(dirty);
    expect(dirty.defaultPrevented).toBe(true);
  });

  it('says nothing when there is no new version', async () => {
    pwa.needRefresh = false;
    view = await render(<><UpdatePrompt /><Form /></>);
    fill(byTestId(view.container, 'form-text') as HTMLInputElement, 'Tents');
    expect(view.container.querySelector('[data-testid^="update-"]')).toBeNull();
  });
});
