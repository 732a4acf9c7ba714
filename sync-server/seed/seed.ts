/**
 * `npm run seed -- [--seed N] [--password P] [--force] [--replace]`: fills the store with the demo
 * platform of demo-data.ts, for a new user to try. Guarantees:
 * - same store, same code path as the server: COUCHDB_URL, else the embedded store running for
 *   DATA_DIR (through DATA_DIR/store.json), else one started for the command (store/open-store.ts);
 * - it never mixes into data it did not make unless told: a store holding real data (any document
 *   of the synced collections without the demo id prefix, or any account that is not a moderator's
 *   or a demo one; moderators alone do not count, so ADMIN_EMAIL does not block a fresh install) is
 *   refused without `--force`; a store already holding demo data is refused without `--replace`,
 *   which first deletes the demo documents (as full-bodied tombstones, so phones can sync the
 *   deletion), the demo accounts and their sessions. A refusal changes nothing;
 * - every document is validated against its schema before anything is written; one invalid
 *   document stops the command before the first write;
 * - documents go through `_bulk_docs` in batches; a row the store refuses fails the command;
 *   accounts go through the server's AccountStore with the server's scrypt hashes, so the printed
 *   passwords sign in like any other.
 * Exit codes: 0 seeded, 1 refused or failed, 2 bad usage, configuration or password.
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { MangoSelector } from 'nano';
import { COLLECTIONS, COLLECTION_NAMES, type CollectionName } from '../../domain/collections';
import { validateDocument } from '../../domain/validation';
import { AccountStore } from '../auth/accounts';
import { MODERATORS_MUNICIPALITY_ID } from '../auth/constants';
import { hashPassword, PasswordPolicyError } from '../auth/passwords';
import { ConfigError, loadConfig } from '../config';
import type { Couch, StoredDocument } from '../store/couch';
import { openStore } from '../store/open-store';
import { toStored } from '../sync/wire';
import { countsOf, DEMO_EMAIL_DOMAIN, DEMO_ID_PREFIX, generateDemoData, type DemoAccount, type DemoDocuments } from './demo-data';

/** Documents per `_bulk_docs` request. */
const BULK_BATCH = 500;

/** Documents read per `_find` page while deleting demo data. */
const FIND_PAGE = 1000;

const DEMO_ID_SELECTOR = { _id: { $regex: `^${DEMO_ID_PREFIX}` } };
// Negative look-ahead rather than `$not`, which PouchDB's Mango does not know (CouchDB's PCRE and JavaScript both read it).
const REAL_ID_SELECTOR = { _id: { $regex: `^(?!${DEMO_ID_PREFIX})` } };
const DEMO_EMAIL_REGEX = `@${DEMO_EMAIL_DOMAIN.replaceAll('.', '\\.')}$`;
const OTHER_EMAIL_REGEX = `^(?!.*${DEMO_EMAIL_REGEX})`;

export type SeedOptions = {
  seed: number;
  /** One password for every demo account; random ones (printed) when absent. */
  password?: string | null;
  /** Seed even though the store holds real data (the demo data is added alongside). */
  force?: boolean;
  /** Delete the demo data already in the store first. */
  replace?: boolean;
  now?: number;
};

export type SeededAccount = { email: string; password: string; role: DemoAccount['role']; municipality: string };

export type SeedRefusal = 'real-data-present' | 'demo-data-present';

export type SeedOutcome =
  | { status: 'seeded'; counts: Record<string, number>; accounts: SeededAccount[]; deleted: number; ms: number }
  | { status: 'refused'; code: SeedRefusal; message: string };

export class InvalidDemoDocumentError extends Error {
  override name = 'InvalidDemoDocumentError';
}

/** What the store holds already: a few real documents (for the message) and whether demo data is there. */
async function surveyStore(couch: Couch): Promise<{ real: string[]; demo: boolean }> {
  const real: string[] = [];
  let demo = false;
  for (const collection of COLLECTION_NAMES) {
    // A member of no municipality is a moderator (ADMIN_EMAIL, the admin CLI); contacts belong to members.
    if (collection === 'contacts') continue;
    const selector: MangoSelector = collection === 'members' ? { ...REAL_ID_SELECTOR, municipalityId: { $ne: MODERATORS_MUNICIPALITY_ID } } : REAL_ID_SELECTOR;
    const found = await couch.db(collection).find({ selector, fields: ['_id'], limit: 3 });
    real.push(...found.docs.filter((doc) => !doc._id.startsWith('_design/')).map((doc) => `${collection}/${doc._id}`));
    if (!demo) demo = (await couch.db(collection).find({ selector: DEMO_ID_SELECTOR, fields: ['_id'], limit: 1 })).docs.length > 0;
  }
  const accounts = couch.privateDb('accounts');
  const people = await accounts.find({
    selector: { type: 'account', municipalityId: { $ne: MODERATORS_MUNICIPALITY_ID }, email: { $regex: OTHER_EMAIL_REGEX } },
    fields: ['_id'],
    limit: 3,
  });
  real.push(...people.docs.map((doc) => `accounts/${doc._id}`));
  if (!demo) demo = (await accounts.find({ selector: { type: 'account', email: { $regex: DEMO_EMAIL_REGEX } }, fields: ['_id'], limit: 1 })).docs.length > 0;
  return { real, demo };
}

