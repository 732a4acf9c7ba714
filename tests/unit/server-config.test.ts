import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig, maskUrl } from '../../sync-server/config';

describe('loadConfig', () => {
  it('has a default for every key', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', couchdbUrl: null, dbPrefix: 'c4c_', logLevel: 'info', trustProxy: null });
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
