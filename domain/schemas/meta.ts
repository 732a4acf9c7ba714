/**
 * Server-set fields (`meta`): overwritten by the server on every accepted write, never trusted from
 * a client, ignored by merges and by the push comparison.
 */
export const META_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    createdBy: { type: 'string', maxLength: 128 },
    createdAt: { type: 'number', minimum: 0 },
    serverUpdatedAt: { type: 'number', minimum: 0 },
    updatedBy: { type: 'string', maxLength: 128 },
    publishedAt: { type: 'number', minimum: 0 },
  },
} as const;

/** Names of the top-level fields that only the server sets. */
export const SERVER_SET_FIELDS = ['meta'] as const;

/** A hybrid-logical-clock timestamp in milliseconds (see domain/hlc.ts). */
export const UPDATED_AT_SCHEMA = {
  type: 'integer',
  minimum: 0,
  maximum: 9_999_999_999_999,
  multipleOf: 1,
} as const;
