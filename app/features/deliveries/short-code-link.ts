import { routeHref } from '../../routes';

/** The link a delivery sheet's QR code holds: this app's short-code page, so any phone camera opens it. */
export function shortCodeLink(origin: string, code: string): string {
  return `${origin}${routeHref({ name: 'short-code', code })}`;
}
