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
    ['#/account', { name: 'account' }],
    ['#/sign-in', { name: 'sign-in' }],
    ['#/register', { name: 'register' }],
    ['#/join', { name: 'join' }],
    ['#/join/ABCD-EFGH', { name: 'join', code: 'ABCD-EFGH' }],
    ['#/moderation', { name: 'moderation' }],
    ['#/members', { name: 'members' }],
    ['#/needs/%E0%A4%A/edit', { name: 'needs' }],
    ['#/no/such/screen', { name: 'needs' }],
  ])('%s → %j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it.each<Route>([
    { name: 'needs' },
    { name: 'new-need' },
    { name: 'settings' },
    { name: 'edit-need', id: 'a b/c' },
    { name: 'account' },
    { name: 'sign-in' },
    { name: 'register' },
    { name: 'join' },
    { name: 'join', code: 'AB CD/EF' },
    { name: 'moderation' },
    { name: 'members' },
  ])(
    'reads back what it writes: %j',
    (route) => {
      expect(parseRoute(routeHref(route))).toEqual(route);
    },
  );
});
