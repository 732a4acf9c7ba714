/** Which interface language to show: the user's saved choice, else the browser's, else English. */
import { UI_LANGUAGES, type UiLanguage } from '../../domain/constants';

export const DEFAULT_LANGUAGE: UiLanguage = 'en';

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

/**
 * Picks the interface language. A saved choice wins; otherwise the first browser language we speak
 * (`de-AT` → `de`); a browser set to another language in Ukraine (`ru-UA`) gets Ukrainian; anything
 * else gets English.
 */
export function detectLanguage(saved: string | null | undefined, browserLanguages: readonly string[]): UiLanguage {
  if (isUiLanguage(saved)) return saved;
  const tags = browserLanguages.map((tag) => tag.trim().toLowerCase().replaceAll('_', '-')).filter(Boolean);
  for (const tag of tags) {
    const primary = tag.split('-')[0];
    if (isUiLanguage(primary)) return primary;
  }
  if (tags.some((tag) => tag.split('-').slice(1).includes('ua'))) return 'uk';
  return DEFAULT_LANGUAGE;
}
