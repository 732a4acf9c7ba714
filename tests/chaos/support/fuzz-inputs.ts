/**
 * The hostile material of the fuzz campaign, as fast-check arbitraries: odd strings (lone
 * surrogates, bidi overrides, zero-width and NUL characters, very long text), boundary numbers,
 * JSON values of the wrong type, bodies too large or nested too deep, malformed JSON text, and
 * schema-driven mutations of valid documents (a required field removed, a field of the wrong type,
 * a value just outside its schema's bounds, an extra field). Generation only: whether the result is
 * still valid is decided afterwards with the domain validators (fuzz-cases.ts), never assumed.
 */
import fc from 'fast-check';

/** Strings that break naive code: invisible, bidi, surrogates, NUL, markup, store names, numbers as text. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'abc\u0000def',
  '\ud800',
  '\udc00abc',
  'ab\ud83d',
  '\u202eevil\u202c',
  '\u200b\u200b\u200b',
  '\u200d\u2060\ufeff',
  '\u00ad',
  'ﷺ',
  '\u0301\u0301\u0301',
  '𝕳𝖊𝖑𝖑𝖔 🇺🇦 👩‍👩‍👧‍👦',
  'مرحبا بالعالم',
  'Київ',
  '__proto__',
  'constructor',
  'prototype',
  '_design/x',
  '_all_docs',
  '_users',
  '../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x10',
  'null',
  'true',
  '[]',
  '{}',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${jndi:ldap://x}',
  '\r\nX-Injected: 1',
  '2026-02-30',
  '1969-12-31',
  '9999-12-31',
] as const;

/** A string a user or an attacker might send. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 8 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'ї', '\u200b', '🇺🇦', '\u0000'), fc.integer({ min: 200, max: 20_000 })).map(([unit, count]) => unit.repeat(count)) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
);

/** Numbers at and past every boundary the schemas use (JSON has no NaN or Infinity: see `hostileJsonText`). */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 0.5, 1e-9, 0.0009, 0.001, 1e9, 1e9 + 1, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, 5e-324, 9_999_999_999_999, 10_000_000_000_000, 1_577_836_799_999, 4_102_444_800_001, 90.000001, -180.5),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** A JSON value nested `depth` levels deep (arrays or objects). */
export function deepValue(depth: number, asObjects: boolean): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = asObjects ? { a: value } : [value];
  return value;
}

/** JSON text nested `depth` levels deep, written directly (JSON.stringify itself would run out of stack). */
export function deepJsonText(depth: number, asObjects: boolean): string {
  return asObjects ? `${'{"a":'.repeat(depth)}"bottom"${'}'.repeat(depth)}` : `${'['.repeat(depth)}"bottom"${']'.repeat(depth)}`;
}

/** Any JSON value, including odd ones: the wrong type for whatever field it lands in. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom([], {}, [null], { id: null }, { $gt: '' }, { __proto__: { admin: true } }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 20, max: 300 }), fc.boolean()).map(([depth, asObjects]) => deepValue(depth, asObjects)) },
);

/** Ids: valid ones, near misses of the id pattern, store names and unicode. */
export const oddId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('_design/evil', '_all_docs', '_changes', '_local/x', 'a', 'abcdefg', 'a'.repeat(64), 'a'.repeat(65), '-abcdefgh', 'abc defgh', 'abcdefgh\u0000', 'abcdefgh%2F..', 'ідентифікатор1', 'abcdefgh\u200b', '..%2F..%2Fetc'),
  hostileString,
  fc.uuid(),
);

