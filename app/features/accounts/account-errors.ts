/**
 * What went wrong with an account request, as the account screens show it: offline, unreachable,
 * one of the server's codes they have words for, or something unforeseen with the server's message.
 */
import { ApiError, UnreachableError } from '../../api/http';

/** The request a message is about (the offline message names it). */
export type AccountAction = 'signIn' | 'register' | 'join' | 'changePassword';

/** Server codes the account screens translate (locales/<language>/account.json `errors`). */
export const KNOWN_ACCOUNT_CODES = [
  'invalid-credentials',
  'too-many-attempts',
  'email-taken',
  'password-too-short',
  'password-too-long',
  'invalid-invitation',
  'wrong-password',
  'invalid-request',
  'bad-origin',
  'not-signed-in',
  'store-unavailable',
] as const;

export type KnownAccountCode = (typeof KNOWN_ACCOUNT_CODES)[number];

export type AccountProblem =
  | { kind: 'offline' }
  | { kind: 'unreachable' }
  | { kind: 'code'; code: KnownAccountCode }
  | { kind: 'unknown'; message: string };

function isKnownCode(code: string): code is KnownAccountCode {
  return (KNOWN_ACCOUNT_CODES as readonly string[]).includes(code);
}

export function accountProblem(error: unknown): AccountProblem {
  if (error instanceof UnreachableError) return { kind: error.reason };
  if (error instanceof ApiError) return isKnownCode(error.code) ? { kind: 'code', code: error.code } : { kind: 'unknown', message: error.message };
  return { kind: 'unknown', message: error instanceof Error ? error.message : String(error) };
}

/** The code a test or a screen reader can tell problems apart by (`data-code`). */
export function problemCode(problem: AccountProblem): string {
  return problem.kind === 'code' ? problem.code : problem.kind;
}
