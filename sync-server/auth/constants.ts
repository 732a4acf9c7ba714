/** Constants of accounts and sessions (issue 4), in one place so tests and docs can name them. */

/** The session cookie's name. */
export const SESSION_COOKIE = 'c4c_session';

/** A session lives this long after its last use (sliding): long enough to cover weeks offline. */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** A session's `lastSeenAt`/`expiresAt` are rewritten at most this often (one store write per hour). */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 60 * 1000;

/** Random bytes in a session token (the cookie holds them base64url-encoded; the store only their SHA-256). */
export const SESSION_TOKEN_BYTES = 32;

/**
 * Longer passwords are refused as invalid requests: hashing megabytes is a denial of service. The
 * shortest accepted one is `MIN_PASSWORD_LENGTH` of domain/account-protocol.ts, shared with the app.
 */
export const MAX_PASSWORD_LENGTH = 1024;

/** The window of the login rate limits; the counts per window come from the configuration. */
export const LOGIN_LIMIT_WINDOW_MS = 15 * 60 * 1000;

/** Registrations per IP address and hour (each one hashes a password and creates two documents). */
export const REGISTRATIONS_PER_IP_PER_HOUR = 20;

/**
 * The `municipalityId` of moderators' member documents. Moderators belong to no municipality: no
 * municipality document has this id, so no member list shows them and no municipality rule applies.
 */
export const MODERATORS_MUNICIPALITY_ID = 'platform-moderators';

/** Size limit of auth request bodies. */
export const AUTH_BODY_LIMIT = '16kb';

/** An invitation code is valid this long after its creation (and for one use). */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** Random bytes in an invitation code: 10 bytes are 16 base32 characters (80 bits). */
export const INVITATION_CODE_BYTES = 10;

/** At most this many pending municipalities (and, apart, pending members) are listed to moderators at once. */
export const MODERATION_PAGE_LIMIT = 500;
