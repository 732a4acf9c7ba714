/**
 * Builds the collections' JSON-schema validators ahead of time (ajv "standalone" code) and serves
 * each as the virtual module `virtual:c4c-validators/<collection>` exporting `validate`. The browser
 * then validates with the same schemas as the server without ajv compiling code at run time, which
 * a Content-Security-Policy without 'unsafe-eval' forbids; the ajv compiler stays out of the bundle
 * and a screen loads only the validator of the collection it edits.
 */
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import type { Plugin } from 'vite';
import { COLLECTIONS, isCollectionName, type CollectionName } from '../domain/collections';

export const VALIDATORS_MODULE = 'virtual:c4c-validators';
const PREFIX = `${VALIDATORS_MODULE}/`;

/**
 * ajv's standalone output still `require`s two runtime helpers; each is replaced by an ES import or
 * an inline equivalent. A helper not listed here fails the build rather than the phone.
 */
const RUNTIME_HELPERS: Record<string, { imports: string; value: string }> = {
  'ajv-formats/dist/formats': {
    imports: `import { fullFormats as __fullFormats } from 'ajv-formats/dist/formats.js';`,
    value: '{ fullFormats: __fullFormats }',
  },
  // Length in Unicode code points, as ajv counts it (a surrogate pair is one character).
  'ajv/dist/runtime/ucs2length': {
    imports: '',
    value: '{ default: (text) => { let length = 0; for (const _ of text) length++; return length; } }',
  },
};

/** The ES module source exporting `validate`, the compiled validator of one collection's schema. */
export function validatorSource(collection: CollectionName): string {
  // strict: false only because ajv would reject RxDB's schema keywords (version, primaryKey, …);
  // they carry no validation, so the result is the same as domain/validation.ts's strict instance.
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, code: { source: true, esm: true } });
  const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
    addFormatsModule) as unknown as (target: Ajv) => Ajv;
  addFormats(ajv);
  const code = standaloneCode(ajv, ajv.compile(COLLECTIONS[collection].schema)).replace(/^"use strict";/, '');

  const used = new Set<string>();
  const body = code.replace(/require\("([^"]+)"\)/g, (_match, specifier: string) => {
    if (!RUNTIME_HELPERS[specifier]) throw new Error(`ajv standalone code requires "${specifier}", which ${PREFIX}${collection} does not provide`);
    used.add(specifier);
    return `__runtime[${JSON.stringify(specifier)}]`;
  });
  const helpers = [...used].map((specifier) => ({ specifier, ...RUNTIME_HELPERS[specifier]! }));
  return [
    ...helpers.map((helper) => helper.imports).filter(Boolean),
    `const __runtime = { ${helpers.map((helper) => `${JSON.stringify(helper.specifier)}: ${helper.value}`).join(', ')} };`,
    body,
    '',
  ].join('\n');
}

export function collectionValidators(): Plugin {
  return {
    name: 'c4c-collection-validators',
    resolveId: (id) => (id.startsWith(PREFIX) ? `\0${id}` : undefined),
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return undefined;
      const collection = id.slice(PREFIX.length + 1);
      if (!isCollectionName(collection)) throw new Error(`${id}: no collection named "${collection}"`);
      return validatorSource(collection);
    },
  };
}
