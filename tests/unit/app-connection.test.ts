import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../app/db/replication';
import { summarizeConnection } from '../../app/stores/connection-store';

function status(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return { connected: true, active: false, pending: 0, lastError: null, lastSyncedAt: 1, ...overrides };
}

describe('the sync indicator', () => {
  it.each([
    // browser online, engine status, → online, phase, pending
    [false, status(), false, 'offline', 0],
    [false, status({ connected: false, pending: 3 }), false, 'offline', 3],
    [true, null, false, 'connecting', 0],
    [true, status({ connected: false }), false, 'connecting', 0],
    [true, status({ connected: false, lastError: 'fetch failed', pending: 1 }), false, 'unreachable', 1],
    [true, status({ connected: false, lastError: 'fetch failed', lastErrorKind: 'unreachable' }), false, 'unreachable', 0],
    // The server answered, so "unreachable" would be wrong: 401 asks for a sign-in, 403 (a removed member) is refused access.
    [true, status({ connected: false, lastError: 'HTTP 401', lastErrorKind: 'signed-out', pending: 1 }), false, 'signed-out', 1],
    [true, status({ connected: false, lastError: 'HTTP 403', lastErrorKind: 'refused' }), false, 'denied', 0],
    [true, status(), true, 'online', 0],
    [true, status({ active: true }), true, 'syncing', 0],
    [true, status({ pending: 2 }), true, 'syncing', 2],
  ] as const)('browser online %s, %j → online %s, %s, %i waiting', (browserOnline, sync, online, phase, pending) => {
    expect(summarizeConnection(browserOnline, sync)).toEqual({ online, phase, pending, refused: 0 });
  });
});
