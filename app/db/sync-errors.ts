/**
 * What went wrong with a sync request, in the few kinds a member can act on: the details panel
 * says each in words. Stable codes; add new ones, never reuse one for another meaning.
 */
export type SyncErrorKind =
  /** The phone has no network. */
  | 'offline'
  /** The phone has a network but the server did not answer (down, or a captive portal). */
  | 'unreachable'
  /** The server took longer than the request timeout. */
  | 'timeout'
  /** The session expired or was revoked: sign in again. */
  | 'signed-out'
  /** The server refused the request itself (a 4xx other than 401). */
  | 'refused'
  /** The server failed (5xx, its store unavailable). */
  | 'server'
  | 'unknown';

/** The kind of a sync error; `browserOnline` tells a cut network from a server that does not answer. */
export function syncErrorKind(error: unknown, browserOnline: boolean): SyncErrorKind {
  const cause = (error as { parameters?: { errors?: unknown[] } } | null)?.parameters?.errors?.[0] ?? error;
  if (typeof cause !== 'object' || cause === null) return 'unknown';
  const status = (cause as { status?: unknown }).status;
  if (typeof status === 'number') {
    if (status === 401) return 'signed-out';
    if (status >= 500) return 'server';
    if (status >= 400) return 'refused';
  }
  const name = (cause as { name?: unknown }).name;
  if (name === 'TimeoutError') return 'timeout';
  if (name === 'TypeError' || name === 'AbortError') return browserOnline ? 'unreachable' : 'offline';
  return 'unknown';
}
