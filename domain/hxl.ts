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

/** Column header, HXL hashtag, and the cell of a need (with its derived totals, when known). */
const COLUMNS: readonly [string, string, (need: Need, totals?: NeedTotals) => Cell][] = [
  ['Need id', '#meta+id', (need) => need.id],
  ['Sector', '#sector', (need) => CATEGORY_HXL_SECTOR[need.category]],
  ['Category', '#item+type', (need) => need.category],
  ['Item', '#item+name', (need) => need.title],
  ['Language', '#meta+lang', (need) => need.language],
  ['Quantity', '#value+quantity', (need) => need.quantity],
  ['Unit', '#item+unit', (need) => need.unit],
  ['Urgency', '#severity', (need) => need.urgency],
  ['Needed by', '#date+deadline', (need) => need.neededBy],
  ['Oblast P-code', '#adm1+code', (need) => oblastCode(need.place.pcode)],
  ['Settlement', '#loc+name', (need) => need.place.settlement],
  ['Settlement P-code', '#loc+code', (need) => need.place.pcode],
  ['Latitude', '#geo+lat', (need) => need.place.lat],
  ['Longitude', '#geo+lon', (need) => need.place.lon],
  ['Status', '#status', (need) => need.status],
  ['Pledged', '#value+pledged', (_need, totals) => totals?.pledged],
  ['Received', '#value+received', (_need, totals) => totals?.received],
];

function oblastCode(pcode: string | undefined): string | undefined {
  return pcode?.startsWith('UA') ? pcode.slice(0, 4) : undefined;
}

/** The two header rows of an HXL table of needs: human headers, then hashtags. */
export function hxlNeedHeader(): [string[], string[]] {
  return [COLUMNS.map(([header]) => header), COLUMNS.map(([, hashtag]) => hashtag)];
}

/** One need as an HXL row (cells aligned with `hxlNeedHeader`); empty cells are ''. */
export function needToHxlRow(need: Need, totals?: NeedTotals): (string | number)[] {
  return COLUMNS.map(([, , cell]) => cell(need, totals) ?? '');
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
