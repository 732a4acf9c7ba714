/**
 * A photo's metadata. The bytes travel separately (RxDB's HTTP replication carries no attachments);
 * the checksum ties the two together and lets either side verify an upload or a download.
 */
import {
  type toTypedRxJsonSchema,
  type ExtractDocumentTypeFromTypedRxJsonSchema,
  type RxJsonSchema,
} from 'rxdb/plugins/core';
import { MAX_PHOTO_BYTES, PHOTO_MIME_TYPES, PHOTO_OWNER_KINDS } from '../constants';
import { ID_SCHEMA } from './fields';
import { META_SCHEMA, UPDATED_AT_SCHEMA } from './meta';

export const PHOTO_SCHEMA_LITERAL = {
  title: 'photo',
  description: 'Metadata of a compressed, EXIF-free image; the bytes are stored and synced apart',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID_SCHEMA,
    ownerKind: { type: 'string', enum: PHOTO_OWNER_KINDS },
    ownerId: ID_SCHEMA,
    mimeType: { type: 'string', enum: PHOTO_MIME_TYPES },
    size: { type: 'integer', minimum: 1, maximum: MAX_PHOTO_BYTES },
    /** Hex SHA-256 of the bytes as uploaded. */
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', maxLength: 64 },
    width: { type: 'integer', minimum: 1, maximum: 10_000 },
    height: { type: 'integer', minimum: 1, maximum: 10_000 },
    updatedAt: UPDATED_AT_SCHEMA,
    meta: META_SCHEMA,
  },
  required: ['id', 'ownerKind', 'ownerId', 'mimeType', 'size', 'sha256', 'width', 'height', 'updatedAt'],
  indexes: ['ownerId'],
} as const;

/** A photo's metadata as stored on the phone and sent over the wire. */
export type Photo = ExtractDocumentTypeFromTypedRxJsonSchema<ReturnType<typeof toTypedRxJsonSchema<typeof PHOTO_SCHEMA_LITERAL>>>;

export const PHOTO_SCHEMA: RxJsonSchema<Photo> = PHOTO_SCHEMA_LITERAL;
