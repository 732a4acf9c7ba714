/**
 * TLS ends at a reverse proxy in production (DESIGN.md): the server sees plain http from the proxy,
 * and only X-Forwarded-Proto/-Host/-For tell it what the browser used. A real proxy hop runs here
 * (a small node:http proxy on 127.0.0.1). With TRUST_PROXY naming that proxy, a browser's POST from
 * `https://cities.example` is accepted and the session cookie is Secure; without it, the forwarded
 * headers are not believed (anyone could send them).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, expectError } from './support/browser';
import { TEST_ADMIN } from './support/accounts';
import { startTestServer, type TestServer } from './support/sync-harness';

const PUBLIC_HOST = 'cities.example';
const PUBLIC_ORIGIN = `https://${PUBLIC_HOST}`;

type Proxy = { url: string; close(): Promise<void> };

/** A TLS-terminating proxy as nginx is usually set up: forwards to `target`, saying the browser used https. */
async function startProxy(target: string): Promise<Proxy> {
  const proxy = http.createServer((req, res) => {
    const upstream = http.request(new URL(req.url ?? '/', target), {
      method: req.method,
      headers: { ...req.headers, host: new URL(target).host, 'x-forwarded-proto': 'https', 'x-forwarded-host': PUBLIC_HOST, 'x-forwarded-for': '203.0.113.7' },
    });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (error) => res.destroy(error));
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}

describe.each([
  ['TRUST_PROXY=1 (one hop, the README example)', '1'],
  ['TRUST_PROXY listing the proxy among others', '10.0.0.0/8, loopback'],
])('behind a TLS proxy with %s', (_label, trustProxy) => {
  let server: TestServer;
  let proxy: Proxy;

  beforeAll(async () => {
    server = await startTestServer(undefined, 0, { TRUST_PROXY: trustProxy });
    proxy = await startProxy(server.url);
  });

  afterAll(async () => {
    await proxy.close();
    await server.stop();
  });

  it('accepts a browser POST from the public https origin and sets a Secure session cookie', async () => {
    const browser = new Browser(() => proxy.url, PUBLIC_ORIGIN);
    const login = await browser.login(TEST_ADMIN.email, TEST_ADMIN.password);
    expect(login.status).toBe(200);
    expect(login.setCookie).toMatch(/;\s*Secure/i);
    expect((await browser.me()).status).toBe(200);
    const logout = await browser.request('POST', '/api/auth/logout');
    expect(logout.status).toBe(204);
    expect(logout.setCookie).toMatch(/;\s*Secure/i);
  });

  it('still refuses another site, and the http origin the proxy hides', async () => {
    expectError(await new Browser(() => proxy.url, 'https://evil.example').login(TEST_ADMIN.email, TEST_ADMIN.password), 403, 'bad-origin');
    expectError(await new Browser(() => proxy.url, `http://${PUBLIC_HOST}`).login(TEST_ADMIN.email, TEST_ADMIN.password), 403, 'bad-origin');
  });
});

describe.each([
  ['without TRUST_PROXY', undefined],
  ['with TRUST_PROXY naming other proxies only', '10.0.0.1,uniquelocal'],
])('behind a proxy %s', (_label, trustProxy) => {
  let server: TestServer;
  let proxy: Proxy;

  beforeAll(async () => {
    server = await startTestServer(undefined, 0, trustProxy === undefined ? {} : { TRUST_PROXY: trustProxy });
    proxy = await startProxy(server.url);
  });

  afterAll(async () => {
    await proxy.close();
    await server.stop();
  });

  it('does not believe the forwarded headers: the https origin is refused and cookies are not Secure', async () => {
    expectError(await new Browser(() => proxy.url, PUBLIC_ORIGIN).login(TEST_ADMIN.email, TEST_ADMIN.password), 403, 'bad-origin');
    const nonBrowser = await new Browser(() => proxy.url).login(TEST_ADMIN.email, TEST_ADMIN.password);
    expect(nonBrowser.status).toBe(200);
    expect(nonBrowser.setCookie).not.toMatch(/Secure/i);
  });
});
