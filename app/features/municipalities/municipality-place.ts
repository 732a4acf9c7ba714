/** How a municipality is named and placed for a reader, in the interface language. */
import type { Municipality } from '../../../domain/schemas/municipality';
import { findOblast, oblastName } from '../../geo/oblasts';
import { countryName } from '../../i18n/format';

/**
 * Its names in the reader's order: Ukrainian readers see the Cyrillic name first, everyone else the
 * Latin one; the other is `secondary` when it differs. `lang` tags the Cyrillic name as Ukrainian.
 */
export function municipalityNames(municipality: Pick<Municipality, 'nameUk' | 'nameLatin'>, language: string): {
  primary: { text: string; lang?: string };
  secondary: { text: string; lang?: string } | null;
} {
  const uk = { text: municipality.nameUk, lang: 'uk' };
  const latin = { text: municipality.nameLatin };
  const [primary, secondary] = language === 'uk' ? [uk, latin] : [latin, uk];
  return { primary, secondary: secondary.text === primary.text ? null : secondary };
}

/** Where it is: the oblast and the country for Ukraine, the country elsewhere (`Харківська область, Україна`). */
export function municipalityPlace(municipality: Pick<Municipality, 'country' | 'adm1'>, language: string): string {
  const oblast = municipality.country === 'UA' ? findOblast(municipality.adm1) : undefined;
  return [oblast && oblastName(oblast, language), countryName(municipality.country, language)].filter(Boolean).join(', ');
}
