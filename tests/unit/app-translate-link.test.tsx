// @vitest-environment jsdom
/**
 * The Translate link on users' texts: shown only for text in another language than the
 * interface's, opening Google Translate from that language into the interface's in a new tab
 * (the original stays on the page), and disabled with a hint while the phone is offline.
 */
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TranslateLink, translateUrl } from '../../app/components/TranslateLink';
import { initI18n } from '../../app/i18n/index';
import { useConnectionStore } from '../../app/stores/connection-store';
import { render, type RenderedView } from '../support/render-with-store';
import { byTestId } from '../support/dom';

const views: RenderedView[] = [];

async function show(text: string, language: string): Promise<HTMLElement> {
  const view = await render(<TranslateLink text={text} language={language} />);
  views.push(view);
  return view.container;
}

beforeAll(async () => {
  await initI18n('en');
});

afterEach(() => {
  for (const view of views.splice(0)) view.unmount();
  act(() => useConnectionStore.getState().setBrowserOnline(true));
});

describe('TranslateLink', () => {
  it.each([
    ['Ukrainian text in an English interface', 'uk', true],
    ['German text in an English interface', 'de', true],
    ['English text in an English interface', 'en', false],
  ])('%s → shown: %s', async (_name, language, shown) => {
    const container = await show('Генератори для насосної станції', language);
    expect(byTestId(container, 'translate-link') !== null).toBe(shown);
  });

  it('opens the translator from the text language into the interface language, in a new tab', async () => {
    const text = 'Генератори & кабелі? 100%';
    const link = byTestId<HTMLAnchorElement>(await show(text, 'uk'), 'translate-link')!;
    const url = new URL(link.href);
    expect(`${url.origin}${url.pathname}`).toBe('https://translate.google.com/');
    expect(Object.fromEntries(url.searchParams)).toEqual({ sl: 'uk', tl: 'en', text, op: 'translate' });
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener noreferrer');
    expect(link.textContent).toContain('Translate from Ukrainian');
    expect(translateUrl('a b', 'de', 'uk')).toBe('https://translate.google.com/?sl=de&tl=uk&text=a+b&op=translate');
  });

  it('is disabled with a hint while offline', async () => {
    act(() => useConnectionStore.getState().setBrowserOnline(false));
    const container = await show('Generatoren', 'de');
    const control = byTestId<HTMLButtonElement>(container, 'translate-link')!;
    expect(control.tagName).toBe('BUTTON');
    expect(control.disabled).toBe(true);
    expect(control.dataset.state).toBe('offline');
    expect(document.getElementById(control.getAttribute('aria-describedby')!)?.textContent).toContain('Translating needs a connection.');
  });
});
