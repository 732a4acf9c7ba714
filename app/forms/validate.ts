/** Schema checks for the app's forms, with validators compiled at build time (no eval in the browser). */
import { validate as validateNeedSchema } from 'virtual:c4c-validators/needs';
import { validate as validateOfferSchema } from 'virtual:c4c-validators/offers';
import type { FieldError } from '../../domain/validation';
import { toFieldErrors } from './field-errors';

type CompiledValidator = typeof validateNeedSchema;

function fieldErrors(validate: CompiledValidator, doc: unknown): FieldError[] {
  return validate(doc) ? [] : toFieldErrors(validate.errors ?? []);
}

/** The need schema's field errors for `doc` (empty when it is valid). */
export function validateNeed(doc: unknown): FieldError[] {
  return fieldErrors(validateNeedSchema, doc);
}

/** The offer schema's field errors for `doc` (empty when it is valid). */
export function validateOffer(doc: unknown): FieldError[] {
  return fieldErrors(validateOfferSchema, doc);
}
