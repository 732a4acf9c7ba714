import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from '../../app/hooks/useRoute';

describe('routes', () => {
  it.each<[string, Route]>([
    ['', { name: 'needs' }],
    ['#/', { name: 'needs' }],
    ['#/needs/new', { name: 'new-need' }],
    ['#/needs/new/', { name: 'new-need' }],
    ['#/needs/6f1c1d7e-0c1a/edit', { name: 'edit-need', id: '6f1c1d7e-0c1a' }],
    ['#/settings', { name: 'settings' }],
    ['#/no/such/screen', { name: 'needs' }],
  ])('%s → %j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it.each<Route>([{ name: 'needs' }, { name: 'new-need' }, { name: 'settings' }, { name: 'edit-need', id: 'a b/c' }])(
    'reads back what it writes: %j',
    (route) => {
      expect(parseRoute(routeHref(route))).toEqual(route);
    },
  );
});