/** Every live document of a database matching `selector`, page by page. */
async function findAll(db: ReturnType<Couch['db']>, selector: MangoSelector): Promise<StoredDocument[]> {
  const docs: StoredDocument[] = [];
  let bookmark: string | undefined;
  for (;;) {
    const page = await db.find({ selector, limit: FIND_PAGE, ...(bookmark ? { bookmark } : {}) });
    docs.push(...page.docs);
    if (page.docs.length < FIND_PAGE || !page.bookmark) return docs;
    bookmark = page.bookmark;
  }
}

/** Writes documents through `_bulk_docs` in batches; any refused row fails loudly. */
async function bulkWrite(db: ReturnType<Couch['db']>, what: string, docs: StoredDocument[]): Promise<void> {
  for (let start = 0; start < docs.length; start += BULK_BATCH) {
    const rows = await db.bulk({ docs: docs.slice(start, start + BULK_BATCH) });
    const failed = rows.filter((row) => row.error);
    if (failed.length > 0) {
      throw new Error(`the store refused ${failed.length} ${what} document(s): ${failed.slice(0, 3).map((row) => `${row.id}: ${row.error} ${row.reason ?? ''}`).join('; ')}`);
    }
  }
}

/** Deletes the demo documents (full-bodied tombstones), the demo accounts and their sessions; answers how many documents went. */
async function deleteDemoData(couch: Couch): Promise<number> {
  let deleted = 0;
  for (const collection of COLLECTION_NAMES) {
    const docs = await findAll(couch.db(collection), DEMO_ID_SELECTOR);
    await bulkWrite(couch.db(collection), collection, docs.map((doc) => ({ ...doc, _deleted: true })));
    deleted += docs.length;
  }
  const accounts = await findAll(couch.privateDb('accounts'), { type: 'account', email: { $regex: DEMO_EMAIL_REGEX } });
  if (accounts.length > 0) {
    const sessions = await findAll(couch.privateDb('sessions'), { accountId: { $in: accounts.map((account) => account._id) } });
    await bulkWrite(couch.privateDb('sessions'), 'session', sessions.map((session) => ({ ...session, _deleted: true })));
    await bulkWrite(couch.privateDb('accounts'), 'account', accounts.map((account) => ({ ...account, _deleted: true })));
  }
  return deleted + accounts.length;
}

/** Every document checked against its collection's schema; throws with the first errors found. */
export function validateDemoDocuments(documents: DemoDocuments): void {
  const problems: string[] = [];
  for (const [collection, docs] of Object.entries(documents) as [CollectionName, { id: string }[]][]) {
    for (const doc of docs) {
      const errors = validateDocument(COLLECTIONS[collection].schema, doc);
      if (errors.length > 0) problems.push(`${collection}/${doc.id}: ${JSON.stringify(errors)}`);
    }
  }
  if (problems.length > 0) throw new InvalidDemoDocumentError(`${problems.length} demo document(s) fail their schema:\n${problems.slice(0, 10).join('\n')}`);
}

function refusal(code: SeedRefusal, real: string[]): SeedOutcome {
  const message =
    code === 'real-data-present'
      ? `The store holds data the seed did not make (e.g. ${real.join(', ')}). Seeding would mix demo data into it; ` +
        'run with --force to add the demo data anyway (and --replace to replace earlier demo data).'
      : 'The store holds demo data already. Run with --replace to delete it and seed again.';
  return { status: 'refused', code, message };
}

