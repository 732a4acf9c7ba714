/**
 * The synced collections: one RxDB collection on the phone and one CouchDB database on the server
 * each. RxDB's free tier opens at most 13 collections; this registry is the single list of them.
 */
import type { RxJsonSchema } from 'rxdb/plugins/core';
import { mergeThreeWay, type MergeOptions } from './merge';
import { NEED_SCHEMA, type Need } from './schemas/need';
import { needStatusRule } from './rules/need-status';

export type CollectionSpec<T> = {
  schema: RxJsonSchema<T>;
  /** How two concurrent edits combine; append-only collections never conflict and have none. */
  merge: MergeOptions | 'append-only';
};

export const COLLECTIONS = {
  needs: { schema: NEED_SCHEMA, merge: { fieldRules: { status: needStatusRule } } } satisfies CollectionSpec<Need>,
} as const;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

/** The document type of each collection. */
export type DocumentOf = { needs: Need };

export function isCollectionName(name: string): name is CollectionName {
  return Object.hasOwn(COLLECTIONS, name);
}

/** The merge for one collection (the field rules of its spec applied to `mergeThreeWay`). */
export function mergeFor(name: CollectionName) {
  const spec: CollectionSpec<DocumentOf[typeof name]> = COLLECTIONS[name];
  const options = spec.merge === 'append-only' ? {} : spec.merge;
  return <T extends DocumentOf[typeof name] & { _deleted?: boolean }>(base: T | undefined, master: T, local: T): T =>
    mergeThreeWay(base, master, local, options);
}

/** Append-only collections: a document, once written, never changes (messages, pledge events). */
export function isAppendOnly(name: CollectionName): boolean {
  const spec: CollectionSpec<DocumentOf[typeof name]> = COLLECTIONS[name];
  return spec.merge === 'append-only';
}
