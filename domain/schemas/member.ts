/** A person acting for a municipality. Contact details live apart, in `contacts`, with stricter reads. */
import {
  type toTypedRxJsonSchema,
  type ExtractDocumentTypeFromTypedRxJsonSchema,
  type RxJsonSchema,
} from 'rxdb/plugins/core';
import { MEMBER_ROLES, MEMBER_STATUSES } from '../constants';
import { ID_SCHEMA, LANGUAGES_SCHEMA, NAME_SCHEMA } from './fields';
import { META_SCHEMA, UPDATED_AT_SCHEMA } from './meta';

export const MEMBER_SCHEMA_LITERAL = {
  title: 'member',
  description: 'An official, volunteer, coordinator or moderator of a municipality',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID_SCHEMA,
    municipalityId: ID_SCHEMA,
    displayName: { ...NAME_SCHEMA, maxLength: 120 },
    role: { type: 'string', enum: MEMBER_ROLES },
    languages: LANGUAGES_SCHEMA,
    /** `pending` until a moderator (or the municipality's coordinator) admits the member. */
    status: { type: 'string', enum: MEMBER_STATUSES },
    updatedAt: UPDATED_AT_SCHEMA,
    meta: META_SCHEMA,
  },
  required: ['id', 'municipalityId', 'displayName', 'role', 'languages', 'status', 'updatedAt'],
  indexes: ['municipalityId'],
} as const;

/** A member as stored on the phone and sent over the wire. */
export type Member = ExtractDocumentTypeFromTypedRxJsonSchema<ReturnType<typeof toTypedRxJsonSchema<typeof MEMBER_SCHEMA_LITERAL>>>;

export const MEMBER_SCHEMA: RxJsonSchema<Member> = MEMBER_SCHEMA_LITERAL;
