/** How an offer's facts read on the card and the page: quantities, places, in the interface language. */
import type { TFunction } from 'i18next';
import type { Offer } from '../../../domain/schemas/offer';
import { findOblast, oblastName } from '../../geo/oblasts';
import { countryName, formatEuros, formatNumber } from '../../i18n/format';
import { oblastOfPcode } from '../../lists/list-filters';

/** "8 pieces", "250 kg", "€1,000"; null for expertise offered without a count. */
export function offerQuantity(offer: Pick<Offer, 'quantity' | 'unit'>, t: TFunction<'offers'>, language: string): string | null {
  if (offer.quantity === undefined) return null;
  const value = offer.unit === 'eur' ? formatEuros(offer.quantity, language) : formatNumber(offer.quantity, language);
  return t(`quantity.${offer.unit}`, { count: offer.quantity, value });
}

/** "Kharkiv, Kharkiv Oblast, Ukraine" or "München, Germany". */
export function offerPlace(offer: Pick<Offer, 'place'>, language: string): string {
  const oblast = findOblast(oblastOfPcode(offer.place.pcode));
  return [offer.place.settlement, oblast && oblastName(oblast, language), countryName(offer.place.country, language)].filter(Boolean).join(', ');
}

/** Today's calendar date (`YYYY-MM-DD`) in the phone's time zone, as people plan with it. */
export function localToday(now: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
