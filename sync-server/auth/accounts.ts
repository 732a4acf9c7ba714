/**
 * Accounts and sessions, stored through nano in the server-only databases `${DB_PREFIX}accounts`
 * and `${DB_PREFIX}sessions`, so every server instance sees the same ones. Guarantees:
 * - one account per email: the account's `_id` is derived from the normalised email, so two
 *   registrations racing for one address cannot both succeed (CouchDB's 409 decides);
 * - an account and the synced documents created with it are written together or not at all
 *   (documents written before a failure are deleted again, as full-bodied tombstones);
 * - a session token exists only in the member's cookie: the store holds its SHA-256, so reading the
 *   sessions database does not let anyone sign in;
 * - a session is valid while not revoked and not expired; using it slides `expiresAt` (by the caller,
 *   at most once per SESSION_TOUCH_INTERVAL_MS); revoking is a write every instance sees at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { CollectionName } from '../../domain/collections';
import type { WireDocument } from '../../domain/documents';
import type { Couch, StoredDocument } from '../store/couch';
import { toStored } from '../sync/wire';
import { SESSION_LIFETIME_MS, SESSION_TOKEN_BYTES } from './constants';

/** How an account came to be: self-registration, an invitation code, ADMIN_EMAIL at start, or the admin CLI. */
export type AccountOrigin = 'register' | 'invitation' | 'admin-env' | 'cli';

export type Account = {
  _id: string;
  _rev?: string;
  type: 'account';
  /** Lower-case, trimmed. */
  email: string;
  passwordHash: string;
  memberId: string;
  municipalityId: string;
  createdVia: AccountOrigin;
  createdAt: number;
  passwordChangedAt: number;
  /** Set when a moderator rejected this member's application: the reason the applicant sees. */
  rejection?: { reason: string; at: number; by: string };
};

export type Session = {
  /** SHA-256 (hex) of the token in the cookie. */
  _id: string;
  _rev?: string;
  type: 'session';
  accountId: string;
  memberId: string;
  /** The member's municipality (a member never moves), so the member and it are read at once. Absent in older sessions. */
  municipalityId?: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  revoked: boolean;
  revokedAt?: number;
};

/** A synced document to create together with an account. */
export type NewDocument = { collection: CollectionName; doc: WireDocument };

export class EmailTakenError extends Error {
  override name = 'EmailTakenError';
  constructor() {
    super('An account with this email already exists');
  }
}

/** Emails compare case-insensitively and without surrounding spaces. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The account's document id: one per normalised email. */
export function accountIdOf(email: string): string {
  return `email:${normaliseEmail(email)}`;
}

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}

