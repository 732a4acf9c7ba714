import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../app/i18n/languages';

describe('detectLanguage', () => {
  it.each([
    // saved choice, browser languages, expected
    ['de', ['uk-UA', 'en'], 'de'],
    [null, ['uk-UA', 'uk', 'en-US'], 'uk'],
    [null, ['uk'], 'uk'],
    [null, ['de-AT', 'en'], 'de'],
    [null, ['PL'], 'pl'],
    [null, ['fr_CA'], 'fr'],
    [null, ['it-IT', 'fr-FR'], 'fr'],
    [null, ['ru-UA'], 'uk'],
    [null, ['ru-RU'], 'en'],
    [null, ['it-IT'], 'en'],
    [null, [], 'en'],
    ['xx', ['pl-PL'], 'pl'],
    [undefined, ['en-GB', 'uk'], 'en'],
  ] as const)('saved %s, browser %j → %s', (saved, browser, expected) => {
    expect(detectLanguage(saved, browser)).toBe(expected);
  });
});
