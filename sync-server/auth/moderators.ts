/**
 * Moderators: the first one comes from ADMIN_EMAIL/ADMIN_PASSWORD at start or from the admin CLI.
 * Guarantees: a moderator is an active member with role `moderator` (of no municipality, see
 * MODERATORS_MUNICIPALITY_ID) plus an account; creating one for an email that already has an
 * account changes nothing (the existing password is never overwritten from the environment); when
 * no moderator exists and none is configured, the start log says how to make one.
 */
import { randomUUID } from 'node:crypto';
import type { Member } from '../../domain/schemas/member';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Couch } from '../store/couch';
import { AccountStore, EmailTakenError, type AccountOrigin } from './accounts';
import { MODERATORS_MUNICIPALITY_ID } from './constants';
import { hashPassword } from './passwords';

export type NewModerator = { email: string; password: string; displayName: string };

export type ModeratorResult = { created: true; memberId: string } | { created: false; reason: 'email-taken' };

/** Creates a moderator member and account unless the email has an account (throws PasswordPolicyError). */
export async function createModerator(couch: Couch, moderator: NewModerator, via: AccountOrigin, now = Date.now()): Promise<ModeratorResult> {
  const accounts = new AccountStore(couch);
  if (await accounts.findByEmail(moderator.email)) return { created: false, reason: 'email-taken' };
  const passwordHash = await hashPassword(moderator.password);
  const id = randomUUID();
  // Like a registration, a moderator's member document is their own: it names them as its author.
  const member: Member = {
    id,
    municipalityId: MODERATORS_MUNICIPALITY_ID,
    displayName: moderator.displayName,
    role: 'moderator',
    languages: [],
    status: 'active',
    updatedAt: now,
    meta: { createdAt: now, serverUpdatedAt: now, createdBy: id, updatedBy: id },
  };
  try {
    await accounts.create(
      { email: moderator.email, passwordHash, memberId: member.id, municipalityId: MODERATORS_MUNICIPALITY_ID, createdVia: via, createdAt: now, passwordChangedAt: now },
      [{ collection: 'members', doc: { ...member, _deleted: false } }],
    );
  } catch (error) {
    if (error instanceof EmailTakenError) return { created: false, reason: 'email-taken' };
    throw error;
  }
  return { created: true, memberId: member.id };
}

/** At start: the ADMIN_EMAIL moderator, or a hint when there is no moderator at all. */
export async function prepareModerators(couch: Couch, config: Pick<Config, 'adminEmail' | 'adminPassword'>, logger: Logger): Promise<void> {
  if (config.adminEmail !== null && config.adminPassword !== null) {
    const result = await createModerator(couch, { email: config.adminEmail, password: config.adminPassword, displayName: 'Moderator' }, 'admin-env');
    if (result.created) logger.info({ email: config.adminEmail, memberId: result.memberId }, 'created the moderator from ADMIN_EMAIL');
    else logger.info({ email: config.adminEmail }, 'ADMIN_EMAIL already has an account; left unchanged');
    return;
  }
  if (await new AccountStore(couch).hasModeratorAccount()) return;
  logger.warn(
    'No moderator exists yet, so nobody can verify municipalities. Create one with ' +
      '`npm run admin -- create-moderator --email you@example.org --name "Your Name"` (asks for the password), ' +
      'or start the server once with ADMIN_EMAIL and ADMIN_PASSWORD set.',
  );
}
