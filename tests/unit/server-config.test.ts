import express from 'express';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig, maskUrl } from '../../sync-server/config';

describe('loadConfig', () => {
  it('has a default for every key', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', couchdbUrl: null, dbPrefix: 'c4c_', logLevel: 'info', trustProxy: false, photoMaxBytes: 1024 * 1024 });
    expect(loadConfig({ PHOTO_MAX_BYTES: String(5 * 1024 * 1024) }).photoMaxBytes).toBe(5 * 1024 * 1024);
    expect(config.dataDir).toMatch(/data$/);
    expect(config.distDir).toMatch(/dist$/);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ COUCHDB_URL: 'not a url' }, /COUCHDB_URL/],
    [{ COUCHDB_URL: 'ftp://couch.example' }, /COUCHDB_URL/],
    [{ DB_PREFIX: 'Bad-Prefix' }, /DB_PREFIX/],
    [{ ADMIN_EMAIL: 'admin@example.org' }, /ADMIN_EMAIL and ADMIN_PASSWORD/],
    [{ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'long enough password' }, /ADMIN_EMAIL/],
    [{ ADMIN_EMAIL: 'admin@example.org', ADMIN_PASSWORD: 'short' }, /ADMIN_PASSWORD/],
    [{ LOGIN_LIMIT_PER_IP: '0' }, /LOGIN_LIMIT_PER_IP/],
    [{ LOGIN_LIMIT_PER_ACCOUNT: 'ten' }, /LOGIN_LIMIT_PER_ACCOUNT/],
    [{ PHOTO_MAX_BYTES: '0' }, /PHOTO_MAX_BYTES/],
    [{ PHOTO_MAX_BYTES: String(5 * 1024 * 1024 + 1) }, /PHOTO_MAX_BYTES/],
    [{ PHOTO_MAX_BYTES: '1.5' }, /PHOTO_MAX_BYTES/],
  ])('fails fast on %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never shows the store password in what it logs', () => {
    const config = loadConfig({ COUCHDB_URL: 'https://admin:s3cret@couch.example:6984/prefix/' });
    expect(config.couchdbUrl).toBe('https://admin:s3cret@couch.example:6984/prefix');
    expect(JSON.stringify(describeConfig(config))).not.toContain('s3cret');
    expect(maskUrl('http://u:p@h:1')).toBe('http://u:***@h:1');
  });

  it('reads the first moderator (email lower-cased) and never logs their password', () => {
    const config = loadConfig({ ADMIN_EMAIL: ' Admin@Example.org ', ADMIN_PASSWORD: 'a long s3cret password' });
    expect(config).toMatchObject({ adminEmail: 'admin@example.org', adminPassword: 'a long s3cret password', loginLimitPerAccount: 10, loginLimitPerIp: 50 });
    expect(JSON.stringify(describeConfig(config))).not.toContain('s3cret');
  });
});

describe('TRUST_PROXY', () => {
  // Express reads a string as a list of proxy addresses: the README's `TRUST_PROXY=1` trusted the
  // proxy "at address 1", i.e. nothing, so every browser POST behind TLS was refused as bad-origin.
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['true', true],
    ['0', 0],
    ['1', 1],
    [' 2 ', 2],
    ['loopback', ['loopback']],
    ['loopback, linklocal,uniquelocal', ['loopback', 'linklocal', 'uniquelocal']],
    ['10.0.0.1', ['10.0.0.1']],
    ['10.0.0.0/8,172.16.0.0/12', ['10.0.0.0/8', '172.16.0.0/12']],
    ['192.168.1.0/255.255.255.0', ['192.168.1.0/255.255.255.0']],
    ['::1', ['::1']],
    ['fd00::/8, loopback', ['fd00::/8', 'loopback']],
  ])('reads %j as %j, a value Express accepts', (raw, expected) => {
    const { trustProxy } = loadConfig(raw === undefined ? {} : { TRUST_PROXY: raw });
    expect(trustProxy).toEqual(expected);
    expect(() => express().set('trust proxy', trustProxy)).not.toThrow();
  });

  it.each(['yes', '1.5', '-1', '101', 'loopbak', '10.0.0.300', '10.0.0.0/33', '::/129', '10.0.0.0/8/1', '10.0.0.1,', 'nginx.internal', '1e3'])(
    'fails fast on %j with a message naming TRUST_PROXY',
    (raw) => {
      expect(() => loadConfig({ TRUST_PROXY: raw })).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: raw })).toThrow(/TRUST_PROXY/);
    },
  );
});