/** Malformed or hostile JSON text: not parseable, or parseable into something surprising. */
export const hostileJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '[',
    '{"a":}',
    '{"a":1,}',
    "{'a':1}",
    '[NaN]',
    '[Infinity]',
    '[-Infinity]',
    '{"a":1e400}',
    'null',
    'true',
    '"just a string"',
    '12',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '\ufeff{}',
    '{"a":"\\ud800"}',
    '{"a":"\\u0000"}',
    '{"a":1}{"b":2}',
    '{"a":1} trailing',
    '[1,2,3',
    '{"a":"unterminated}',
    '\u0000\u0000',
    '{"a": 0x10}',
    '{"a": 01}',
    '{"dup":1,"dup":2}',
  ),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.integer({ min: 1_000, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 1_000, max: 20_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  fc.integer({ min: 1_000, max: 20_000 }).map((depth) => '['.repeat(depth)),
);

/** Content types a JSON route might receive instead of `application/json`. */
export const wrongContentType: fc.Arbitrary<string | null> = fc.constantFrom(
  null,
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  'image/png',
  'application/json; charset=utf-7',
  'application/json; charset=latin1',
  'application/jsonx',
  'application/vnd.api+json',
  'application/*',
  '*/*',
  ';;;',
  'application/json\u0000',
);

/** Methods a route does not have (and some no route has). */
export const anyMethod: fc.Arbitrary<string> = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL', 'COPY', 'FOO');

/** Session cookies that name no valid session (or are malformed). */
export const badCookie: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'c4c_session=',
    'c4c_session=abc',
    `c4c_session=${'A'.repeat(43)}`,
    `c4c_session=${'A'.repeat(42)}!`,
    `c4c_session=${'_'.repeat(43)}; c4c_session=${'-'.repeat(43)}`,
    'c4c_session',
    '=c4c_session',
    'c4c_session=%00%00',
    `c4c_session=${'x'.repeat(8_000)}`,
    ';;;;',
    'other=1',
  ),
  hostileString.map((value) => `c4c_session=${value}`),
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'.split('')), minLength: 43, maxLength: 43 }).map((token) => `c4c_session=${token}`),
);

/**
 * Percent-encodes the UTF-8 bytes of `value` (a lone surrogate becomes U+FFFD's bytes, where
 * `encodeURIComponent` would throw), for paths and query strings.
 */
export function percentEncode(value: string): string {
  let encoded = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9_.~-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** Query-string values for `limit` and `checkpoint`: numbers, junk, repeats, huge. */
export const hostileQueryValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', '0', '-1', '1', '500', '501', '1.5', '1e2', '0x10', '%205', '5%20', '+5', 'NaN', 'Infinity', '9007199254740993', '%ZZ', '%00', '%F0%9F', '[]', '{}', 'x'.repeat(10_000)),
  hostileString.map(percentEncode),
  fc.integer().map(String),
);

/** One schema-driven change to a valid document, named by the kind of hostile input it is. */
export type Mutation = { kind: 'missing-field' | 'wrong-type' | 'boundary' | 'extra-field' | 'unicode' | 'odd-id' | 'forged-meta'; apply(doc: Record<string, unknown>): Record<string, unknown> };

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  enum?: readonly unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  items?: JsonSchema;
  maxItems?: number;
};

/** Values at and just past the bounds of one field's schema. */
function boundaryValues(schema: JsonSchema): unknown[] {
  const values: unknown[] = [];
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('string')) {
    if (schema.minLength !== undefined) values.push('x'.repeat(schema.minLength), 'x'.repeat(Math.max(0, schema.minLength - 1)));
    if (schema.maxLength !== undefined) values.push('y'.repeat(schema.maxLength), 'y'.repeat(schema.maxLength + 1), 'ї'.repeat(schema.maxLength + 1));
    if (schema.enum) values.push(String(schema.enum[0]).toUpperCase(), `${String(schema.enum[0])} `, '');
    if (schema.format === 'date' || schema.pattern?.includes('20[2-9]')) values.push('2019-12-31', '2100-01-01', '2026-02-30', '2026-13-01', '2026-3-1');
    if (schema.format === 'email') values.push('a@b', 'a@@b.c', '@b.co', `${'a'.repeat(250)}@b.co`);
    values.push('', ' ', '\u200b');
  }
  if (types.includes('number') || types.includes('integer')) {
    for (const bound of [schema.minimum, schema.maximum]) if (bound !== undefined) values.push(bound, bound - 1, bound + 1, bound - 0.0001, bound + 0.0001);
    values.push(0.5, -1, 0, 1e308, -1e308, 2 ** 53 + 2);
  }
  if (types.includes('array')) {
    if (schema.maxItems !== undefined) values.push(Array.from({ length: schema.maxItems + 1 }, (_unused, index) => `item-${index}`));
    values.push([], ['dup', 'dup'], [null]);
  }
  if (values.length === 0) values.push(null, '', 0);
  return values;
}

