/** Dates, numbers and plurals as each interface language writes them (real locale files). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type i18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../domain/constants';
import { formatBytes, formatCalendarDate, formatEuros, formatNumber, languageName } from '../../app/i18n/format';

const LOCALES = path.resolve(import.meta.dirname, '../../locales');
const readJson = (language: string, namespace: string) =>
  JSON.parse(readFileSync(path.join(LOCALES, language, `${namespace}.json`), 'utf8')) as Record<string, unknown>;

describe('formatCalendarDate', () => {
  it('keeps the picked day in every time zone and language', () => {
    expect(formatCalendarDate('2030-01-31', 'en')).toBe('Jan 31, 2030');
    expect(formatCalendarDate('2030-01-31', 'de')).toBe('31.01.2030');
    expect(formatCalendarDate('2030-01-31', 'uk')).toMatch(/^31 січ\.? 2030/);
  });

  it('returns text that is not a date unchanged', () => {
    expect(formatCalendarDate('soon', 'en')).toBe('soon');
  });
});

describe('numbers', () => {
  it('uses the language’s separators', () => {
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(1234.5, 'de')).toBe('1.234,5');
    expect(formatNumber(1234.5, 'uk').replace(/\s/g, ' ')).toBe('1 234,5');
    expect(formatEuros(1500, 'de').replace(/\s/g, ' ')).toBe('1.500,00 €');
  });

  it('formats storage sizes with a decimal unit', () => {
    expect(formatBytes(0, 'en')).toBe('0 byte');
    expect(formatBytes(1_500_000, 'en')).toBe('1.5 MB');
    expect(formatBytes(2_000_000_000, 'de').replace(/\s/g, ' ')).toBe('2 GB');
  });

  it('names languages in the interface language', () => {
    expect(languageName('uk', 'en')).toBe('Ukrainian');
    expect(languageName('uk', 'de')).toBe('Ukrainisch');
    expect(languageName('not a tag', 'en')).toBe('not a tag');
  });
});

describe('plurals', () => {
  let instance: i18n;

  beforeAll(async () => {
    instance = i18next.createInstance();
    await instance.init({
      lng: 'en',
      fallbackLng: false,
      ns: ['common', 'needs'],
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      resources: Object.fromEntries(UI_LANGUAGES.map((language) => [language, { common: readJson(language, 'common'), needs: readJson(language, 'needs') }])),
    });
  });

  const pending = (lng: string, count: number) => instance.t('sync.pending', { lng, count });

  it.each([
    ['en', 1, '1 change waiting'],
    ['en', 2, '2 changes waiting'],
    ['uk', 1, '1 зміна очікує'],
    ['uk', 3, '3 зміни очікують'],
    ['uk', 5, '5 змін очікують'],
    ['uk', 11, '11 змін очікують'],
    ['uk', 21, '21 зміна очікує'],
    ['pl', 1, '1 zmiana czeka'],
    ['pl', 4, '4 zmiany czekają'],
    ['pl', 12, '12 zmian czeka'],
    ['pl', 22, '22 zmiany czekają'],
    ['de', 1, '1 Änderung wartet'],
    ['fr', 0, '0 modification en attente'],
    ['fr', 2, '2 modifications en attente'],
  ] as const)('%s: %i pending', (language, count, expected) => {
    expect(pending(language, count)).toBe(expected);
  });

  it('agrees a unit with a formatted, fractional quantity', () => {
    expect(instance.t('needs:quantity.litres', { lng: 'uk', count: 2.5, value: formatNumber(2.5, 'uk') })).toBe('2,5 літра');
    expect(instance.t('needs:quantity.pieces', { lng: 'uk', count: 2, value: formatNumber(2, 'uk') })).toBe('2 штуки');
    expect(instance.t('needs:quantity.pallets', { lng: 'pl', count: 5, value: formatNumber(5, 'pl') })).toBe('5 palet');
    expect(instance.t('needs:quantity.tonnes', { lng: 'en', count: 1, value: formatNumber(1, 'en') })).toBe('1 tonne');
  });
});
