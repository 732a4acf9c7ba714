/**
 * Starts the sync server: the store (COUCHDB_URL, or the embedded store under DATA_DIR), its
 * databases (synced and server-only), the first moderator (ADMIN_EMAIL), one changes follower per
 * synced database, and the HTTP server; `stop()` undoes it in reverse order.
 */
import type { Server } from 'node:http';
import { prepareModerators } from './auth/moderators';
import { describeConfig, type Config } from './config';
import { answerClientError } from './errors';
import { createLogger, type Logger } from './logger';
import { createApp } from './server';
import { Couch } from './store/couch';
import { EmbeddedStore, authenticatedUrl } from './store/embedded-store';
import { ChangesHub } from './sync/changes-hub';

/** A started server: its URL, its HTTP server, its changes hub (whose `reconnects` tests and operators read), and `stop()`. */
export type RunningServer = { url: string; server: Server; hub: ChangesHub; stop(): Promise<void> };

/** Starts everything for a configuration; used by `npm start` and by the integration tests. */
export async function startServer(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  logger.info({ config: describeConfig(config) }, 'starting');
  let embedded: EmbeddedStore | null = null;
  let storeUrl = config.couchdbUrl;
  if (storeUrl === null) {
    embedded = new EmbeddedStore(config.dataDir, logger);
    storeUrl = authenticatedUrl(await embedded.start());
  }
  const couch = new Couch(storeUrl, config.dbPrefix);
  await couch.ensureDatabases();
  await couch.ensurePrivateDatabases();
  await prepareModerators(couch, config, logger);
  const hub = new ChangesHub(couch, logger);
  embedded?.on('restarted', (address) => couch.reconnect(authenticatedUrl(address)));
  hub.start();

  const app = createApp({ config, couch, hub, logger });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, () => resolve(listening));
    listening.once('error', reject);
  });
  // On purpose, not Node's 5 s: one edit a minute on 3G must not pay a new connection (config.ts).
  server.keepAliveTimeout = config.keepAliveTimeoutMs;
  server.headersTimeout = config.headersTimeoutMs;
  // Requests Node cannot parse get the JSON error shape too, not a bare status line.
  server.on('clientError', answerClientError);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  logger.info({ url }, `Cities4Cities is listening on ${url}`);

  return {
    url,
    server,
    hub,
    async stop() {
      hub.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await embedded?.stop();
    },
  };
}

