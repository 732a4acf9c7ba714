/**
 * Needs as HXL (Humanitarian Exchange Language) rows, so clusters and OCHA tools can read what
 * municipalities need: a header row, a hashtag row, then one row per need. Pure: the caller writes
 * the file. Cells are CSV-escaped and user text that a spreadsheet would run as a formula is
 * neutralised.
 */
import { CATEGORY_HXL_SECTOR } from './constants';
import type { NeedTotals } from './rules/need-totals';
import type { Need } from './schemas/need';

type Cell = string | number | undefined;

/** What a need's row may say beyond the need itself; each part is optional. */
export type HxlNeedExtras = {
  /** The need's municipality, by name (in the script the reader expects). */
  organisation?: string;
};

/** One column of the needs table: a stable key (for translated headers), English header, HXL hashtag. */
export type HxlNeedColumn = { key: HxlNeedColumnKey; header: string; hashtag: string };

/** Column key, header, HXL hashtag, and the cell of a need (with its derived totals, when known). */
const COLUMNS = [
  ['id', 'Need id', '#meta+id', (need) => need.id],
  ['organisation', 'Municipality', '#org+name', (_need, _totals, extras) => extras?.organisation],
  ['sector', 'Sector', '#sector', (need) => CATEGORY_HXL_SECTOR[need.category]],
  ['category', 'Category', '#item+type', (need) => need.category],
  ['item', 'Item', '#item+name', (need) => need.title],
  ['language', 'Language', '#meta+lang', (need) => need.language],
  ['quantity', 'Quantity', '#value+quantity', (need) => need.quantity],
  ['unit', 'Unit', '#item+unit', (need) => need.unit],
  ['urgency', 'Urgency', '#severity', (need) => need.urgency],
  ['neededBy', 'Needed by', '#date+deadline', (need) => need.neededBy],
  ['oblastCode', 'Oblast P-code', '#adm1+code', (need) => oblastCode(need.place.pcode)],
  ['settlement', 'Settlement', '#loc+name', (need) => need.place.settlement],
  ['settlementCode', 'Settlement P-code', '#loc+code', (need) => need.place.pcode],
  ['latitude', 'Latitude', '#geo+lat', (need) => need.place.lat],
  ['longitude', 'Longitude', '#geo+lon', (need) => need.place.lon],
  ['status', 'Status', '#status', (need) => need.status],
  ['pledged', 'Pledged', '#value+pledged', (_need, totals) => totals?.pledged],
  ['received', 'Received', '#value+received', (_need, totals) => totals?.received],
] as const satisfies readonly (readonly [string, string, string, (need: Need, totals?: NeedTotals, extras?: HxlNeedExtras) => Cell])[];

/** Stable names of the needs table's columns, in column order. */
export type HxlNeedColumnKey = (typeof COLUMNS)[number][0];

/** The needs table's columns, in order. */
export const HXL_NEED_COLUMNS: readonly HxlNeedColumn[] = COLUMNS.map(([key, header, hashtag]) => ({ key, header, hashtag }));

function oblastCode(pcode: string | undefined): string | undefined {
  return pcode?.startsWith('UA') ? pcode.slice(0, 4) : undefined;
}

/** The two header rows of an HXL table of needs: human headers, then hashtags. */
export function hxlNeedHeader(): [string[], string[]] {
  return [HXL_NEED_COLUMNS.map(({ header }) => header), HXL_NEED_COLUMNS.map(({ hashtag }) => hashtag)];
}

/** One need as an HXL row (cells aligned with `hxlNeedHeader`); empty cells are ''. */
export function needToHxlRow(need: Need, totals?: NeedTotals, extras?: HxlNeedExtras): (string | number)[] {
  return COLUMNS.map(([, , , cell]) => cell(need, totals, extras) ?? '');
}

/** A CSV cell: quoted when needed; text starting like a formula gets a leading apostrophe. */
function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A whole HXL CSV of needs, each with its totals when given (keyed by need id). */
export function needsToHxlCsv(needs: readonly Need[], totals: ReadonlyMap<Need['id'], NeedTotals> = new Map()): string {
  const rows = [...hxlNeedHeader(), ...needs.map((need) => needToHxlRow(need, totals.get(need.id)))];
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
