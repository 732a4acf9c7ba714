import { describe, expect, it } from 'vitest';
import { fromLegacyHash, parentOf, parseRoute, routeHref, type Route } from '../../app/routes';

describe('routes', () => {
  it.each<[string, string, Route]>([
    ['/', '', { name: 'home' }],
    ['', '', { name: 'home' }],
    ['/needs', '?category=food&q=gen', { name: 'needs' }],
    ['/needs/', '', { name: 'needs' }],
    ['/needs/new', '', { name: 'new-need' }],
    ['/needs/new/', '', { name: 'new-need' }],
    ['/needs/6f1c1d7e-0c1a', '', { name: 'need', id: '6f1c1d7e-0c1a' }],
    ['/needs/6f1c1d7e-0c1a/edit', '', { name: 'edit-need', id: '6f1c1d7e-0c1a' }],
    ['/needs/6f1c1d7e-0c1a/pledge', '', { name: 'pledge', needId: '6f1c1d7e-0c1a' }],
    ['/needs/6f1c1d7e-0c1a/pledge', '?offer=offer-1234', { name: 'pledge', needId: '6f1c1d7e-0c1a', offerId: 'offer-1234' }],
    ['/offers', '', { name: 'offers' }],
    ['/offers/new', '', { name: 'new-offer' }],
    ['/offers/o-12345678', '', { name: 'offer', id: 'o-12345678' }],
    ['/offers/o-12345678/edit', '', { name: 'edit-offer', id: 'o-12345678' }],
    ['/matches', '', { name: 'matches' }],
    ['/municipalities', '', { name: 'municipalities' }],
    ['/municipalities/m-12345678', '', { name: 'municipality', id: 'm-12345678' }],
    ['/municipalities/m-12345678/edit', '', { name: 'edit-municipality', id: 'm-12345678' }],
    ['/more', '', { name: 'settings' }],
    ['/settings', '', { name: 'settings' }],
    ['/account', '', { name: 'account' }],
    ['/sign-in', '', { name: 'sign-in' }],
    ['/register', '', { name: 'register' }],
    ['/join', '', { name: 'join' }],
    ['/join/ABCD-EFGH', '', { name: 'join', code: 'ABCD-EFGH' }],
    ['/moderation', '', { name: 'moderation' }],
    ['/members', '', { name: 'members' }],
    ['/needs/%E0%A4%A/edit', '', { name: 'needs' }],
    ['/offers/%E0%A4%A', '', { name: 'offers' }],
    ['/no/such/screen', '', { name: 'home' }],
  ])('%s%s → %j', (path, search, route) => {
    expect(parseRoute(path, search)).toEqual(route);
  });

  it.each<Route>([
    { name: 'home' },
    { name: 'needs' },
    { name: 'new-need' },
    { name: 'need', id: 'a b/c' },
    { name: 'edit-need', id: 'a b/c' },
    { name: 'pledge', needId: 'n-1', offerId: 'o 1&x' },
    { name: 'offers' },
    { name: 'offer', id: 'о-кирилиця' },
    { name: 'matches' },
    { name: 'municipality', id: 'x/y' },
    { name: 'edit-municipality', id: 'x' },
    { name: 'settings' },
    { name: 'account' },
    { name: 'sign-in' },
    { name: 'register' },
    { name: 'join' },
    { name: 'join', code: 'AB CD/EF' },
    { name: 'moderation' },
    { name: 'members' },
  ])('reads back what it writes: %j', (route) => {
    const url = new URL(routeHref(route), 'https://c4c.example');
    expect(parseRoute(url.pathname, url.search)).toEqual(route);
  });

  it.each<[Route, Route]>([
    [{ name: 'need', id: 'n' }, { name: 'needs' }],
    [{ name: 'edit-need', id: 'n' }, { name: 'need', id: 'n' }],
    [{ name: 'pledge', needId: 'n' }, { name: 'need', id: 'n' }],
    [{ name: 'edit-offer', id: 'o' }, { name: 'offer', id: 'o' }],
    [{ name: 'members' }, { name: 'settings' }],
    [{ name: 'needs' }, { name: 'home' }],
  ])('the back arrow of %j leads to %j', (route, parent) => {
    expect(parentOf(route)).toEqual(parent);
  });

  it.each([
    ['#/join/ABCD-EFGH', '/join/ABCD-EFGH'],
    ['#/needs/new', '/needs/new'],
    ['#/', '/'],
    ['#/settings', '/more'],
    ['', null],
    ['#section', null],
  ])('a link from the hash era %s opens %s', (hash, path) => {
    expect(fromLegacyHash(hash)).toBe(path);
  });
});
