/**
 * The one transport for the server's JSON routes outside sync (accounts, moderation, invitations,
 * members): fetch on the page's origin with its session cookie, never from the HTTP cache.
 * Guarantees:
 * - every failure is one of two typed errors: `ApiError` when the server answered in its error shape
 *   `{ error: { code, message, details } }` (or a 4xx in some other shape, as `invalid-request`),
 *   `UnreachableError` when it did not: no network, no answer within the timeout, or something else
 *   answered (a proxy's error page for a server that is down, a captive portal's 200);
 * - `details` is always an array of field errors (empty when the server sent none or something else);
 * - nothing here touches a store: callers decide what an answer or a refusal means.
 */
import type { FieldError } from '../../domain/field-errors';
import type { ErrorCode } from '../../domain/sync-protocol';

/** A slow mobile connection may take a while; beyond this the phone treats the server as unreachable. */
const DEFAULT_TIMEOUT_MS = 20_000;

/** The server answered with a refusal; `code` is a documented code (a newer server may add more). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: FieldError[] = [],
  ) {
    super(message);
  }
}

/** The server could not be asked: `offline` when the browser knows it has no network. */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
  constructor(
    readonly reason: 'offline' | 'unreachable',
    options?: ErrorOptions,
  ) {
    super(reason === 'offline' ? 'The phone is offline' : 'The server cannot be reached', options);
  }
}

export type HttpOptions = {
  /** Origin of the sync server, '' for the page's own origin. */
  baseUrl?: string;
  /** Read at each call, so tests can replace the global fetch. */
  fetch?: typeof fetch;
  timeoutMs?: number;
};

/** Requests to the server; each resolves with the answer's JSON (`undefined` for a 204). */
export type HttpClient = {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
};

type ErrorEnvelope = { error?: { code?: unknown; message?: unknown; details?: unknown } };

function isFieldError(value: unknown): value is FieldError {
  const candidate = value as Partial<FieldError> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.field === 'string' && typeof candidate.message === 'string';
}

function unreachable(options?: ErrorOptions): UnreachableError {
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  return new UnreachableError(offline ? 'offline' : 'unreachable', options);
}

/** The answer's JSON: `null` for an empty body, `undefined` for one that is not JSON (not our server). */
async function readJson(response: Response): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    // The connection dropped or the timeout fired while the body was arriving.
    throw unreachable({ cause: error });
  }
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

export function createHttpClient(options: HttpOptions = {}): HttpClient {
  const baseUrl = options.baseUrl ?? '';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, {
        method,
        credentials: 'same-origin',
        cache: 'no-store',
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      // fetch rejects only when no answer came: no network, DNS, refused connection, timeout.
      throw unreachable({ cause: error });
    }
    if (response.status === 204) return undefined as T;
    const parsed = await readJson(response);
    if (response.ok && parsed !== null && parsed !== undefined) return parsed as T;
    const envelope = (parsed as ErrorEnvelope | null | undefined)?.error;
    if (typeof envelope?.code !== 'string') {
      // Not our server's error shape: a proxy's "bad gateway" page, a captive portal, a truncated answer.
      if (response.status >= 500 || response.ok) throw unreachable();
      throw new ApiError(response.status, 'invalid-request', `HTTP ${response.status} from ${path}`);
    }
    const details = Array.isArray(envelope.details) ? envelope.details.filter(isFieldError) : [];
    const message = typeof envelope.message === 'string' ? envelope.message : envelope.code;
    throw new ApiError(response.status, envelope.code as ErrorCode, message, details);
  }

  return {
    get: <T>(path: string) => request<T>('GET', path),
    post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  };
}