function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Reads a document, or null when it does not exist (or was deleted). */
async function getOrNull<T>(db: ReturnType<Couch['privateDb']>, id: string): Promise<T | null> {
  try {
    return (await db.get(id)) as unknown as T;
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

export class AccountStore {
  constructor(private readonly couch: Couch) {}

  private get db() {
    return this.couch.privateDb('accounts');
  }

  findByEmail(email: string): Promise<Account | null> {
    return getOrNull<Account>(this.db, accountIdOf(email));
  }

  get(accountId: string): Promise<Account | null> {
    return getOrNull<Account>(this.db, accountId);
  }

  /** The accounts of the given members (at most one each). */
  async findByMembers(memberIds: string[]): Promise<Account[]> {
    if (memberIds.length === 0) return [];
    const found = await this.db.find({ selector: { type: 'account', memberId: { $in: memberIds } }, limit: memberIds.length });
    return found.docs as unknown as Account[];
  }

  /** The account that registered a municipality (its first coordinator), or null. */
  async findRegistrant(municipalityId: string): Promise<Account | null> {
    const found = await this.db.find({ selector: { type: 'account', municipalityId, createdVia: 'register' }, limit: 1 });
    return (found.docs[0] as unknown as Account | undefined) ?? null;
  }

  /** Records a moderator's rejection on the member's account (retries on a concurrent change). */
  async setRejection(memberId: string, rejection: NonNullable<Account['rejection']>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const [account] = await this.findByMembers([memberId]);
      if (!account) return;
      try {
        await this.db.insert({ ...account, rejection });
        return;
      } catch (error) {
        if (statusOf(error) !== 409 || attempt >= 4) throw error;
      }
    }
  }

  /** True when any account was made by ADMIN_EMAIL or the CLI (that is, a moderator exists). */
  async hasModeratorAccount(): Promise<boolean> {
    const found = await this.db.find({ selector: { createdVia: { $in: ['admin-env', 'cli'] } }, fields: ['_id'], limit: 1 });
    return found.docs.length > 0;
  }

  /**
   * Creates the account and the synced documents that go with it (see the module header).
   * Throws EmailTakenError when the email has an account already.
   */
  async create(account: Omit<Account, '_id' | '_rev' | 'type'>, documents: NewDocument[]): Promise<Account> {
    const stored: Account = { ...account, _id: accountIdOf(account.email), type: 'account', email: normaliseEmail(account.email) };
    let rev: string;
    try {
      rev = (await this.db.insert(stored)).rev;
    } catch (error) {
      if (statusOf(error) === 409) throw new EmailTakenError();
      throw error;
    }
    const written: { collection: CollectionName; stored: StoredDocument }[] = [];
    try {
      for (const { collection, doc } of documents) {
        const result = await this.couch.db(collection).insert(toStored(doc, undefined));
        written.push({ collection, stored: { ...toStored(doc, result.rev), _rev: result.rev } });
      }
    } catch (error) {
      await this.undo(stored._id, rev, written, error);
      throw error;
    }
    return { ...stored, _rev: rev };
  }

  private async undo(accountId: string, rev: string, written: { collection: CollectionName; stored: StoredDocument }[], cause: unknown): Promise<void> {
    try {
      // Full-bodied tombstones: a phone that pulled the document meanwhile can still validate the deletion.
      for (const { collection, stored } of written.reverse()) await this.couch.db(collection).insert({ ...stored, _deleted: true });
      await this.db.destroy(accountId, rev);
    } catch (undoError) {
      throw new Error(`creating account ${accountId} failed and could not be fully undone`, { cause: [cause, undoError] });
    }
  }

  /** Stores a new password hash (the caller has checked the old password). */
  async setPasswordHash(account: Account, passwordHash: string, now: number): Promise<Account> {
    const updated: Account = { ...account, passwordHash, passwordChangedAt: now };
    const result = await this.db.insert(updated);
    return { ...updated, _rev: result.rev };
  }
}

export class SessionStore {
  constructor(private readonly couch: Couch) {}

  private get db() {
    return this.couch.privateDb('sessions');
  }

  /** Opens a session for an account; the returned token goes into the cookie and nowhere else. */
  async create(account: Account, now: number): Promise<{ token: string; session: Session }> {
    const token = randomBytes(SESSION_TOKEN_BYTES).toString('base64url');
    const session: Session = {
      _id: sha256(token),
      type: 'session',
      accountId: account._id,
      memberId: account.memberId,
      municipalityId: account.municipalityId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + SESSION_LIFETIME_MS,
      revoked: false,
    };
    const result = await this.db.insert(session);
    return { token, session: { ...session, _rev: result.rev } };
  }

  /** The valid session a token opens, or null (unknown, revoked or expired). */
  async find(token: string, now: number): Promise<Session | null> {
    const session = await getOrNull<Session>(this.db, sha256(token));
    return session && !session.revoked && session.expiresAt > now ? session : null;
  }

  /** Whether the session with this id is still neither revoked nor expired (an open stream asks). */
  async isValid(sessionId: string, now: number): Promise<boolean> {
    const session = await getOrNull<Session>(this.db, sessionId);
    return session !== null && !session.revoked && session.expiresAt > now;
  }

  /** Of these session ids, the ones still neither revoked nor expired: one read for all (open streams check together). */
  async validAmong(sessionIds: string[], now: number): Promise<Set<string>> {
    const found = await this.db.fetch({ keys: sessionIds });
    const valid = new Set<string>();
    for (const row of found.rows) {
      const session = 'doc' in row ? (row.doc as unknown as Session | null | undefined) : null;
      if (session && !session.revoked && session.expiresAt > now) valid.add(session._id);
    }
    return valid;
  }

  /**
   * Slides the session's lifetime from `now`. When another request (or instance) touched or revoked
   * it meanwhile (409), the stored state wins and is returned: a touch never resurrects a revoked session.
   */
  async touch(session: Session, now: number): Promise<Session | null> {
    const touched: Session = { ...session, lastSeenAt: now, expiresAt: now + SESSION_LIFETIME_MS };
    try {
      const result = await this.db.insert(touched);
      return { ...touched, _rev: result.rev };
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
      const current = await getOrNull<Session>(this.db, session._id);
      return current && !current.revoked && current.expiresAt > now ? current : null;
    }
  }

  /** Revokes one session (sign-out). Retries on a concurrent touch. */
  async revoke(sessionId: string, now: number): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const current = await getOrNull<Session>(this.db, sessionId);
      if (!current || current.revoked) return;
      try {
        await this.db.insert({ ...current, revoked: true, revokedAt: now });
        return;
      } catch (error) {
        if (statusOf(error) !== 409 || attempt >= 4) throw error;
      }
    }
  }

  /** Revokes every live session of an account except `keep` (after a password change). */
  revokeAllOf(accountId: string, keep: string | null, now: number): Promise<number> {
    return this.revokeWhere({ accountId }, keep, now);
  }

  /** Revokes every live session of a member (removed from their municipality). */
  revokeAllOfMember(memberId: string, now: number): Promise<number> {
    return this.revokeWhere({ memberId }, null, now);
  }

  private async revokeWhere(selector: { accountId: string } | { memberId: string }, keep: string | null, now: number): Promise<number> {
    const found = await this.db.find({ selector: { ...selector, revoked: false }, limit: 10_000 });
    const others = (found.docs as unknown as Session[]).filter((session) => session._id !== keep);
    if (others.length === 0) return 0;
    await this.db.bulk({ docs: others.map((session) => ({ ...session, revoked: true, revokedAt: now })) });
    // A session touched between the read and the write got a 409 above: revoke it one by one.
    for (const session of others) await this.revoke(session._id, now);
    return others.length;
  }
}
