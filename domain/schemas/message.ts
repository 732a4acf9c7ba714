/**
 * A message in a private thread between two municipalities about one need, offer or pledge.
 * Append-only; a moderator may redact one (the body is replaced, the fact that it was sent stays).
 */
import {
  type toTypedRxJsonSchema,
  type ExtractDocumentTypeFromTypedRxJsonSchema,
  type RxJsonSchema,
} from 'rxdb/plugins/core';
import { ID_MAX_LENGTH, SUBJECT_KINDS } from '../constants';
import { ID_SCHEMA, PHOTO_IDS_SCHEMA, TEXT_LANGUAGE_SCHEMA, VISIBLE_TEXT_SCHEMA } from './fields';
import { META_SCHEMA, UPDATED_AT_SCHEMA } from './meta';

/** `subjectId:municipalityA:municipalityB`, the two sorted (domain/rules/message-thread.ts). */
const THREAD_ID_MAX_LENGTH = 3 * ID_MAX_LENGTH + 2;

export const MESSAGE_SCHEMA_LITERAL = {
  title: 'message',
  description: 'A message between two municipalities about a need, offer or pledge; append-only',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID_SCHEMA,
    /** Derived from subject and the two municipalities, so both sides land in the same thread. */
    threadId: { type: 'string', maxLength: THREAD_ID_MAX_LENGTH, pattern: '^[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$' },
    subjectKind: { type: 'string', enum: SUBJECT_KINDS },
    subjectId: ID_SCHEMA,
    fromMunicipalityId: ID_SCHEMA,
    toMunicipalityId: ID_SCHEMA,
    authorMemberId: ID_SCHEMA,
    body: VISIBLE_TEXT_SCHEMA,
    language: TEXT_LANGUAGE_SCHEMA,
    photoIds: PHOTO_IDS_SCHEMA,
    /** Set by a moderator only, together with the body replaced by REDACTED_MESSAGE_BODY. */
    redacted: { type: 'boolean' },
    updatedAt: UPDATED_AT_SCHEMA,
    meta: META_SCHEMA,
  },
  required: [
    'id',
    'threadId',
    'subjectKind',
    'subjectId',
    'fromMunicipalityId',
    'toMunicipalityId',
    'authorMemberId',
    'body',
    'language',
    'updatedAt',
  ],
  indexes: [['threadId', 'updatedAt']],
} as const;

/** A message as stored on the phone and sent over the wire. */
export type Message = ExtractDocumentTypeFromTypedRxJsonSchema<ReturnType<typeof toTypedRxJsonSchema<typeof MESSAGE_SCHEMA_LITERAL>>>;

export const MESSAGE_SCHEMA: RxJsonSchema<Message> = MESSAGE_SCHEMA_LITERAL;
