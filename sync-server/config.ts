/**
 * The server's configuration: one validated module. Each key has a default, an environment
 * variable and a one-line doc; bad values fail at start with a message naming the variable.
 */
import { isIP } from 'node:net';
import path from 'node:path';
import { MIN_PASSWORD_LENGTH } from '../domain/account-protocol';
import { MAX_PHOTO_BYTES } from '../domain/constants';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type Config = {
  /** PORT: TCP port of the HTTP server (0 = any free port). */
  port: number;
  /** HOST: interface to listen on; 127.0.0.1 by default, 0.0.0.0 behind a reverse proxy. */
  host: string;
  /** DATA_DIR: where the embedded store keeps its LevelDB files and store.json. */
  dataDir: string;
  /** COUCHDB_URL: a real CouchDB 3 node or cluster (with credentials); unset = embedded store. */
  couchdbUrl: string | null;
  /** DB_PREFIX: prefix of the CouchDB database names, so several deployments can share a cluster. */
  dbPrefix: string;
  /** LOG_LEVEL: pino log level. */
  logLevel: LogLevel;
  /** DIST_DIR: the built PWA to serve. */
  distDir: string;
  /**
   * TRUST_PROXY: which reverse proxies may tell the client's protocol, host and address
   * (X-Forwarded-*): a hop count (`1`), `true`/`false`, or a comma-separated list of addresses,
   * subnets (`10.0.0.0/8`) and `loopback`/`linklocal`/`uniquelocal`. Unset = trust none.
   */
  trustProxy: TrustProxy;
  /** ADMIN_EMAIL: email of the first moderator, created at start when no account has it (with ADMIN_PASSWORD). */
  adminEmail: string | null;
  /** ADMIN_PASSWORD: that moderator's password (at least 10 characters); masked in logs. */
  adminPassword: string | null;
  /** LOGIN_LIMIT_PER_ACCOUNT: failed sign-ins per account per 15 minutes before 429. */
  loginLimitPerAccount: number;
  /** LOGIN_LIMIT_PER_IP: failed sign-ins per IP address per 15 minutes before 429 (raise it for large offices behind one NAT). */
  loginLimitPerIp: number;
  /** STREAM_SESSION_CHECK_MS: how often an open live stream checks that its session still holds (revoked → the stream ends). */
  streamSessionCheckMs: number;
  /** SESSION_CACHE_MS: how long this instance trusts a session and member it has read (0: never); revocation made elsewhere takes effect within it (auth/session.ts). */
  sessionCacheMs: number;
  /**
   * KEEP_ALIVE_TIMEOUT_MS: how long an idle HTTP connection stays open for the next request. Longer
   * than a minute, so a phone that writes every minute reuses its connection: on 3G a new one
   * costs a TCP (and, behind the TLS proxy, a TLS) handshake, one or two extra round trips per edit.
   */
  keepAliveTimeoutMs: number;
  /**
   * HEADERS_TIMEOUT_MS: how long a client may take to send a request's headers; above
   * KEEP_ALIVE_TIMEOUT_MS (as Node requires for reused connections), and long enough for a 2G link.
   */
  headersTimeoutMs: number;
  /** PHOTO_MAX_BYTES: largest photo upload accepted, in bytes (default 1 MiB, at most the domain's MAX_PHOTO_BYTES). */
  photoMaxBytes: number;
};

