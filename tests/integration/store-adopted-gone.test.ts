/**
 * Regression (found by the crash campaign, tests/chaos/crashes.test.ts): a server that started while
 * a store was still running for its DATA_DIR (e.g. the store of a server killed a moment before)
 * adopts that store; when it then went away, nobody started another one and the server answered
 * 503 for good. An adopted store is now watched and replaced once gone, as a crashed child is.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedStore, findRunningStore, type StoreAddress } from '../../sync-server/store/embedded-store';
import { createLogger } from '../../sync-server/logger';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c4c-adopted-'));
const stores: EmbeddedStore[] = [];

afterAll(async () => {
  for (const store of stores) await store.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('an adopted embedded store', () => {
  it('is replaced once it is gone', async () => {
    const owner = new EmbeddedStore(dataDir, createLogger('silent'));
    const adopter = new EmbeddedStore(dataDir, createLogger('silent'));
    stores.push(owner, adopter);
    const first = await owner.start();
    expect(await adopter.start()).toEqual(first);

    const restarted = new Promise<StoreAddress>((resolve) => adopter.once('restarted', resolve));
    await owner.stop();
    const second = await Promise.race([restarted, new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000))]);
    expect(second).not.toBeNull();
    expect(await findRunningStore(dataDir)).toEqual(second);
  });
});
