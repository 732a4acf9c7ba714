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


/** Validates a document against its JSON schema and `wellFormedText`; returns the field errors (empty when valid). */
export function validateDocument(schema: object, doc: unknown): FieldError[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  const errors = validate(doc) ? [] : toFieldErrors(validate.errors ?? []);
  return [...errors, ...illFormedText(doc)];
}

/** Whether a string is well-formed UTF-16: every surrogate in a pair (no lookbehind: Safari 15 lacks it). */
function isWellFormedText(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0xd800 || code > 0xdfff) continue;
    const next = text.charCodeAt(index + 1);
    if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return false;
    index += 1;
  }
  return true;
}

/**
 * Text that is not valid Unicode: a lone surrogate, which JSON's `\ud800` escape can carry but no
 * character is. No store key, URL or other system can hold it faithfully, so it is refused like any
 * field error (keyword `unicode`), in values and in property names, however deep.
 */
export function illFormedText(value: unknown): FieldError[] {
  // A walk with its own stack, not recursion: a request body nested 20,000 levels deep is valid JSON
  // and must get a field error or nothing, never a stack overflow. Paths are built only for errors.
  type Place = { value: unknown; key: string; parent: Place | null };
  const pathOf = (place: Place): string => {
    const keys: string[] = [];
    for (let at: Place | null = place; at && at.parent; at = at.parent) keys.push(at.key);
    return keys.reverse().join('.') || '(document)';
  };
  const errors: FieldError[] = [];
  const pending: Place[] = [{ value, key: '', parent: null }];
  while (pending.length > 0) {
    const place = pending.pop()!;
    const here = place.value;
    if (typeof here === 'string') {
      if (!isWellFormedText(here)) errors.push({ field: pathOf(place), message: 'must be valid Unicode text', keyword: 'unicode' });
    } else if (Array.isArray(here)) {
      for (let index = here.length - 1; index >= 0; index--) pending.push({ value: here[index] as unknown, key: String(index), parent: place });
    } else if (typeof here === 'object' && here !== null) {
      const entries: [string, unknown][] = Object.entries(here);
      for (const [key, item] of entries.reverse()) {
        if (isWellFormedText(key)) pending.push({ value: item, key, parent: place });
        else errors.push({ field: pathOf(place), message: 'property names must be valid Unicode text', keyword: 'unicode' });
      }
    }
  }
  return errors;
}
