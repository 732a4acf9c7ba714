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
