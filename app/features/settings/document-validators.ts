/** Every collection's schema check for imported files, compiled at build time (the CSP forbids eval). */
import type { ErrorObject } from 'ajv';
import { validate as contacts } from 'virtual:c4c-validators/contacts';
import { validate as members } from 'virtual:c4c-validators/members';
import { validate as messages } from 'virtual:c4c-validators/messages';
import { validate as municipalities } from 'virtual:c4c-validators/municipalities';
import { validate as needs } from 'virtual:c4c-validators/needs';
import { validate as offers } from 'virtual:c4c-validators/offers';
import { validate as photos } from 'virtual:c4c-validators/photos';
import { validate as pledge_events } from 'virtual:c4c-validators/pledge_events';
import { validate as pledges } from 'virtual:c4c-validators/pledges';
import type { CollectionName } from '../../../domain/collections';
import type { DocumentValidator } from '../../db/import-changes';
import { toFieldErrors } from '../../forms/field-errors';

const VALIDATORS: Record<CollectionName, ((data: unknown) => boolean) & { errors?: ErrorObject[] | null }> = {
  contacts,
  members,
  messages,
  municipalities,
  needs,
  offers,
  photos,
  pledge_events,
  pledges,
};

export const validateImported: DocumentValidator = (collection, document) => {
  const validate = VALIDATORS[collection];
  return validate(document) ? [] : toFieldErrors(validate.errors ?? []);
};
