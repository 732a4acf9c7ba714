/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/react" />

/** Served by scripts/vite-plugin-validators.ts: a collection's ajv validator, compiled at build time. */
declare module 'virtual:c4c-validators/*' {
  import type { ErrorObject } from 'ajv';

  export const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
}
