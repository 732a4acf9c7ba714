/**
 * Password hashing with scrypt (node:crypto). Guarantees:
 * - every hash has its own random 16-byte salt and carries its parameters
 *   (`scrypt$N$r$p$salt$hash`, base64url), so the cost can be raised later without breaking
 *   stored hashes (`needsRehash` says which ones to upgrade at the next sign-in);
 * - verification compares in constant time and never throws on a malformed or foreign hash
 *   (it answers false), nor runs parameters beyond sane bounds from a tampered hash;
 * - passwords shorter than MIN_PASSWORD_LENGTH are refused with `password-too-short`.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { MIN_PASSWORD_LENGTH } from '../../domain/account-protocol';
import { MAX_PASSWORD_LENGTH } from './constants';

export type ScryptParams = { N: number; r: number; p: number };

/**
 * OWASP's scrypt equivalent of N=2^17, r=8, p=1 at a quarter of the memory: 32 MiB per hash
 * (so a burst of logins cannot exhaust a small server's memory), ≈0.4 s of CPU on a slow core.
 */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

export type PasswordRefusal = 'password-too-short' | 'password-too-long';

export class PasswordPolicyError extends Error {
  override name = 'PasswordPolicyError';
  constructor(readonly code: PasswordRefusal) {
    super(
      code === 'password-too-short'
        ? `A password has at least ${MIN_PASSWORD_LENGTH} characters`
        : `A password has at most ${MAX_PASSWORD_LENGTH} characters`,
    );
  }
}

/** Why a password is not acceptable, or null. Length counts characters (code points), not bytes. */
export function passwordRefusal(password: string): PasswordRefusal | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'password-too-short';
  if (length > MAX_PASSWORD_LENGTH) return 'password-too-long';
  return null;
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * params.p + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Hashes a password that meets the policy (throws PasswordPolicyError otherwise). */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  const refusal = passwordRefusal(password);
  if (refusal) throw new PasswordPolicyError(refusal);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

type ParsedHash = { params: ScryptParams; salt: Buffer; key: Buffer };

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const valid = (value: number, max: number) => Number.isInteger(value) && value >= 1 && value <= max;
  // N must be a power of two above 1 (scrypt's own rule); the bounds keep a tampered hash from costing gigabytes.
  if (!valid(N, MAX_N) || N < 2 || (N & (N - 1)) !== 0 || !valid(r, MAX_R) || !valid(p, MAX_P)) return null;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const key = Buffer.from(parts[5]!, 'base64url');
  if (salt.length < SALT_BYTES || key.length !== KEY_BYTES) return null;
  return { params: { N, r, p }, salt, key };
}

/** True when `password` matches `stored`; false for a wrong password or an unusable hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || password.length > MAX_PASSWORD_LENGTH * 4) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/** True when a stored hash uses weaker (or unreadable) parameters than `params`. */
export function needsRehash(stored: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const parsed = parseHash(stored);
  return !parsed || parsed.params.N < params.N || parsed.params.r < params.r || parsed.params.p < params.p;
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the time of one verification without an account, so that an unknown email and a wrong
 * password take as long as each other (the answer is the same too).
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(18).toString('base64url'));
  await verifyPassword(password, await dummyHash);
  return false;
}
