import type { MouseEvent, ReactNode } from 'react';
import { openRoute, routeHref, type Route } from '../hooks/useRoute';

type Props = { route: Route; className?: string; children: ReactNode; 'data-testid'?: string; 'aria-label'?: string };

/** A link to a screen; a plain click opens it as a history entry the screen can go back from. */
export function RouteLink({ route, children, ...rest }: Props) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    openRoute(route);
  };
  return (
    <a href={routeHref(route)} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