/** Express's "trust proxy" setting, in the types Express reads as intended (never a bare string). */
export type TrustProxy = boolean | number | string[];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function readPort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 8080;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer from 0 to 65535, got "${raw}"`);
  }
  return port;
}

function readPositiveInteger(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000) {
    throw new ConfigError(`${name} must be an integer from 1 to 1000000, got "${raw}"`);
  }
  return value;
}

/**
 * KEEP_ALIVE_TIMEOUT_MS and HEADERS_TIMEOUT_MS. The defaults: 75 s idle (a phone writing every
 * minute, plus slack for its clock and the link), 80 s for headers; a reverse proxy in front should
 * keep its upstream connections for less than KEEP_ALIVE_TIMEOUT_MS, so the server never closes one
 * the proxy is about to reuse.
 */
function readKeepAlive(env: NodeJS.ProcessEnv): { keepAliveTimeoutMs: number; headersTimeoutMs: number } {
  const keepAliveTimeoutMs = readPositiveInteger('KEEP_ALIVE_TIMEOUT_MS', env.KEEP_ALIVE_TIMEOUT_MS, 75_000);
  const headersTimeoutMs = readPositiveInteger('HEADERS_TIMEOUT_MS', env.HEADERS_TIMEOUT_MS, Math.max(80_000, keepAliveTimeoutMs + 5_000));
  if (headersTimeoutMs <= keepAliveTimeoutMs) {
    throw new ConfigError(`HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must be above KEEP_ALIVE_TIMEOUT_MS (${keepAliveTimeoutMs})`);
  }
  return { keepAliveTimeoutMs, headersTimeoutMs };
}

/** Default of PHOTO_MAX_BYTES: phones send at most 300 KB after compression; this leaves room for a PNG. */
const DEFAULT_PHOTO_MAX_BYTES = 1024 * 1024;

function readPhotoMaxBytes(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PHOTO_MAX_BYTES;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > MAX_PHOTO_BYTES) {
    throw new ConfigError(`PHOTO_MAX_BYTES must be an integer from 1 to ${MAX_PHOTO_BYTES}, got "${raw}"`);
  }
  return value;
}

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** True for an address or subnet proxy-addr accepts: an IP, IP/prefix-length, or IPv4/IPv4-netmask. */
function isAddressOrSubnet(entry: string): boolean {
  const [address = '', range, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (range === undefined) return true;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (version === 4 ? 32 : 128);
  return version === 4 && isIP(range) === 4;
}

/**
 * TRUST_PROXY as Express should read it. Express takes a string as a list of addresses, so
 * the README's own `TRUST_PROXY=1` used to mean "trust the proxy at address 1": nothing was trusted.
 */
function readTrustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 100) throw new ConfigError(`TRUST_PROXY as a hop count must be from 0 to 100, got "${raw}"`);
    return hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !NAMED_RANGES.has(entry) && !isAddressOrSubnet(entry));
  if (bad.length > 0) {
    throw new ConfigError(
      `TRUST_PROXY must be a hop count, true, false, or a comma-separated list of addresses, subnets and loopback/linklocal/uniquelocal; "${bad.join('", "')}" is none of these`,
    );
  }
  return entries;
}

function readAdmin(env: NodeJS.ProcessEnv): { adminEmail: string | null; adminPassword: string | null } {
  const email = env.ADMIN_EMAIL?.trim() || null;
  const password = env.ADMIN_PASSWORD || null;
  if ((email === null) !== (password === null)) {
    throw new ConfigError('ADMIN_EMAIL and ADMIN_PASSWORD go together: set both (to create the first moderator) or neither');
  }
  if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new ConfigError(`ADMIN_EMAIL must be an email address, got "${email}"`);
  }
  if (password !== null && [...password].length < MIN_PASSWORD_LENGTH) {
    throw new ConfigError(`ADMIN_PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  return { adminEmail: email === null ? null : email.toLowerCase(), adminPassword: password };
}

function readCouchUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch (error) {
    throw new ConfigError(`COUCHDB_URL is not a URL (${(error as Error).message})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`COUCHDB_URL must be http(s)://…, got protocol "${url.protocol}"`);
  }
  return raw.replace(/\/+$/, '');
}

/** Reads and validates the configuration from the environment. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = (env.LOG_LEVEL ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const dbPrefix = env.DB_PREFIX ?? 'c4c_';
  if (!/^[a-z][a-z0-9_]*$/.test(dbPrefix)) {
    throw new ConfigError(`DB_PREFIX must match ^[a-z][a-z0-9_]*$, got "${dbPrefix}"`);
  }
  return {
    port: readPort(env.PORT),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    couchdbUrl: readCouchUrl(env.COUCHDB_URL),
    dbPrefix,
    logLevel,
    distDir: path.resolve(env.DIST_DIR || 'dist'),
    trustProxy: readTrustProxy(env.TRUST_PROXY),
    ...readAdmin(env),
    loginLimitPerAccount: readPositiveInteger('LOGIN_LIMIT_PER_ACCOUNT', env.LOGIN_LIMIT_PER_ACCOUNT, 10),
    loginLimitPerIp: readPositiveInteger('LOGIN_LIMIT_PER_IP', env.LOGIN_LIMIT_PER_IP, 50),
    streamSessionCheckMs: readPositiveInteger('STREAM_SESSION_CHECK_MS', env.STREAM_SESSION_CHECK_MS, 60_000),
    sessionCacheMs: env.SESSION_CACHE_MS === '0' ? 0 : readPositiveInteger('SESSION_CACHE_MS', env.SESSION_CACHE_MS, 2_000),
    photoMaxBytes: readPhotoMaxBytes(env.PHOTO_MAX_BYTES),
    ...readKeepAlive(env),
  };
}

/** The configuration as it may be logged: credentials in URLs and the admin password masked. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    ...config,
    couchdbUrl: config.couchdbUrl === null ? null : maskUrl(config.couchdbUrl),
    adminPassword: config.adminPassword === null ? null : '***',
  };
}

/** A URL with its password replaced by `***`. */
export function maskUrl(raw: string): string {
  const url = new URL(raw);
  if (url.password) url.password = '***';
  return url.toString().replace(/\/$/, '');
}
