/** The pledge-event schema's field errors, from the validator compiled at build time (no eval in the browser). */
import { validate } from 'virtual:c4c-validators/pledge_events';
import type { FieldError } from '../../../domain/validation';
import { toFieldErrors } from '../../forms/field-errors';

/** The field errors of `doc` against the pledge-event schema (empty when it is valid). */
export function validatePledgeEvent(doc: unknown): FieldError[] {
  return validate(doc) ? [] : toFieldErrors(validate.errors ?? []);
}
