/** Request checks shared by the routes (bodies, ids in paths): one error shape for every refusal. */
import express, { type Request, type RequestParamHandler, type Router } from 'express';
import { ID_PATTERN } from '../../domain/constants';
import { validateDocument } from '../../domain/validation';
import { MAX_PASSWORD_LENGTH } from '../auth/constants';
import { passwordRefusal } from '../auth/passwords';
import { ApiError } from '../errors';

/** A password field of a request body; the policy (`checkPasswordPolicy`) is checked apart, with its own codes. */
export const PASSWORD_FIELD = { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH * 4 } as const;

/**
 * JSON bodies are UTF-8 only (RFC 8259 §8.1): `express.json` alone decodes any `charset=utf-*`
 * (UTF-7, UTF-16, UTF-32) and so stored a UTF-8 body sent as UTF-7 with its text turned to U+FFFD.
 * Runs on the bytes read, with the charset body-parser itself settled on (lower case, `utf-8` when
 * none is named), so both agree on what was sent; an ApiError keeps its 415 through body-parser.
 */
const utf8Only = (_req: unknown, _res: unknown, _bytes: Buffer, charset: string): void => {
  if (charset !== 'utf-8') throw new ApiError(415, 'invalid-request', `JSON bodies must be UTF-8, not ${charset}`, { field: 'content-type', charset });
};

/** The JSON body parser of every route that reads one: at most `limit` (413 beyond), UTF-8 only (415 otherwise). */
export function jsonBody(limit: string | number): ReturnType<typeof express.json> {
  return express.json({ limit, verify: utf8Only });
}

/** The body, checked against `schema`, or 400 invalid-request with the field errors. */
export function readBody<T>(req: Request, schema: object): T {
  const errors = validateDocument(schema, req.body ?? null);
  if (errors.length > 0) throw new ApiError(400, 'invalid-request', 'The request body is not valid', errors);
  return req.body as T;
}

/** 400 password-too-short / password-too-long, naming `field`, unless the password meets the policy. */
export function checkPasswordPolicy(password: string, field: string): void {
  const refusal = passwordRefusal(password);
  if (refusal) {
    const message = refusal === 'password-too-short' ? 'The password is too short' : 'The password is too long';
    throw new ApiError(400, refusal, message, [{ field, message, keyword: refusal === 'password-too-short' ? 'minLength' : 'maxLength' }]);
  }
}

const ID_REGEX = new RegExp(ID_PATTERN);

/** 400 invalid-request unless the path parameter is a document id (domain/constants.ts ID_PATTERN). */
const documentIdParam: RequestParamHandler = (_req, _res, next, value: unknown, name: string) => {
  if (typeof value === 'string' && ID_REGEX.test(value)) {
    next();
    return;
  }
  next(new ApiError(400, 'invalid-request', `${name} is not a document id`, [{ field: name, message: `must match pattern "${ID_PATTERN}"`, keyword: 'pattern' }]));
};

/**
 * Makes `router` check every path parameter named in `names` against the id pattern before any
 * handler runs, so no route ever hands the store a name like `_design/…` or `_all_docs`.
 */
export function checkIdParams(router: Router, ...names: string[]): Router {
  for (const name of names) router.param(name, documentIdParam);
  return router;
}
