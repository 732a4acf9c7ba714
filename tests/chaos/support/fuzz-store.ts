/**
 * The audit after a fuzz run: every document of every database, read straight from the store (not
 * through the routes being fuzzed), must be something the server may have written:
 * - synced collections: each document (tombstones included: ours keep their body) valid against its
 *   collection's schema; `meta` set by the server (createdAt, serverUpdatedAt, createdBy and
 *   updatedBy present, authors that are members the store holds, never a forged name); `updatedAt`
 *   clamped to at most MAX_CLOCK_SKEW_MS past the server's own time; no store field other than
 *   `_id`, `_rev`, `_deleted` and a photo's `_attachments`; the id matching the id pattern;
 * - accounts: an email the register contract accepts, a password hash, a member the store holds;
 *   sessions and invitations: the fields their stores need.
 */
import { COLLECTIONS, COLLECTION_NAMES } from '../../../domain/collections';
import { ID_PATTERN, MAX_CLOCK_SKEW_MS } from '../../../domain/constants';
import { validateDocument } from '../../../domain/validation';
import type { Couch, StoredDocument } from '../../../sync-server/store/couch';
import { PRIVATE_DATABASES } from '../../../sync-server/store/couch';
import { toWire } from '../../../sync-server/sync/wire';

export type StoreAudit = { documents: Record<string, number>; problems: string[] };

const ID = new RegExp(ID_PATTERN);
const ACCOUNT_EMAIL = { type: 'string', format: 'email', maxLength: 254 } as const;

async function everyDocument(list: () => Promise<{ rows: { id: string; doc?: StoredDocument | null }[] }>): Promise<StoredDocument[]> {
  const all = await list();
  return all.rows.flatMap((row) => (row.doc && !row.id.startsWith('_design/') ? [row.doc] : []));
}

/** Every deleted document too: `_all_docs` lists live ones only, `_changes` lists tombstones as well. */
async function tombstones(couch: Couch, collection: (typeof COLLECTION_NAMES)[number]): Promise<StoredDocument[]> {
  const changes = await couch.db(collection).changes({ include_docs: true, style: 'main_only' });
  return (changes.results as { deleted?: boolean; doc?: StoredDocument }[]).flatMap((change) => (change.deleted && change.doc ? [change.doc] : []));
}

export async function auditStore(couch: Couch): Promise<StoreAudit> {
  const problems: string[] = [];
  const documents: Record<string, number> = {};
  const members = new Set((await everyDocument(() => couch.db('members').list({ include_docs: true }))).map((doc) => doc._id));
  const started = Date.now();

  for (const collection of COLLECTION_NAMES) {
    const docs = [...(await everyDocument(() => couch.db(collection).list({ include_docs: true }))), ...(await tombstones(couch, collection))];
    documents[collection] = docs.length;
    for (const stored of docs) {
      const where = `${collection}/${stored._id}`;
      const storeFields = Object.keys(stored).filter((key) => key.startsWith('_') && !['_id', '_rev', '_deleted', ...(collection === 'photos' ? ['_attachments'] : [])].includes(key));
      if (storeFields.length > 0) problems.push(`${where} carries store fields ${JSON.stringify(storeFields)}`);
      if (!ID.test(stored._id)) problems.push(`${where}: the id does not match the id pattern`);
      const { _deleted: _ignored, ...wire } = toWire(stored);
      const errors = validateDocument(COLLECTIONS[collection].schema, wire);
      if (errors.length > 0) problems.push(`${where} is not a valid ${collection} document: ${JSON.stringify(errors).slice(0, 300)}`);
      const meta = (wire.meta ?? {}) as Record<string, unknown>;
      for (const field of ['createdAt', 'serverUpdatedAt', 'createdBy', 'updatedBy']) if (meta[field] === undefined) problems.push(`${where}: meta.${field} is not set`);
      for (const field of ['createdBy', 'updatedBy']) {
        const author = meta[field];
        if (typeof author === 'string' && !members.has(author) && !(collection === 'members' && author === stored._id)) problems.push(`${where}: meta.${field} "${author.slice(0, 60)}" is no member the store holds`);
      }
      const serverUpdatedAt = meta.serverUpdatedAt;
      if (typeof wire.updatedAt === 'number' && typeof serverUpdatedAt === 'number' && wire.updatedAt > serverUpdatedAt + MAX_CLOCK_SKEW_MS) {
        problems.push(`${where}: updatedAt ${wire.updatedAt} lies past the server's clock (${serverUpdatedAt}) by more than the allowed skew`);
      }
      if (typeof serverUpdatedAt === 'number' && serverUpdatedAt > started) problems.push(`${where}: meta.serverUpdatedAt lies in the future`);
    }
  }

  for (const name of PRIVATE_DATABASES) {
    const docs = await everyDocument(() => couch.privateDb(name).list({ include_docs: true }));
    documents[name] = docs.length;
    for (const doc of docs) {
      const where = `${name}/${doc._id}`;
      if (name === 'accounts') {
        if (validateDocument(ACCOUNT_EMAIL, doc.email).length > 0) problems.push(`${where}: the email ${JSON.stringify(doc.email).slice(0, 80)} is not one register accepts`);
        if (typeof doc.passwordHash !== 'string' || doc.passwordHash.length < 20) problems.push(`${where}: no password hash`);
        if (typeof doc.memberId !== 'string' || !members.has(doc.memberId)) problems.push(`${where}: member ${String(doc.memberId)} is not in the store`);
      }
      if (name === 'sessions' && (typeof doc.accountId !== 'string' || typeof doc.memberId !== 'string' || typeof doc.expiresAt !== 'number')) problems.push(`${where}: a session without account, member or expiry`);
      if (name === 'invitations' && (typeof doc.municipalityId !== 'string' || typeof doc.expiresAt !== 'number')) problems.push(`${where}: an invitation without municipality or expiry`);
    }
  }
  return { documents, problems };
}
