/**
 * Test documents. The domain factories give schema-valid documents with fixed ids (for tables);
 * the `fresh…` ones give a new id each call, for tests that share one server.
 */
import { randomUUID } from 'node:crypto';
import type { Need } from '../../domain/schemas/need';
import { makeNeed } from '../unit/domain-factories';

export * from '../unit/domain-factories';

export function makeId(): string {
  return randomUUID();
}

/** A copy of `doc` under a new id. */
export function fresh<T extends { id: string }>(doc: T): T {
  return { ...doc, id: makeId() };
}

let stamp = 0;

/** A need with a new id and a later `updatedAt` than the previous one. */
export function freshNeed(overrides: Partial<Need> = {}): Need {
  stamp += 1;
  return makeNeed({ id: makeId(), title: `Diesel generators ${stamp}`, updatedAt: 1_790_000_000_000 + stamp, ...overrides });
}
