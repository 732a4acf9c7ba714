/**
 * The embedded CouchDB-compatible store (express-pouchdb on PouchDB + LevelDB), run as a child
 * process of the sync server so that its uncaught errors can never take the server down. It listens
 * on loopback only, ends "admin party" with the admin credentials it is given, writes
 * `store.json` (URL + credentials, mode 0600) for CLI tools, and exits when its parent goes away.
 * Guarantees:
 * - every request without the admin's Basic credentials is answered 401 `unauthorized` before
 *   express-pouchdb sees it (CouchDB's `require_valid_user`): any local process can reach a
 *   loopback port, and express-pouchdb alone serves anonymous reads, writes and even crashes on an
 *   anonymous `PUT /{db}`;
 * - nothing it writes (LevelDB files, config.json, log.txt, store.json) is readable by group or
 *   others: the umask is 0077 before anything is written, and files left by older versions are
 *   made private at start.
 *
 * Environment: STORE_DIR (LevelDB files), STORE_PORT (0 = any), STORE_USER, STORE_PASSWORD, STORE_FILE.
 */
import './exit-with-parent';
import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import PouchDBCore from 'pouchdb-core';
import leveldbAdapter from 'pouchdb-adapter-leveldb';
import httpAdapter from 'pouchdb-adapter-http';
import mapreduce from 'pouchdb-mapreduce';
import replication from 'pouchdb-replication';
import find from 'pouchdb-find';
import expressPouchDB from 'express-pouchdb';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`embedded store: ${name} is not set`);
  return value;
}

const storeDir = required('STORE_DIR');
const user = required('STORE_USER');
const password = required('STORE_PASSWORD');
const storeFile = required('STORE_FILE');
const port = Number(process.env.STORE_PORT ?? '0');

// Before anything is written: LevelDB and express-pouchdb create their files with 0644/0755.
process.umask(0o077);
fs.mkdirSync(storeDir, { recursive: true, mode: 0o700 });
makePrivate(storeDir);
if (fs.existsSync(storeFile)) fs.chmodSync(storeFile, 0o600);

/** Removes group and other permissions from `target` and everything under it (files of older versions). */
function makePrivate(target: string): void {
  const stat = fs.lstatSync(target);
  if (stat.isSymbolicLink()) return;
  if ((stat.mode & 0o077) !== 0) fs.chmodSync(target, stat.mode & 0o700);
  if (stat.isDirectory()) for (const entry of fs.readdirSync(target)) makePrivate(path.join(target, entry));
}
const configPath = path.join(storeDir, 'config.json');
// Admins are (re)written before the app reads its config, so the first request already needs them;
// express-pouchdb hashes the plain password when it loads the file.
const existing = fs.existsSync(configPath) ? (JSON.parse(fs.readFileSync(configPath, 'utf8')) as Record<string, unknown>) : {};
fs.writeFileSync(
  configPath,
  JSON.stringify({ ...existing, admins: { [user]: password }, log: { file: path.join(storeDir, 'log.txt'), level: 'error' } }),
  { mode: 0o600 },
);

const PouchDB = PouchDBCore.plugin(leveldbAdapter)
  .plugin(httpAdapter)
  .plugin(mapreduce)
  .plugin(replication)
  .plugin(find)
  .defaults({ prefix: `${storeDir}${path.sep}` });

const app = expressPouchDB(PouchDB, {
  configPath,
  logPath: path.join(storeDir, 'log.txt'),
  mode: 'fullCouchDB',
  // No gzip (it buffers the heartbeats of continuous _changes), no Fauxton UI, no replicator daemon.
  overrideMode: { exclude: ['compression', 'routes/fauxton', 'replicator', 'routes/http-log'] },
});

const digest = (value: string) => createHash('sha256').update(value).digest();
const expectedCredentials = digest(`${user}:${password}`);

/** True when the request carries the admin's Basic credentials (compared in constant time). */
function isAdmin(req: http.IncomingMessage): boolean {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(req.headers.authorization ?? '');
  if (!match) return false;
  return timingSafeEqual(digest(Buffer.from(match[1]!, 'base64').toString('utf8')), expectedCredentials);
}

const server = http.createServer((req, res) => {
  if (isAdmin(req)) {
    app(req, res);
    return;
  }
  const body = JSON.stringify({ error: 'unauthorized', reason: 'Authentication required.' });
  res.writeHead(401, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'www-authenticate': 'Basic realm="store"',
    'cache-control': 'no-store',
  });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://127.0.0.1:${actualPort}`;
  const temp = `${storeFile}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify({ url, user, password, pid: process.pid }), { mode: 0o600 });
  fs.renameSync(temp, storeFile);
  process.send?.({ type: 'ready', url });
});
server.on('error', (error) => {
  process.send?.({ type: 'error', message: error.message, code: (error as NodeJS.ErrnoException).code });
  process.exit(1);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
