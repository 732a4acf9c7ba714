/**
 * One edit after a quiet spell costs one round trip, not a new connection: the server keeps idle
 * connections for KEEP_ALIVE_TIMEOUT_MS (75 s by default, over a phone's minute between writes).
 * The idle time and the timeout are scaled down here; `npm run bench -- --only push` runs the
 * minute-long version over Fast 3G.
 */
import { describe, expect, it } from 'vitest';
import { runIdleEdit } from '../../bench/sync-push';
import { loadConfig } from '../../sync-server/config';

/** A link with a round trip long enough to tell one from two, and no bandwidth limit. */
const LINK = { name: 'test link', downKbps: Number.POSITIVE_INFINITY, upKbps: Number.POSITIVE_INFINITY, rttMs: 150 };

describe('keep-alive', () => {
  it('keeps an idle connection over a minute by default, and headers wait longer still', () => {
    const config = loadConfig({});
    expect(config.keepAliveTimeoutMs).toBeGreaterThan(60_000);
    expect(config.headersTimeoutMs).toBeGreaterThan(config.keepAliveTimeoutMs);
    expect(() => loadConfig({ KEEP_ALIVE_TIMEOUT_MS: '90000', HEADERS_TIMEOUT_MS: '60000' })).toThrow(/HEADERS_TIMEOUT_MS/);
  });

  it('an edit after an idle spell shorter than KEEP_ALIVE_TIMEOUT_MS reuses the connection: no new one, one round trip', async () => {
    const edit = await runIdleEdit({ idleMs: 1000, profile: LINK, env: { KEEP_ALIVE_TIMEOUT_MS: '3000' } });
    expect(edit.newConnections).toBe(0);
    // One round trip plus the server's work; a new connection would add a handshake round trip.
    expect(edit.editMs).toBeGreaterThanOrEqual(LINK.rttMs);
  });

  it('an edit after the server closed the idle connection opens a new one (the count is real)', async () => {
    const edit = await runIdleEdit({ idleMs: 2500, profile: LINK, env: { KEEP_ALIVE_TIMEOUT_MS: '1500' } });
    expect(edit.newConnections).toBe(1);
    expect(edit.editMs).toBeGreaterThanOrEqual(2 * LINK.rttMs);
  });
});
