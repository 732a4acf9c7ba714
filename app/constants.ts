/** Constants of the app (the shared vocabularies live in domain/constants.ts). */

/**
 * Languages a need's text may be written in, offered in the form: Ukrainian, then the languages of
 * the partner municipalities (the EU's official languages and the other UI languages).
 */
export const TEXT_LANGUAGES = [
  'uk',
  'en',
  'de',
  'pl',
  'fr',
  'bg',
  'cs',
  'da',
  'el',
  'es',
  'et',
  'fi',
  'ga',
  'hr',
  'hu',
  'it',
  'lt',
  'lv',
  'mt',
  'nl',
  'pt',
  'ro',
  'sk',
  'sl',
  'sv',
  'no',
] as const;

/**
 * Countries a municipality can register from (ISO 3166-1 alpha-2): Ukraine first, then the EU and
 * EEA, then the other countries whose cities partner with Ukrainian ones most often.
 */
export const REGISTRATION_COUNTRIES = [
  'UA',
  // EU
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  // EEA
  'IS',
  'LI',
  'NO',
  // Others
  'CH',
  'GB',
  'MD',
  'GE',
  'AL',
  'BA',
  'ME',
  'MK',
  'RS',
  'TR',
  'US',
  'CA',
  'JP',
] as const;

/** Languages offered without opening "more languages" in the language pickers: the interface's own. */
export const MAIN_TEXT_LANGUAGES = ['uk', 'en', 'de', 'pl', 'fr'] as const;
