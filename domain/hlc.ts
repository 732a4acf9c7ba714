/**
 * Hybrid logical clock for `updatedAt`. A phone stamps `max(now, lastSeen + 1)`, where `lastSeen` is
 * the newest timestamp it has observed from the server, so a phone whose wall clock fell back after
 * an outage still orders its edits after what it has seen. The server clamps stamps too far in its
 * future, so a phone whose clock runs ahead cannot win every merge.
 */
import { MAX_CLOCK_SKEW_MS } from './constants';

/** The timestamp for a new local write. */
export function nextTimestamp(now: number, lastSeen: number): number {
  return Math.max(Math.floor(now), Math.floor(lastSeen) + 1);
}

/** The newest of the clock's memory and an observed timestamp (ignores junk). */
export function observeTimestamp(lastSeen: number, observed: unknown): number {
  return typeof observed === 'number' && Number.isFinite(observed) ? Math.max(lastSeen, observed) : lastSeen;
}

/** Server side: a client stamp more than the allowed skew ahead of the server's time becomes the server's time. */
export function clampTimestamp(stamp: number, serverNow: number, maxSkewMs = MAX_CLOCK_SKEW_MS): number {
  return stamp > serverNow + maxSkewMs ? Math.floor(serverNow) : stamp;
}
