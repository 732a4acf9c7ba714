/** An offer: goods, vehicles or know-how a municipality (any country, Ukrainian too) can give. */
import {
  type toTypedRxJsonSchema,
  type ExtractDocumentTypeFromTypedRxJsonSchema,
  type RxJsonSchema,
} from 'rxdb/plugins/core';
import { CATEGORIES, DELIVERY_OPTIONS, OFFER_STATUSES, UNITS } from '../constants';
import { DAY_SCHEMA, ID_SCHEMA, OFFER_PLACE_SCHEMA, PHOTO_IDS_SCHEMA, QUANTITY_BY_UNIT, QUANTITY_SCHEMA, TEXT_LANGUAGE_SCHEMA, TITLE_SCHEMA } from './fields';
import { fieldStampsSchema } from '../field-stamps';
import { META_SCHEMA, UPDATED_AT_SCHEMA } from './meta';

/** The offer's fields a member edits: each carries its own stamp in `fieldStamps`. */
export const OFFER_STAMPED_FIELDS = ['municipalityId', 'category', 'title', 'description', 'language', 'quantity', 'unit', 'availableUntil', 'deliveryOptions', 'place', 'status', 'photoIds'] as const;

export const OFFER_SCHEMA_LITERAL = {
  title: 'offer',
  description: 'Something a municipality can give: goods, vehicles or know-how',
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
    /** Optional for expertise, like a need's. */
    quantity: QUANTITY_SCHEMA,
    unit: { type: 'string', enum: UNITS },
    availableUntil: DAY_SCHEMA,
    deliveryOptions: { type: 'array', items: { type: 'string', enum: DELIVERY_OPTIONS }, uniqueItems: true, minItems: 1, maxItems: 4 },
    place: OFFER_PLACE_SCHEMA,
    status: { type: 'string', enum: OFFER_STATUSES },
    /** Photos of the offer (photo documents with ownerKind 'offer'), in the order they are shown. */
    photoIds: PHOTO_IDS_SCHEMA,
    updatedAt: UPDATED_AT_SCHEMA,
    /** The stamp of each field's last change (domain/field-stamps.ts); the merge decides by them. */
    fieldStamps: fieldStampsSchema(OFFER_STAMPED_FIELDS),
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
    'deliveryOptions',
    'place',
    'status',
    'updatedAt',
  ],
  allOf: QUANTITY_BY_UNIT,
} as const;

/** An offer as stored on the phone and sent over the wire. */
export type Offer = ExtractDocumentTypeFromTypedRxJsonSchema<ReturnType<typeof toTypedRxJsonSchema<typeof OFFER_SCHEMA_LITERAL>>>;

export const OFFER_SCHEMA: RxJsonSchema<Offer> = OFFER_SCHEMA_LITERAL;
