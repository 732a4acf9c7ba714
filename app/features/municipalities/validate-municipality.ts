/** The municipality schema's field errors, from the validator compiled at build time (no eval in the browser). */
import { validate } from 'virtual:c4c-validators/municipalities';
import type { FieldError } from '../../../domain/validation';
import { toFieldErrors } from '../../forms/field-errors';

/** The field errors of `doc` against the municipality schema (empty when it is valid). */
export function validateMunicipality(doc: unknown): FieldError[] {
  return validate(doc) ? [] : toFieldErrors(validate.errors ?? []);
}
