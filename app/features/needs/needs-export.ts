/**
 * The needs list's "Export CSV": exactly the needs shown, with their totals where known, as a
 * UTF-8 CSV file (needs-csv.ts) the browser downloads.
 */
import type { HxlNeedColumnKey } from '../../../domain/hxl';
import type { Need } from '../../../domain/schemas/need';
import { csvFileName, needsToCsv, type NeedsCsvContext } from './needs-csv';

export type NeedsCsvFile = { fileName: string; blob: Blob };

/** The file of `needs` as the reader of `language` gets it, column headers from `label`. */
export function needsCsvFile(
  needs: readonly Need[],
  context: NeedsCsvContext,
  language: string,
  label: (key: HxlNeedColumnKey) => string,
  now: Date = new Date(),
): NeedsCsvFile {
  const text = needsToCsv(needs, context, language, label);
  return { fileName: csvFileName(now), blob: new Blob([text], { type: 'text/csv;charset=utf-8' }) };
}

/** Hands `file` to the browser as a download. */
export function downloadFile({ fileName, blob }: NeedsCsvFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
