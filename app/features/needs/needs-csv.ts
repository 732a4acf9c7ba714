/**
 * Needs as a CSV file for spreadsheets and humanitarian tools: a header row in the reader's
 * language, the HXL hashtag row (domain/hxl.ts) so OCHA and cluster tools read the columns, then one
 * row per need. Cells hold codes (category, urgency, status) rather than translations, so files from
 * different languages line up. Pure: the screen turns the string into a download.
 */
import Papa from 'papaparse';
import { HXL_NEED_COLUMNS, needToHxlRow, type HxlNeedColumnKey } from '../../../domain/hxl';
import type { NeedTotals } from '../../../domain/rules/need-totals';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Need } from '../../../domain/schemas/need';
import { municipalityName } from '../../i18n/format';

/** A spreadsheet opens a file as UTF-8 (keeping Cyrillic) only when it starts with this mark. */
const BYTE_ORDER_MARK = '\uFEFF';

/** What the export adds to the needs: their municipalities' names and, when known, their totals. */
export type NeedsCsvContext = {
  municipalities: ReadonlyMap<Municipality['id'], Pick<Municipality, 'nameUk' | 'nameLatin'>>;
  totals?: ReadonlyMap<Need['id'], NeedTotals>;
};

/** A column's header in the reader's language, e.g. `(key) => t(\`csv.${key}\`)`; English when omitted. */
export type CsvColumnLabel = (key: HxlNeedColumnKey) => string;

/**
 * Only a cell starting like a formula is neutralised (with a leading apostrophe). Papa's own
 * `escapeFormulae: true` pattern ends in `.*$`, which misses a formula followed by a line break.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The CSV text (UTF-8 byte order mark first, CRLF lines) of `needs` with human and HXL headers. */
export function needsToCsv(needs: readonly Need[], context: NeedsCsvContext, language: string, label?: CsvColumnLabel): string {
  const headers = HXL_NEED_COLUMNS.map(({ key, header }) => (label ? label(key) : header));
  const hashtags = HXL_NEED_COLUMNS.map(({ hashtag }) => hashtag);
  const rows = needs.map((need) => {
    const municipality = context.municipalities.get(need.municipalityId);
    return needToHxlRow(need, context.totals?.get(need.id), {
      organisation: municipality ? municipalityName(municipality, language) : undefined,
    });
  });
  return BYTE_ORDER_MARK + Papa.unparse([headers, hashtags, ...rows], { newline: '\r\n', escapeFormulae: FORMULA_START });
}

/** The download's file name for an export made at `date` (local calendar day): `cities4cities-needs-2026-03-01.csv`. */
export function csvFileName(date: Date): string {
  const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()].map((part) => String(part).padStart(2, '0')).join('-');
  return `cities4cities-needs-${day}.csv`;
}
