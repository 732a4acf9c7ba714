import type { Need } from '../../../domain/schemas/need';
import { hasCyrillic, placeLabel } from '../../../domain/transliteration';
import { findOblast, oblastName } from '../../geo/oblasts';
import { oblastOfPcode } from '../../lists/list-filters';

/**
 * Where a need is: its settlement as written, with the official Latin spelling beside a Cyrillic
 * name for readers of other languages, then its oblast (from the first level of any P-code).
 */
export function NeedPlace({ place, language }: { place: Need['place']; language: string }) {
  const label = placeLabel(place.settlement, language);
  const oblast = findOblast(oblastOfPcode(place.pcode));
  const oblastLabel = oblast ? oblastName(oblast, language) : undefined;
  return (
    <>
      <span lang={hasCyrillic(label.original) ? 'uk' : undefined}>{label.original}</span>
      {label.latin && label.latin !== label.original && <span className="place-latin">{` (${label.latin})`}</span>}
      {oblastLabel && oblastLabel !== label.original && `, ${oblastLabel}`}
    </>
  );
}
