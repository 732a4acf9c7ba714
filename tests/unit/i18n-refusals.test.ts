/**
 * Every code a push can refuse a write with has words in every interface language (`refusal` in
 * needs.json), shown after "The server refused the last change:". English is checked by the type
 * checker; the other languages by their keys here (and by i18n-locales.test.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../domain/constants';
import { WRITE_REFUSAL_MESSAGES, type WriteRefusal } from '../../domain/permissions';
import type { RefusalCode } from '../../domain/sync-protocol';
import englishNeeds from '../../locales/en/needs.json';

// A refusal code without English words is a type error here.
const ENGLISH_REFUSALS = englishNeeds.refusal satisfies Record<RefusalCode, string>;

const REFUSAL_CODES: readonly RefusalCode[] = ['invalid-document', ...(Object.keys(WRITE_REFUSAL_MESSAGES) as WriteRefusal[])];

function refusals(language: string): Record<string, unknown> {
  const file = path.resolve(import.meta.dirname, '../../locales', language, 'needs.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { refusal: Record<string, unknown> }).refusal;
}

describe('refusal messages', () => {
  it('are exactly the refusal codes, none missing and none left over', () => {
    expect(Object.keys(ENGLISH_REFUSALS).sort()).toEqual([...REFUSAL_CODES].sort());
  });

  it.each(UI_LANGUAGES)('%s has words for every refusal code, continuing a sentence in lower case', (language) => {
    const own = refusals(language);
    for (const code of REFUSAL_CODES) {
      const text = own[code];
      expect(typeof text, `${language}:${code}`).toBe('string');
      // German nouns start with a capital letter wherever they stand.
      if (language !== 'de') expect((text as string).charAt(0), `${language}:${code}`).toBe((text as string).charAt(0).toLowerCase());
      expect(text, `${language}:${code}`).not.toMatch(/\.$/);
    }
  });
});
