/** Password hashing (sync-server/auth/passwords.ts), with cheap scrypt parameters where the cost is not the point. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCRYPT_PARAMS,
  PasswordPolicyError,
  hashPassword,
  needsRehash,
  passwordRefusal,
  verifyAgainstNothing,
  verifyPassword,
} from '../../sync-server/auth/passwords';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const PASSWORD = 'correct horse battery';

describe('passwordRefusal', () => {
  it.each([
    ['', 'password-too-short'],
    ['123456789', 'password-too-short'],
    ['ключ-ключ', 'password-too-short'], // 9 characters, 17 bytes: characters count
    ['1234567890', null],
    ['пароль-десять', null],
    ['x'.repeat(1025), 'password-too-long'],
  ])('%j → %s', (password, expected) => {
    expect(passwordRefusal(password)).toBe(expected);
  });
});

describe('hashPassword / verifyPassword', () => {
  it('stores the parameters and a random salt in the hash, and verifies only the right password', async () => {
    const hash = await hashPassword(PASSWORD, CHEAP);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyPassword(`${PASSWORD} `, hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
    expect(await hashPassword(PASSWORD, CHEAP)).not.toBe(hash);
  });

  it('uses the default parameters when none are given', async () => {
    expect(await hashPassword(PASSWORD)).toMatch(new RegExp(`^scrypt\\$${DEFAULT_SCRYPT_PARAMS.N}\\$${DEFAULT_SCRYPT_PARAMS.r}\\$${DEFAULT_SCRYPT_PARAMS.p}\\$`));
  });

  it('verifies a composed and a decomposed spelling of the same password alike (NFC)', async () => {
    const hash = await hashPassword('Zürich-Київ-2026', CHEAP);
    expect(await verifyPassword('Zu\u0308rich-Київ-2026', hash)).toBe(true);
  });

  it('refuses a short password with the stable code password-too-short', async () => {
    await expect(hashPassword('short', CHEAP)).rejects.toThrow(PasswordPolicyError);
    await expect(hashPassword('short', CHEAP)).rejects.toMatchObject({ code: 'password-too-short' });
  });

  it.each([
    ['another scheme', 'bcrypt$2b$10$abc'],
    ['missing parts', 'scrypt$1024$8$1$abc'],
    ['N not a power of two', 'scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a cost beyond the bounds', 'scrypt$4194304$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a short key', 'scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA'],
  ])('answers false (never throws) for a hash with %s', async (_case, hash) => {
    expect(await verifyPassword(PASSWORD, hash)).toBe(false);
  });
});

describe('needsRehash', () => {
  it('is true for weaker or unreadable hashes, false for current ones', async () => {
    expect(needsRehash(await hashPassword(PASSWORD, CHEAP))).toBe(true);
    expect(needsRehash('garbage')).toBe(true);
    expect(needsRehash(await hashPassword(PASSWORD, CHEAP), CHEAP)).toBe(false);
  });
});

describe('verifyAgainstNothing', () => {
  it('does the work of a verification and answers false', async () => {
    expect(await verifyAgainstNothing(PASSWORD)).toBe(false);
  });
});
