import {
  type toTypedRxJsonSchema,
  type ExtractDocumentTypeFromTypedRxJsonSchema,
  type RxJsonSchema,
} from 'rxdb/plugins/core';
import {
  CATEGORIES,
  ID_MAX_LENGTH,
  ID_PATTERN,
  NEED_STATUSES,
  TEXT_LANGUAGE_PATTERN,
  UA_PCODE_PATTERN,
  UNITS,
  URGENCIES,
} from '../constants';
import { META_SCHEMA, UPDATED_AT_SCHEMA } from './meta';

/** A need posted by a (Ukrainian) municipality. Written once; RxDB and the server's ajv both use it. */
export const NEED_SCHEMA_LITERAL = {
  title: 'need',
  description: 'Something a municipality needs: goods, vehicles or know-how',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', maxLength: ID_MAX_LENGTH, pattern: ID_PATTERN },
    municipalityId: { type: 'string', maxLength: ID_MAX_LENGTH, pattern: ID_PATTERN },
    category: { type: 'string', enum: CATEGORIES },
    title: { type: 'string', minLength: 3, maxLength: 140 },
    description: { type: 'string', maxLength: 4000 },
    language: { type: 'string', pattern: TEXT_LANGUAGE_PATTERN, maxLength: 3 },
    quantity: { type: 'number', exclusiveMinimum: 0, maximum: 1_000_000_000 },
    unit: { type: 'string', enum: UNITS },
    urgency: { type: 'string', enum: URGENCIES },
    neededBy: { type: 'string', format: 'date', maxLength: 10 },
    place: {
      type: 'object',
      additionalProperties: false,
      properties: {
        settlement: { type: 'string', minLength: 1, maxLength: 120 },
        pcode: { type: 'string', pattern: UA_PCODE_PATTERN, maxLength: 16 },
        lat: { type: 'number', minimum: -90, maximum: 90 },
        lon: { type: 'number', minimum: -180, maximum: 180 },
      },
      required: ['settlement'],
    },
    status: { type: 'string', enum: NEED_STATUSES },
    updatedAt: UPDATED_AT_SCHEMA,
    meta: META_SCHEMA,
  },
  required: [
    'id',
    'municipalityId',
    'category',
    'title',
    'description',
    'language',
    'unit',
    'urgency',
    'place',
    'status',
    'updatedAt',
  ],
} as const;

/** A need as stored on the phone and sent over the wire. */
export type Need = ExtractDocumentTypeFromTypedRxJsonSchema<ReturnType<typeof toTypedRxJsonSchema<typeof NEED_SCHEMA_LITERAL>>>;

export const NEED_SCHEMA: RxJsonSchema<Need> = NEED_SCHEMA_LITERAL;
