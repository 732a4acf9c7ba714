/**
 * The synced collections: one RxDB collection on the phone and one CouchDB database on the server
 * each. RxDB's free tier opens at most 13 collections; this registry is the single list of them.
 */
import type { RxJsonSchema } from 'rxdb/plugins/core';
import type { WireDocument } from './documents';
import { FIELD_STAMPS } from './field-stamps';
import { mergeThreeWay, type MergeOptions } from './merge';
import { ALL_COLLECTIONS, type DocumentOfEvery } from './schemas/index';

export type CollectionSpec<T> = {
  schema: RxJsonSchema<T>;
  /** How two concurrent edits combine; append-only collections never conflict and have none. */
  merge: MergeOptions | 'append-only';
  /**
   * RxDB migration strategies, by the version they migrate to: documents written on a phone under an
   * older schema are carried forward when a new build opens the database. Pure functions.
   */
  migrationStrategies?: Readonly<Record<number, (old: Record<string, unknown>) => Record<string, unknown>>>;
};

/** Every synced collection (9 of the free tier's 13), in the order a phone first pulls them. */
export const COLLECTIONS = ALL_COLLECTIONS;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

/** The document type of each collection. */
export type DocumentOf = DocumentOfEvery;

export function isCollectionName(name: string): name is CollectionName {
  return Object.hasOwn(COLLECTIONS, name);
}

/** The registry seen without per-collection document types, for code generic over collections. */
const MERGE_SPECS: Readonly<Record<CollectionName, { merge: MergeOptions | 'append-only' }>> = COLLECTIONS;

/** The merge for one collection (the field rules of its spec applied to `mergeThreeWay`). */
export function mergeFor(name: CollectionName): <T extends WireDocument>(base: T | undefined, master: T, local: T) => T {
  const { merge } = MERGE_SPECS[name];
  const options = merge === 'append-only' ? {} : merge;
  return (base, master, local) => mergeThreeWay(base, master, local, options);
}

/** Collections whose documents carry per-field stamps (`fieldStamps`, field-stamps.ts): the phone stamps each change. */
export function hasFieldStamps(name: CollectionName): boolean {
  const properties: Readonly<Record<string, unknown>> = COLLECTIONS[name].schema.properties;
  return Object.hasOwn(properties, FIELD_STAMPS);
}

/** Append-only collections: a document, once written, never changes (messages, pledge events). */
export function isAppendOnly(name: CollectionName): boolean {
  return MERGE_SPECS[name].merge === 'append-only';
}
