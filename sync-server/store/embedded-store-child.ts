/**
 * The embedded CouchDB-compatible store (express-pouchdb on PouchDB + LevelDB), run as a child
 * process of the sync server so that its uncaught errors can never take the server down. It listens
 * on loopback only, ends "admin party" with the admin credentials it is given, writes
 * `store.json` (URL + credentials, mode 0600) for CLI tools, and exits when its parent goes away.
 *
 * Environment: STORE_DIR (LevelDB files), STORE_PORT (0 = any), STORE_USER, STORE_PASSWORD, STORE_FILE.
 */
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

fs.mkdirSync(storeDir, { recursive: true, mode: 0o700 });
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

const server = http.createServer(app);
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

process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
