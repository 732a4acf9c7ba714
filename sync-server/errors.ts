/**
 * Typed API errors and the one Express error middleware: every failure leaves as
 * `{ error: { code, message, details } }` with its status, never cacheable (`no-store`); only 5xx
 * are logged as errors.
 */
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

/** True for connection-level failures of the store (refused, reset, restarting). */
export function isStoreUnreachable(error: unknown): boolean {
  const text = `${(error as { code?: string }).code ?? ''} ${(error as { cause?: { code?: string } }).cause?.code ?? ''} ${(error as Error).message ?? ''}`;
  return /ECONNREFUSED|ECONNRESET|UND_ERR|fetch failed|socket hang up|store is restarting/i.test(text);
}
