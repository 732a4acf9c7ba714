/**
 * Numbers, dates and sizes formatted for the interface language with Intl. Formatters are costly to
 * create on a slow phone, so each is made once per language and options.
 */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, create: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = create();
    cache.set(key, formatter);
  }
  return formatter;
}

export function formatNumber(value: number, language: string): string {
  return cached(`n:${language}`, () => new Intl.NumberFormat(language, { maximumFractionDigits: 3 })).format(value);
}

export function formatEuros(value: number, language: string): string {
  return cached(
    `eur:${language}`,
    () => new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 }),
  ).format(value);
}

/** A calendar date (`YYYY-MM-DD`, no time zone) as the language writes it; the input when it is not a date. */
export function formatCalendarDate(date: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Formatting in UTC keeps the day the user picked whatever the phone's time zone.
  return cached(`d:${language}`, () => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' })).format(utc);
}

/** A moment (epoch milliseconds) in the phone's time zone. */
export function formatDateTime(epochMs: number, language: string): string {
  return cached(`dt:${language}`, () => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' })).format(
    epochMs,
  );
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** A storage size with the largest unit that keeps the number at least 1 (decimal units, like the OS). */
export function formatBytes(bytes: number, language: string): string {
  let value = Math.max(0, bytes);
  let index = 0;
  while (value >= 1000 && index < BYTE_UNITS.length - 1) {
    value /= 1000;
    index++;
  }
  const unit = BYTE_UNITS[index] ?? 'byte';
  const fractionDigits = value < 10 && index > 0 ? 1 : 0;
  return cached(
    `b:${language}:${unit}:${fractionDigits}`,
    () => new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: fractionDigits }),
  ).format(value);
}

/** The name of a language in the interface language (`uk` → "Ukrainian"), or the code itself. */
export function languageName(code: string, language: string): string {
  let names = displayNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'language' });
    displayNames.set(language, names);
  }
  try {
    return names.of(code) ?? code;
  } catch (error) {
    // `of` throws a RangeError for a code that is not a well-formed language tag.
    if (error instanceof RangeError) return code;
    throw error;
  }
}

const displayNames = new Map<string, Intl.DisplayNames>();

const regionNames = new Map<string, Intl.DisplayNames>();

/** The name of a country (ISO 3166-1 alpha-2) in the interface language (`UA` → "Ukraine"), or the code. */
export function countryName(code: string, language: string): string {
  let names = regionNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'region' });
    regionNames.set(language, names);
  }
  try {
    return names.of(code) ?? code;
  } catch (error) {
    if (error instanceof RangeError) return code;
    throw error;
  }
}

/** A municipality's name in the interface's script: Ukrainian (Cyrillic) for `uk`, Latin otherwise. */
export function municipalityName(municipality: { nameUk: string; nameLatin: string }, language: string): string {
  return language === 'uk' ? municipality.nameUk : municipality.nameLatin;
}
