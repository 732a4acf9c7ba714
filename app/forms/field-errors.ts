/** ajv errors as field errors: the same mapping as the server's (domain/field-errors.ts). */
export { toFieldErrors } from '../../domain/field-errors';
