/**
 * The only door to storage: nano, against a real CouchDB 3 node/cluster (COUCHDB_URL) or the
 * embedded store. The code path is the same for both; only the URL differs. When the embedded store
 * restarts on a new port, `reconnect` swaps the client and every later call uses it.
 */
import Nano, { type DocumentScope, type ServerScope } from 'nano';
import { COLLECTION_NAMES, type CollectionName } from '../../domain/collections';

/**
 * Server-only databases, never synced to phones and never named by a sync route (accounts hold
 * password hashes, sessions hold hashed session tokens, invitations hold hashed invitation codes).
 */
export const PRIVATE_DATABASES = ['accounts', 'sessions', 'invitations'] as const;
export type PrivateDatabase = (typeof PRIVATE_DATABASES)[number];

/** Mango indexes of the private databases, created with them. */
const PRIVATE_INDEXES: { db: PrivateDatabase; name: string; fields: string[] }[] = [
  { db: 'sessions', name: 'by-account', fields: ['accountId'] },
  { db: 'sessions', name: 'by-member', fields: ['memberId'] },
];

/** A stored document as CouchDB holds it. */
export type StoredDocument = { _id: string; _rev?: string; _deleted?: boolean; [field: string]: unknown };

export class Couch {
  private server: ServerScope;
  private url: string;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.url = url;
    this.server = Couch.client(url);
  }

  private static client(url: string): ServerScope {
    // parseUrl: false keeps a path in COUCHDB_URL (a proxy prefix) from being read as a database name;
    // nano supports the option but its type does not declare it.
    const config: Nano.Configuration & { parseUrl: boolean } = { url, parseUrl: false };
    return Nano(config);
  }

  reconnect(url: string): void {
    this.url = url;
    this.server = Couch.client(url);
  }

  /**
   * Opens a continuous `_changes` feed (uncompressed, with heartbeats) and yields its lines.
   * `onAlive` is called when the store has answered 200 and again on every chunk it sends,
   * heartbeats included (which are not yielded): the caller can tell a feed that is up from one
   * that keeps failing even when nothing changes.
   * This one request bypasses nano: nano's stream mode pipes the response without forwarding its
   * errors, so a store restart mid-feed would become an uncaught exception that kills the server.
   * Same URL, same credentials, same CouchDB API.
   */
  async *followChanges(collection: CollectionName, since: string, heartbeatMs: number, signal: AbortSignal, onAlive: () => void = () => undefined): AsyncGenerator<string> {
    const target = new URL(`${this.url}/${encodeURIComponent(this.dbName(collection))}/_changes`);
    const headers: Record<string, string> = { accept: 'application/json', 'accept-encoding': 'identity' };
    if (target.username) {
      headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`;
      target.username = '';
      target.password = '';
    }
    const query = { feed: 'continuous', since, include_docs: 'true', heartbeat: String(heartbeatMs) };
    for (const [key, value] of Object.entries(query)) target.searchParams.set(key, value);
    const response = await fetch(target, { headers, signal });
    if (!response.ok || !response.body) throw new Error(`_changes of ${collection} answered HTTP ${response.status}`);
    onAlive();
    let buffer = '';
    for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
      onAlive();
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') yield line;
    }
  }

  get nano(): ServerScope {
    return this.server;
  }

  dbName(collection: CollectionName): string {
    return `${this.prefix}${collection}`;
  }

  db(collection: CollectionName): DocumentScope<StoredDocument> {
    return this.server.use<StoredDocument>(this.dbName(collection));
  }

  /** Creates the databases of all collections that do not exist yet (412 = exists: fine). */
  async ensureDatabases(): Promise<void> {
    for (const collection of COLLECTION_NAMES) {
      try {
        await this.server.db.create(this.dbName(collection));
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 412) throw error;
      }
    }
  }

  /** A server-only database (`${prefix}accounts`, `${prefix}sessions`). */
  privateDb(name: PrivateDatabase): DocumentScope<StoredDocument> {
    return this.server.use<StoredDocument>(`${this.prefix}${name}`);
  }

  /** Creates the server-only databases and their indexes when missing (idempotent). */
  async ensurePrivateDatabases(): Promise<void> {
    for (const name of PRIVATE_DATABASES) {
      try {
        await this.server.db.create(`${this.prefix}${name}`);
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 412) throw error;
      }
    }
    // Creating an index that exists with the same definition is a no-op in CouchDB.
    for (const index of PRIVATE_INDEXES) {
      await this.privateDb(index.db).createIndex({ index: { fields: index.fields }, name: index.name, ddoc: index.name });
    }
  }

  /** True when the store answers as an admin-authenticated server. */
  async ping(): Promise<boolean> {
    try {
      await this.server.info();
      return true;
    } catch {
      return false; // unreachable or refusing: the caller reports "not ready"
    }
  }
}
