/**
 * A member's contact details. A document of its own so that "readable only by verified members" is a
 * rule about a whole collection, never about single fields of a member.
 */
import {
  type toTypedRxJsonSchema,
  type ExtractDocumentTypeFromTypedRxJsonSchema,
  type RxJsonSchema,
} from 'rxdb/plugins/core';
import { ID_SCHEMA } from './fields';
import { META_SCHEMA, UPDATED_AT_SCHEMA } from './meta';

export const CONTACT_SCHEMA_LITERAL = {
  title: 'contact',
  description: "A member's email address and phone number",
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID_SCHEMA,
    memberId: ID_SCHEMA,
    email: { type: 'string', format: 'email', maxLength: 254 },
    /** E.164 (`+380441234567`), so it can be dialled from any country. */
    phone: { type: 'string', pattern: '^\\+[1-9][0-9]{6,14}$', maxLength: 16 },
    updatedAt: UPDATED_AT_SCHEMA,
    meta: META_SCHEMA,
  },
  required: ['id', 'memberId', 'email', 'updatedAt'],
  indexes: ['memberId'],
} as const;

/** Contact details as stored on the phone and sent over the wire. */
export type Contact = ExtractDocumentTypeFromTypedRxJsonSchema<ReturnType<typeof toTypedRxJsonSchema<typeof CONTACT_SCHEMA_LITERAL>>>;

export const CONTACT_SCHEMA: RxJsonSchema<Contact> = CONTACT_SCHEMA_LITERAL;
