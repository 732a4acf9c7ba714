/**
 * Imported first by embedded-store-child.ts: the store exits as soon as its parent (the sync
 * server) is gone, even when the parent died while the store was still loading. Registered before
 * PouchDB and LevelDB load (seconds on a slow machine): a `disconnect` sent before anyone listened
 * would be lost, and an orphaned store would keep LevelDB locked and its port taken from the next
 * server, which then adopts a store nobody supervises.
 */
if (process.send !== undefined) {
  process.on('disconnect', () => process.exit(0));
  if (!process.connected) process.exit(0);
}
