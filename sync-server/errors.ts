/**
 * Typed API errors and the one Express error middleware: every failure leaves as
 * `{ error: { code, message, details } }` with its status, never cacheable (`no-store`); only 5xx
 * are logged as errors.
 */
import type { Socket } from 'node:net';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorBody, ErrorCode } from '../domain/sync-protocol';
import type { Logger } from './logger';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function sendError(res: Parameters<RequestHandler>[1], status: number, body: ErrorBody): void {
  res.status(status).json(body);
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'not-found', `No route for ${req.method} ${req.path}`));
};

/** Maps errors thrown by routes, body parsers and the store to the JSON error shape. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = toApiError(error);
    res.set('cache-control', 'no-store');
    if (known.status >= 500) logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    sendError(res, known.status, { error: { code: known.code, message: known.message, details: known.details } });
  };
}

/** Node's own refusals of a request it could not parse, by its error code: the status Node itself would send. */
const CLIENT_ERROR_STATUS: Readonly<Record<string, { status: number; reason: string; message: string }>> = {
  HPE_HEADER_OVERFLOW: { status: 431, reason: 'Request Header Fields Too Large', message: 'The request line or headers are too large' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: 'Request Timeout', message: 'The request did not arrive in time' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, reason: 'Payload Too Large', message: 'The chunk extensions are too large' },
};

/**
 * The HTTP server's `clientError` handler: a request Node cannot parse (a method it does not know,
 * a URL or headers over its limit, broken chunked encoding, a timeout) never reaches Express, and
 * Node would answer it with a bare status line. This answers it in the one error shape instead,
 * then closes the connection (its framing can no longer be trusted).
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // Nothing more can be written: the peer is gone, or an answer on this connection already began.
  const answering = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (error.code === 'ECONNRESET' || !socket.writable || answering) {
    socket.destroy();
    return;
  }
  const known = CLIENT_ERROR_STATUS[error.code ?? ''] ?? { status: 400, reason: 'Bad Request', message: 'The request is not valid HTTP' };
  const code: ErrorCode = known.status === 413 ? 'payload-too-large' : 'invalid-request';
  const body = JSON.stringify({ error: { code, message: known.message } } satisfies ErrorBody);
  // An answer to HEAD has headers only: a body would be read as the start of a next answer.
  const head = (error as { rawPacket?: Buffer }).rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
  socket.end(
    `HTTP/1.1 ${known.status} ${known.reason}\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${head ? '' : body}`,
  );
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const status = (error as { status?: number; statusCode?: number; type?: string }).status;
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large') return new ApiError(413, 'payload-too-large', 'The request body is too large');
  if (type === 'entity.parse.failed') return new ApiError(400, 'invalid-request', 'The request body is not valid JSON');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError(status, 'invalid-request', (error as Error).message);
  }
  if (isStoreUnreachable(error)) return new ApiError(503, 'store-unavailable', 'The database is not reachable; try again shortly');
  return new ApiError(500, 'internal-error', 'Something went wrong on the server');
}

/** Error codes of a connection to the store that failed or broke (Node's net/dns and undici's). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * The same failures as text: nano does not keep the cause of a connection error, only its text
 * ("error happened in your connection. Reason: SocketError: other side closed").
 */
const UNREACHABLE_TEXT =
  /\b(ECONNREFUSED|ECONNRESET|ECONNABORTED|EPIPE|ETIMEDOUT|EHOSTUNREACH|EHOSTDOWN|ENETUNREACH|ENETDOWN|EAI_AGAIN|UND_ERR_[A-Z_]+)\b|other side closed|socket hang up|fetch failed|SocketError|Headers Timeout|Body Timeout|Connect Timeout|error happened in your connection|store is restarting/i;

/** Statuses with which a proxy or a cluster node in front of the store says it cannot reach it now. */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

/**
 * True for failures to reach the store (refused, reset or closed mid-request, timed out, not
 * routable, restarting, or a 502/503/504 from in front of it), however deep in an error's `cause`
 * chain (fetch's TypeError → undici's SocketError) or an AggregateError's `errors` (a refused
 * dual-stack connect) they sit. Such a failure is 503 `store-unavailable`: the client tries again.
 */
export function isStoreUnreachable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0 && seen.size < 20) {
    const current = pending.pop();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const { code, statusCode, scope, message, name, cause, errors } = current as {
      code?: unknown;
      statusCode?: unknown;
      scope?: unknown;
      message?: unknown;
      name?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
    if (scope === 'couch' && typeof statusCode === 'number' && UNAVAILABLE_STATUSES.has(statusCode)) return true;
    if (typeof message === 'string' && UNREACHABLE_TEXT.test(message)) return true;
    if (name === 'SocketError' || name === 'HeadersTimeoutError' || name === 'BodyTimeoutError' || name === 'ConnectTimeoutError') return true;
    pending.push(cause);
    if (Array.isArray(errors)) pending.push(...(errors as unknown[]));
  }
  return false;
}
