/**
 * One edit after a quiet spell costs one round trip, not a new connection: the server keeps idle
 * connections for KEEP_ALIVE_TIMEOUT_MS (75 s by default, over a phone's minute between writes).
 * The idle time and the timeout are scaled down here; `npm run bench -- --only push` runs the
 * minute-long version over Fast 3G.
 */
import { describe, expect, it } from 'vitest';
import { runIdleEdits } from '../../bench/sync-push';
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

  // The server's timeout is in whole seconds on the wire (`Keep-Alive: timeout=3`), and undici lets go
  // of an idle connection a second before it: 3 s keeps a 1 s spell comfortably.
  it('an edit after an idle spell shorter than KEEP_ALIVE_TIMEOUT_MS reuses the connection (one round trip); after a longer one it opens a new one', async () => {
    const [short, long] = await runIdleEdits({ idleMs: [1000, 4000], profile: LINK, env: { KEEP_ALIVE_TIMEOUT_MS: '3000' } });
    expect(short!.newConnections).toBe(0);
    // One round trip plus the server's work; a new connection would add a handshake round trip.
    expect(short!.editMs).toBeGreaterThanOrEqual(LINK.rttMs);
    // The server closed the idle connection: the count is real, and the handshake costs a round trip more.
    expect(long!.newConnections).toBe(1);
    expect(long!.editMs).toBeGreaterThanOrEqual(2 * LINK.rttMs);
  });
});
