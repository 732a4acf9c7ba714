/** Shapes shared by every synced document, and comparisons that ignore server-set fields. */
import { SERVER_SET_FIELDS } from './schemas/meta';

/** A document as it travels: our fields plus RxDB's deletion flag. */
export type WireDocument = { id: string; _deleted?: boolean; updatedAt?: number; [field: string]: unknown };

/** The document without server-set fields and without an explicit `_deleted: false`. */
export function withoutServerFields<T extends object>(doc: T): Partial<T> {
  const copy = { ...doc } as Record<string, unknown>;
  for (const field of SERVER_SET_FIELDS) delete copy[field];
  if (copy._deleted === false) delete copy._deleted;
  return copy as Partial<T>;
}

/** Deep equality of JSON values, independent of key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  }
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  const aKeys = Object.keys(aRecord).filter((key) => aRecord[key] !== undefined);
  const bKeys = Object.keys(bRecord).filter((key) => bRecord[key] !== undefined);
  return aKeys.length === bKeys.length && aKeys.every((key) => jsonEqual(aRecord[key], bRecord[key]));
}

/** True when two states of a document say the same thing (server-set fields ignored). */
export function sameContent(a: object | undefined, b: object | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return jsonEqual(withoutServerFields(a), withoutServerFields(b));
}
