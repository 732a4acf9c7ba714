/**
 * The store the server uses, opened from a command-line tool (admin CLI, seed): COUCHDB_URL; else
 * the embedded store already running for DATA_DIR (found through DATA_DIR/store.json, since LevelDB
 * allows one process per directory); else the embedded store started for the tool and stopped by
 * `close()`. Same nano code path in every case.
 */
import type { Config } from '../config';
import { createLogger } from '../logger';
import { Couch } from './couch';
import { EmbeddedStore, authenticatedUrl, findRunningStore } from './embedded-store';

export type OpenStore = { couch: Couch; close(): Promise<void> };

/** Opens the store `config` names (see the module header). */
export async function openStore(config: Config): Promise<OpenStore> {
  if (config.couchdbUrl !== null) return { couch: new Couch(config.couchdbUrl, config.dbPrefix), close: () => Promise.resolve() };
  const running = await findRunningStore(config.dataDir);
  if (running) return { couch: new Couch(authenticatedUrl(running), config.dbPrefix), close: () => Promise.resolve() };
  const embedded = new EmbeddedStore(config.dataDir, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
  const address = await embedded.start();
  return { couch: new Couch(authenticatedUrl(address), config.dbPrefix), close: () => embedded.stop() };
}
