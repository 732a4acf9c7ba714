/** Request-body checks shared by the account routes: one error shape for every refusal. */
import type { Request } from 'express';
import { validateDocument } from '../../domain/validation';
import { MAX_PASSWORD_LENGTH } from '../auth/constants';
import { passwordRefusal } from '../auth/passwords';
import { ApiError } from '../errors';

/** A password field of a request body; the policy (`checkPasswordPolicy`) is checked apart, with its own codes. */
export const PASSWORD_FIELD = { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH * 4 } as const;

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