/** Seeds `couch` (see the module header). Refusals are answers; failures throw. */
export async function seedDemoData(couch: Couch, options: SeedOptions): Promise<SeedOutcome> {
  const started = performance.now();
  const now = options.now ?? Date.now();
  await couch.ensureDatabases();
  await couch.ensurePrivateDatabases();
  const { real, demo } = await surveyStore(couch);
  if (real.length > 0 && !options.force) return refusal('real-data-present', real);
  if (demo && !options.replace) return refusal('demo-data-present', real);

  const { documents, accounts } = generateDemoData({ seed: options.seed, now });
  validateDemoDocuments(documents);
  // Hashing first: a password the policy refuses stops the command before anything is deleted or written.
  const passwords = accounts.map(() => options.password ?? randomBytes(12).toString('base64url'));
  const hashes = await Promise.all(passwords.map((password) => hashPassword(password)));

  const deleted = demo ? await deleteDemoData(couch) : 0;
  const accountMembers = new Set(accounts.map((account) => account.memberId));
  const stored = (collection: keyof DemoDocuments) => (documents[collection] as { id: string }[]).map((doc) => toStored(doc, undefined));
  await bulkWrite(couch.db('municipalities'), 'municipalities', stored('municipalities'));
  await bulkWrite(couch.db('members'), 'members', stored('members').filter((doc) => !accountMembers.has(doc._id)));
  const accountStore = new AccountStore(couch);
  for (const [index, account] of accounts.entries()) {
    const member = documents.members.find((candidate) => candidate.id === account.memberId)!;
    const createdAt = member.meta?.createdAt ?? now;
    await accountStore.create(
      { email: account.email, passwordHash: hashes[index]!, memberId: member.id, municipalityId: account.municipalityId, createdVia: account.createdVia, createdAt, passwordChangedAt: now },
      [{ collection: 'members', doc: { ...member, _deleted: false } }],
    );
  }
  for (const collection of ['contacts', 'needs', 'offers', 'pledges', 'pledge_events', 'messages'] as const) {
    await bulkWrite(couch.db(collection), collection, stored(collection));
  }
  return {
    status: 'seeded',
    counts: countsOf(documents),
    accounts: accounts.map((account, index) => ({ email: account.email, password: passwords[index]!, role: account.role, municipality: account.municipalityName })),
    deleted,
    ms: Math.round(performance.now() - started),
  };
}

const USAGE = `Usage: npm run seed -- [--seed N] [--password PASSWORD] [--force] [--replace]
  --seed N             the demo data is the same for the same N (default 1)
  --password PASSWORD  one password for every demo account (default: a random one each, printed)
  --force              seed even though the store holds real data (demo data is added alongside)
  --replace            delete the demo data a previous run wrote, then seed
Environment: COUCHDB_URL, or DATA_DIR of the embedded store (default ./data); DB_PREFIX.`;

class UsageError extends Error {
  override name = 'UsageError';
}

/** The accounts as a Markdown-style table, columns padded. */
export function accountsTable(accounts: readonly SeededAccount[]): string {
  const rows = [['Email', 'Password', 'Role', 'Municipality'], ...accounts.map((account) => [account.email, account.password, account.role, account.municipality])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell + ' '.repeat(widths[column]! - [...cell].length)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

function summary(outcome: Extract<SeedOutcome, { status: 'seeded' }>): string {
  const { counts } = outcome;
  const parts = ['municipalities', 'members', 'needs', 'offers', 'pledges', 'pledge_events', 'messages'].map((name) => `${counts[name] ?? 0} ${name.replace('_', ' ')}`);
  const replaced = outcome.deleted > 0 ? ` after deleting ${outcome.deleted} earlier demo documents and accounts` : '';
  return `Seeded the demo platform in ${(outcome.ms / 1000).toFixed(1)} s${replaced}: ${parts.join(', ')}.`;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { seed: { type: 'string' }, password: { type: 'string' }, force: { type: 'boolean' }, replace: { type: 'boolean' }, help: { type: 'boolean' } },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const seed = values.seed === undefined ? 1 : Number(values.seed);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new UsageError('--seed must be an integer from 0 to 4294967295');
    const config = loadConfig();
    const store = await openStore(config);
    try {
      const outcome = await seedDemoData(store.couch, { seed, password: values.password ?? null, force: values.force === true, replace: values.replace === true });
      if (outcome.status === 'refused') {
        process.stderr.write(`Refused (${outcome.code}): ${outcome.message}\nNothing was changed.\n`);
        return 1;
      }
      process.stdout.write(`${summary(outcome)}\n\nDemo accounts (verified and active):\n${accountsTable(outcome.accounts)}\n`);
      return 0;
    } finally {
      await store.close();
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof PasswordPolicyError) {
      process.stderr.write(`--password: ${error.message}.\n`);
      return 2;
    }
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`The seed failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
