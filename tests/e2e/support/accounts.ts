/**
 * Accounts for browser tests, made through the server's real routes from Node (no Origin header:
 * a non-browser client): the moderator comes from ADMIN_EMAIL/ADMIN_PASSWORD at the server's start,
 * municipalities register and are verified through /api/auth and /api/moderation. The browser then
 * signs in through the app's own sign-in screen.
 */
import { Browser, PASSWORD, registration, type Profile } from '../../integration/support/browser';

export { PASSWORD };

/** The platform moderator every e2e server starts with. */
export const MODERATOR = { email: 'moderator@cities4cities.example', password: 'moderator passphrase 1' } as const;

/** The environment that makes the server create `MODERATOR` at its first start. */
export const MODERATOR_ENV = { ADMIN_EMAIL: MODERATOR.email, ADMIN_PASSWORD: MODERATOR.password } as const;

export type Account = { email: string; password: string; profile: Profile };

type MunicipalityInput = { nameUk: string; nameLatin: string; country?: string; adm1?: string; location?: { lat: number; lon: number } };

async function expectOk<T>(answer: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const { status, body } = await answer;
  if (status >= 300) throw new Error(`${what} answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

/** Registers a municipality and its first member (both pending). */
export async function registerMunicipality(serverUrl: string, municipality: MunicipalityInput): Promise<Account> {
  const body = registration({ municipality });
  const browser = new Browser(() => serverUrl);
  const profile = await expectOk(browser.request<Profile>('POST', '/api/auth/register', body), 'register');
  return { email: body.email, password: body.password, profile };
}

/** Signs the moderator in (from Node) and verifies a municipality with its first member. */
export async function verifyMunicipality(serverUrl: string, municipalityId: string): Promise<void> {
  const moderator = new Browser(() => serverUrl);
  await expectOk(moderator.login(MODERATOR.email, MODERATOR.password), 'moderator login');
  await expectOk(moderator.request('POST', `/api/moderation/municipalities/${municipalityId}/verify`), 'verify');
}

/** A verified municipality with its verified coordinator, ready to sign in. */
export async function verifiedMunicipality(serverUrl: string, municipality: MunicipalityInput): Promise<Account> {
  const account = await registerMunicipality(serverUrl, municipality);
  await verifyMunicipality(serverUrl, account.profile.municipality!.id);
  return account;
}

/**
 * A member of `coordinator`'s municipality with `role`: invited by the coordinator, joined with the
 * invitation, admitted by the moderator — all through the real routes.
 */
export async function memberOf(serverUrl: string, coordinator: Account, role: 'official' | 'volunteer', displayName: string): Promise<Account> {
  const inviter = new Browser(() => serverUrl);
  await expectOk(inviter.login(coordinator.email, coordinator.password), 'coordinator login');
  const { code } = await expectOk(inviter.request<{ code: string }>('POST', '/api/invitations', { role }), `invite a ${role}`);
  const email = `${role}-${Date.now().toString(36)}@hromada.example`;
  const joiner = new Browser(() => serverUrl);
  const joined = await expectOk(
    joiner.request<Profile>('POST', '/api/invitations/accept', { code, email, password: PASSWORD, displayName, languages: ['uk'] }),
    'accept the invitation',
  );
  const moderator = new Browser(() => serverUrl);
  await expectOk(moderator.login(MODERATOR.email, MODERATOR.password), 'moderator login');
  await expectOk(moderator.request('POST', `/api/moderation/members/${joined.member.id}/verify`), `admit the ${role}`);
  const profile = await expectOk(joiner.request<Profile>('GET', '/api/auth/me'), `${role} profile`);
  return { email, password: PASSWORD, profile };
}

/** A field volunteer of `coordinator`'s municipality (see `memberOf`). */
export async function volunteerOf(serverUrl: string, coordinator: Account, displayName = 'Оксана Волонтерка'): Promise<Account> {
  return memberOf(serverUrl, coordinator, 'volunteer', displayName);
}

/** The coordinator removes a member of their municipality (which also revokes the member's sessions). */
export async function removeMember(serverUrl: string, coordinator: Account, member: Account): Promise<void> {
  const remover = new Browser(() => serverUrl);
  await expectOk(remover.login(coordinator.email, coordinator.password), 'coordinator login');
  await expectOk(remover.request('POST', `/api/members/${member.profile.member.id}/remove`), 'remove the member');
}
