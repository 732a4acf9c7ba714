/**
 * Invitation codes of coordinators, stored through nano in the server-only database
 * `${DB_PREFIX}invitations`. Guarantees:
 * - a code exists only in what the coordinator passes on: the store holds its SHA-256, like sessions;
 * - a code is base32 (RFC 4648 alphabet, easy to read out and type), 16 characters; spaces, dashes
 *   and case are ignored when it is entered;
 * - a code admits one member, within INVITATION_LIFETIME_MS: claiming it is a write at the revision
 *   read, so two people racing for one code cannot both join (CouchDB's 409 decides).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { InvitationRole } from '../../domain/account-protocol';
import type { Couch } from '../store/couch';
import { INVITATION_CODE_BYTES, INVITATION_LIFETIME_MS } from './constants';

export type Invitation = {
  /** SHA-256 (hex) of the normalised code. */
  _id: string;
  _rev?: string;
  type: 'invitation';
  municipalityId: string;
  /** The coordinator who made it. */
  createdBy: string;
  /** The role of the member who joins with it; invitations made before roles were chosen have none (official). */
  role?: InvitationRole;
  createdAt: number;
  expiresAt: number;
  /** The member who joined with it, once used. */
  usedBy?: string;
  usedAt?: number;
};

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** The code as stored (hashed): upper case, without spaces and dashes. */
export function normaliseInvitationCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

function hashOf(code: string): string {
  return createHash('sha256').update(normaliseInvitationCode(code)).digest('hex');
}

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}

export class InvitationStore {
  constructor(private readonly couch: Couch) {}

  private get db() {
    return this.couch.privateDb('invitations');
  }

  /** Makes a code for `municipalityId` admitting one member as `role`; the code is returned once and never stored. */
  async create(municipalityId: string, createdBy: string, now: number, role: InvitationRole = 'official'): Promise<{ code: string; invitation: Invitation }> {
    const code = base32(randomBytes(INVITATION_CODE_BYTES));
    const invitation: Invitation = { _id: hashOf(code), type: 'invitation', municipalityId, createdBy, role, createdAt: now, expiresAt: now + INVITATION_LIFETIME_MS };
    const result = await this.db.insert(invitation);
    return { code, invitation: { ...invitation, _rev: result.rev } };
  }

  /** The unused, unexpired invitation a code opens, or null. */
  async find(code: string, now: number): Promise<Invitation | null> {
    try {
      const invitation = (await this.db.get(hashOf(code))) as unknown as Invitation;
      return invitation.usedBy === undefined && invitation.expiresAt > now ? invitation : null;
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /** Marks the invitation used by `memberId`; null when someone else claimed it first. */
  async claim(invitation: Invitation, memberId: string, now: number): Promise<Invitation | null> {
    try {
      const claimed: Invitation = { ...invitation, usedBy: memberId, usedAt: now };
      const result = await this.db.insert(claimed);
      return { ...claimed, _rev: result.rev };
    } catch (error) {
      if (statusOf(error) === 409) return null;
      throw error;
    }
  }

  /** Gives a claimed invitation back (the join failed after claiming it). */
  async release(claimed: Invitation): Promise<void> {
    const { usedBy: _usedBy, usedAt: _usedAt, ...unused } = claimed;
    await this.db.insert(unused);
  }
}
