/**
 * Field errors in the shape the server sends back (`details` of a refusal) and the app shows next
 * to the field. Kept apart from domain/validation.ts so the app can map its build-time compiled
 * validators' errors without bundling the ajv compiler.
 */
import type { ErrorObject } from 'ajv';

export type FieldError = { field: string; message: string; keyword: string };

/**
 * ajv's errors as field errors. An `if` error only says "the then-branch failed" at the document
 * level; the then-branch's own error names the field, so the `if` one is left out.
 */
export function toFieldErrors(errors: readonly ErrorObject[]): FieldError[] {
  return errors.filter((error) => error.keyword !== 'if').map(toFieldError);
}

/** One ajv error as a field error (`place.settlement`, `title`, or `(document)`). */
export function toFieldError(error: ErrorObject): FieldError {
  const path = error.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const missing = error.keyword === 'required' ? String(error.params.missingProperty) : '';
  const extra = error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : '';
  const field = [path, missing || extra].filter(Boolean).join('.') || '(document)';
  return { field, message: error.message ?? 'is invalid', keyword: error.keyword };
}
