/** ajv errors as field errors: the same mapping as the server's (domain/field-errors.ts). */
export { toFieldError } from '../../domain/field-errors';
