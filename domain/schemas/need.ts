import {
  type toTypedRxJsonSchema,
  type ExtractDocumentTypeFromTypedRxJsonSchema,
  type RxJsonSchema,
} from 'rxdb/plugins/core';
import { CATEGORIES, NEED_STATUSES, UA_PCODE_PATTERN, UNITS, URGENCIES } from '../constants';
import { DAY_SCHEMA, ID_SCHEMA, LATITUDE_SCHEMA, LONGITUDE_SCHEMA, NAME_SCHEMA, PHOTO_IDS_SCHEMA, QUANTITY_BY_UNIT, QUANTITY_SCHEMA, TEXT_LANGUAGE_SCHEMA, TITLE_SCHEMA } from './fields';
import { fieldStampsSchema } from '../field-stamps';
import { META_SCHEMA, UPDATED_AT_SCHEMA } from './meta';

/** The need's fields a member edits: each carries its own stamp in `fieldStamps`. */
export const NEED_STAMPED_FIELDS = ['municipalityId', 'category', 'title', 'description', 'language', 'quantity', 'unit', 'urgency', 'neededBy', 'place', 'status', 'photoIds'] as const;

/** A need posted by a (Ukrainian) municipality. Written once; RxDB and the server's ajv both use it. */
export const NEED_SCHEMA_LITERAL = {
  title: 'need',
  description: 'Something a municipality needs: goods, vehicles or know-how',
  // v1 (issue 11) added the optional `photoIds`, v2 (issue 13) the optional `fieldStamps`; a document of
  // an older version is a valid one of the newer as it is (domain/migrations.ts).
  version: 2,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID_SCHEMA,
    municipalityId: ID_SCHEMA,
    category: { type: 'string', enum: CATEGORIES },
    title: TITLE_SCHEMA,
    description: { type: 'string', maxLength: 4000 },
    language: TEXT_LANGUAGE_SCHEMA,
    /** Optional for expertise. */
    quantity: QUANTITY_SCHEMA,
    unit: { type: 'string', enum: UNITS },
    urgency: { type: 'string', enum: URGENCIES },
    neededBy: DAY_SCHEMA,
    place: {
      type: 'object',
      additionalProperties: false,
      properties: {
        settlement: { ...NAME_SCHEMA, maxLength: 120 },
        pcode: { type: 'string', pattern: UA_PCODE_PATTERN, maxLength: 16 },
        lat: LATITUDE_SCHEMA,
        lon: LONGITUDE_SCHEMA,
      },
      required: ['settlement'],
    },
    status: { type: 'string', enum: NEED_STATUSES },
    /** Photos of the need (photo documents with ownerKind 'need'), in the order they are shown. */
    photoIds: PHOTO_IDS_SCHEMA,
    updatedAt: UPDATED_AT_SCHEMA,
    /** The stamp of each field's last change (domain/field-stamps.ts); the merge decides by them. */
    fieldStamps: fieldStampsSchema(NEED_STAMPED_FIELDS),
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
  allOf: QUANTITY_BY_UNIT,
} as const;

/** A need as stored on the phone and sent over the wire. */
export type Need = ExtractDocumentTypeFromTypedRxJsonSchema<ReturnType<typeof toTypedRxJsonSchema<typeof NEED_SCHEMA_LITERAL>>>;

export const NEED_SCHEMA: RxJsonSchema<Need> = NEED_SCHEMA_LITERAL;
