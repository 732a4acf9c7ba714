/**
 * Ukrainian text in Latin script, spelled the official way (Cabinet of Ministers resolution 55 of
 * 2010, the spelling of passports, road signs and OCHA place names): Запоріжжя → Zaporizhzhia,
 * Згурівка → Zghurivka. Partner cities read and search place names in that spelling.
 */
import CyrillicToTranslit from 'cyrillic-to-translit-js';

const ukrainian = CyrillicToTranslit({ preset: 'uk' });

const CYRILLIC = /[\u0400-\u04ff]/;

/**
 * A word: letters, possibly joined by apostrophes (Знам'янка). The library only knows spaces as word
 * boundaries, and the first letter of a word is spelled differently (Я → Ya, but я → ia inside), so
 * each word is given to it alone: "Івано-Франківськ", "(Яготин)" and new lines spell right too.
 */
const WORD = /\p{L}+(?:['’ʼ]\p{L}+)*/gu;

/** Whether `text` contains Cyrillic letters. */
export function hasCyrillic(text: string): boolean {
  return CYRILLIC.test(text);
}

function wordToLatin(word: string): string {
  if (!hasCyrillic(word)) return word;
  const latin = ukrainian.transform(word);
  // The library capitalises only the first letter of Ж → Zh; a word in capitals stays in capitals.
  return word.length > 1 && word === word.toUpperCase() ? latin.toUpperCase() : latin;
}

/** `text` with its Ukrainian words in the official Latin spelling (Київ → Kyiv); other text as is. */
export function ukrainianToLatin(text: string): string {
  return text.replace(WORD, wordToLatin);
}

/** A place name as written, and its Latin spelling when the reader needs one (else `undefined`). */
export type PlaceLabel = { original: string; latin: string | undefined };

/**
 * How to show a settlement to a reader of `readerLanguage` (a UI language code): a reader of
 * Ukrainian sees it as written; others see a Cyrillic name with its Latin spelling beside it
 * ("Житомир (Zhytomyr)"), so they can both read it and match it against the sign on the road.
 */
export function placeLabel(settlement: string, readerLanguage: string): PlaceLabel {
  if (readerLanguage === 'uk' || !hasCyrillic(settlement)) return { original: settlement, latin: undefined };
  return { original: settlement, latin: ukrainianToLatin(settlement) };
}
