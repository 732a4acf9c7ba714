/**
 * Every language has exactly the keys of English: the same keys, with the plural forms its own
 * plural rules need (Ukrainian and Polish have four, English and German two), no empty strings and
 * the same {{placeholders}}. English is the reference because the keys' types come from it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../domain/constants';

const LOCALES = path.resolve(import.meta.dirname, '../../locales');
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Flat = Map<string, string>;

function flatten(value: unknown, prefix = '', into: Flat = new Map()): Flat {
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, value as string);
  }
  return into;
}

function load(language: string, namespace: string): Flat {
  return flatten(JSON.parse(readFileSync(path.join(LOCALES, language, `${namespace}.json`), 'utf8')));
}

/** Keys with their plural suffix removed, and which of them are plural. */
function baseKeys(flat: Flat): { keys: Set<string>; plural: Set<string> } {
  const keys = new Set<string>();
  const plural = new Set<string>();
  for (const key of flat.keys()) {
    const base = key.replace(PLURAL_SUFFIX, '');
    keys.add(base);
    if (base !== key) plural.add(base);
  }
  return { keys, plural };
}

const placeholders = (text: string) => new Set([...text.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1]));

const NAMESPACES = readdirSync(path.join(LOCALES, 'en')).map((file) => file.replace(/\.json$/, ''));

describe('locales', () => {
  it('has a folder for every interface language and the same files in each', () => {
    expect(readdirSync(LOCALES).sort()).toEqual([...UI_LANGUAGES].sort());
    for (const language of UI_LANGUAGES) expect(readdirSync(path.join(LOCALES, language)).sort()).toEqual(NAMESPACES.map((ns) => `${ns}.json`).sort());
  });

  describe.each(NAMESPACES)('namespace %s', (namespace) => {
    const english = load('en', namespace);
    const reference = baseKeys(english);

    it.each(UI_LANGUAGES)('%s has exactly the keys of English', (language) => {
      const flat = load(language, namespace);
      const own = baseKeys(flat);
      expect([...own.keys].sort()).toEqual([...reference.keys].sort());
      expect([...own.plural].sort()).toEqual([...reference.plural].sort());
    });

    it.each(UI_LANGUAGES)('%s has the plural forms its plural rules need', (language) => {
      const flat = load(language, namespace);
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories.slice().sort();
      for (const base of reference.plural) {
        const forms = [...flat.keys()].filter((key) => key.replace(PLURAL_SUFFIX, '') === base && key !== base);
        expect(forms.map((key) => PLURAL_SUFFIX.exec(key)?.[1]).sort(), `${language}:${base}`).toEqual(categories);
      }
    });

    it.each(UI_LANGUAGES)('%s has no empty strings and keeps the placeholders', (language) => {
      for (const [key, text] of load(language, namespace)) {
        expect(typeof text, `${language}:${key}`).toBe('string');
        expect(text.trim(), `${language}:${key}`).not.toBe('');
        const base = key.replace(PLURAL_SUFFIX, '');
        const englishTexts = [...english].filter(([englishKey]) => englishKey.replace(PLURAL_SUFFIX, '') === base).map(([, value]) => value);
        const expected = new Set(englishTexts.flatMap((value) => [...placeholders(value)]));
        expect([...placeholders(text)].sort(), `${language}:${key}`).toEqual([...expected].sort());
      }
    });
  });
});
