import type { MouseEvent, ReactNode } from 'react';
import { openRoute, routeHref, type Route } from '../routes';

type Props = {
  /** A screen, or a URL of this app (e.g. a list with its filters). */
  route: Route | string;
  className?: string;
  children: ReactNode;
  'data-testid'?: string;
  'aria-label'?: string;
  'aria-current'?: 'page' | undefined;
};

/** A link to a screen; a plain click opens it as a history entry the screen can go back from. */
export function RouteLink({ route, children, ...rest }: Props) {
  const href = typeof route === 'string' ? route : routeHref(route);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    openRoute(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
