/**
 * Ukraine's first-level units (oblasts, Crimea, Kyiv, Sevastopol) with their OCHA P-codes and the
 * approximate centre used as a need's location until settlements have their own coordinates.
 * Source: ukraine-adm1.json, copied from the project's shared data so the app is self-contained.
 */
import adm1 from './ukraine-adm1.json';

export type Oblast = {
  pcode: string;
  /** Name in Ukrainian. */
  uk: string;
  /** Name in Latin script (used for every interface language but Ukrainian). */
  en: string;
  lat: number;
  lon: number;
};

export const OBLASTS: readonly Oblast[] = adm1.units.map(({ pcode, uk, en, lat, lon }) => ({ pcode, uk, en, lat, lon }));

const BY_PCODE = new Map(OBLASTS.map((oblast) => [oblast.pcode, oblast]));

export function findOblast(pcode: string | undefined): Oblast | undefined {
  return pcode === undefined ? undefined : BY_PCODE.get(pcode);
}

/** The oblast's name in the interface language: Ukrainian script for `uk`, Latin otherwise. */
export function oblastName(oblast: Oblast, language: string): string {
  return language === 'uk' ? oblast.uk : oblast.en;
}

/** All oblasts sorted by their name in the interface language. */
export function sortedOblasts(language: string): Oblast[] {
  const collator = new Intl.Collator(language);
  return [...OBLASTS].sort((a, b) => collator.compare(oblastName(a, language), oblastName(b, language)));
}
