import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { languageName } from '../i18n/format';
import { useConnectionStore } from '../stores/connection-store';

/** The translator's address for `text` from `from` into `to` (Google Translate's web page). */
export function translateUrl(text: string, from: string, to: string): string {
  const query = new URLSearchParams({ sl: from, tl: to, text, op: 'translate' });
  return `https://translate.google.com/?${query.toString()}`;
}

/**
 * "Translate" next to a user-written text in another language than the interface's: opens the
 * translator in a new tab, the original staying shown here. Without a network the link is disabled
 * with a hint (the translator is a web page). Renders nothing for text in the interface language.
 */
export function TranslateLink({ text, language }: { text: string; language: string }) {
  const { t, i18n } = useTranslation();
  const hintId = useId();
  const online = useConnectionStore((state) => state.browserOnline);
  const ui = i18n.resolvedLanguage ?? 'en';
  if (language === ui || text.trim() === '') return null;
  const label = t('translate.label', { language: languageName(language, ui) });
  if (!online) {
    return (
      <span className="translate-link">
        <button type="button" className="translate-link-disabled" disabled aria-describedby={hintId} data-testid="translate-link" data-state="offline">
          {label}
        </button>
        <span id={hintId} className="small muted">
          {` ${t('translate.offline')}`}
        </span>
      </span>
    );
  }
  return (
    <a
      className="translate-link"
      href={translateUrl(text, language, ui)}
      target="_blank"
      rel="noopener noreferrer"
      data-testid="translate-link"
      data-state="online"
    >
      {label}
      <span className="visually-hidden">{` ${t('translate.newTab')}`}</span>
    </a>
  );
}