function wrongTypeValues(schema: JsonSchema): unknown[] {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const all: unknown[] = ['text', 42, 1.5, true, null, [], {}, ['text'], { nested: 1 }];
  return all.filter((value) => {
    if (value === null) return !types.includes('null');
    if (Array.isArray(value)) return !types.includes('array');
    if (typeof value === 'object') return !types.includes('object');
    if (typeof value === 'number') return !types.includes('number') && !(types.includes('integer') && Number.isInteger(value));
    return !types.includes(typeof value);
  });
}

/** The paths of a schema's properties, one level of nesting deep (`place.settlement`). */
function fieldPaths(schema: JsonSchema): { path: string[]; schema: JsonSchema; required: boolean }[] {
  const paths: { path: string[]; schema: JsonSchema; required: boolean }[] = [];
  for (const [name, sub] of Object.entries(schema.properties ?? {})) {
    paths.push({ path: [name], schema: sub, required: schema.required?.includes(name) ?? false });
    for (const [inner, innerSchema] of Object.entries(sub.properties ?? {})) {
      paths.push({ path: [name, inner], schema: innerSchema, required: sub.required?.includes(inner) ?? false });
    }
  }
  return paths;
}

/** `doc` with the value at `path` set (or removed when `value` is `REMOVE`); copies, never changes `doc`. */
function setAt(doc: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path as [string, ...string[]];
  const copy = { ...doc };
  if (rest.length === 0) {
    if (value === REMOVE) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const inner = copy[head];
  copy[head] = setAt(typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Record<string, unknown>) : {}, rest, value);
  return copy;
}

const REMOVE = Symbol('remove');

/** Extra fields a document must not carry (store fields, prototype keys, operators, server-set fields). */
const EXTRA_FIELDS = ['_rev', '_attachments', '_conflicts', '_id', '__proto__', 'constructor', '$where', 'isAdmin', 'role', '', ' ', '\u0000', 'id\u200b'];

/** Schema-driven mutations of a document of `schema`. */
export function mutation(schema: object): fc.Arbitrary<Mutation> {
  const paths = fieldPaths(schema);
  const stringPaths = paths.filter((field) => field.schema.type === 'string');
  const pathArb = fc.constantFrom(...paths);
  return fc.oneof(
    pathArb.map((field): Mutation => ({ kind: 'missing-field', apply: (doc) => setAt(doc, field.path, REMOVE) })),
    pathArb.chain((field) => fc.constantFrom(...wrongTypeValues(field.schema)).map((value): Mutation => ({ kind: 'wrong-type', apply: (doc) => setAt(doc, field.path, value) }))),
    pathArb.chain((field) => fc.constantFrom(...boundaryValues(field.schema)).map((value): Mutation => ({ kind: 'boundary', apply: (doc) => setAt(doc, field.path, value) }))),
    fc.tuple(fc.oneof(fc.constantFrom(...EXTRA_FIELDS), hostileString), hostileValue).map(([key, value]): Mutation => ({ kind: 'extra-field', apply: (doc) => ({ ...doc, [key]: value }) })),
    fc.tuple(fc.constantFrom(...(stringPaths.length > 0 ? stringPaths : paths)), hostileString).map(([field, value]): Mutation => ({ kind: 'unicode', apply: (doc) => setAt(doc, field.path, value) })),
    oddId.map((id): Mutation => ({ kind: 'odd-id', apply: (doc) => ({ ...doc, id }) })),
    fc
      .record({ createdBy: fc.oneof(fc.constant('member-forged-01'), hostileString), createdAt: hostileNumber, serverUpdatedAt: hostileNumber })
      .map((meta): Mutation => ({ kind: 'forged-meta', apply: (doc) => ({ ...doc, meta }) })),
  );
}

/** One to three mutations of a document, and the kinds they were. */
export function mutated(schema: object): fc.Arbitrary<{ kinds: Mutation['kind'][]; apply(doc: Record<string, unknown>): Record<string, unknown> }> {
  return fc.array(mutation(schema), { minLength: 1, maxLength: 3 }).map((mutations) => ({
    kinds: mutations.map((one) => one.kind),
    apply: (doc) => mutations.reduce((current, one) => one.apply(current), doc),
  }));
}
