/**
 * One ajv instance that understands RxDB's schema keywords, and field errors in the shape the
 * server sends back (`details`) and the app shows next to the field.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { toFieldErrors, type FieldError } from './field-errors';

export type { FieldError };

const RXDB_KEYWORDS = [
  'version',
  'primaryKey',
  'indexes',
  'keyCompression',
  'encrypted',
  'attachments',
  'internalIndexes',
  'final',
  'ref',
  'sharding',
  'crdt',
];


function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  for (const keyword of RXDB_KEYWORDS) ajv.addKeyword(keyword);
  // ajv-formats is CommonJS: under some loaders its function arrives as `.default`.
  const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
    addFormatsModule) as unknown as (target: Ajv) => Ajv;
  addFormats(ajv);
  return ajv;
}

const ajv = createAjv();
const compiled = new WeakMap<object, ValidateFunction>();


/** Validates a document against its JSON schema; returns the field errors (empty when valid). */
export function validateDocument(schema: object, doc: unknown): FieldError[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate(doc) ? [] : toFieldErrors(validate.errors ?? []);
}
