/**
 * The browser-test harness itself: which Chromium the finder picks and when it installs one, and how
 * the sync server's start-up line is read. Fast; no browser or server is started.
 */
import { describe, expect, it } from 'vitest';
import { HOW_TO_INSTALL, ensureChromium, findInstalledChromium, type FinderEnvironment } from '../support/chromium';
import { listeningUrl } from './support/sync-server';

const PLAYWRIGHT_PATH = '/home/me/.cache/ms-playwright/chromium-1/chrome-linux64/chrome';

function machine(overrides: Partial<FinderEnvironment> & { files?: string[] } = {}) {
  const files = new Set(overrides.files ?? []);
  const installs: string[] = [];
  const environment: FinderEnvironment = {
    env: {},
    exists: (path) => files.has(path),
    playwrightPath: () => PLAYWRIGHT_PATH,
    isRoot: () => false,
    isDebian: () => false,
    aptInstallChromium: () => {
      installs.push('chromium');
      files.add('/usr/bin/chromium');
    },
    ...overrides,
  };
  return { environment, installs };
}

describe('the Chromium finder', () => {
  it('prefers CHROMIUM_PATH, then CHROME_PATH, over every other browser', () => {
    const files = ['/opt/a/chrome', '/opt/b/chrome', PLAYWRIGHT_PATH, '/usr/bin/chromium'];
    expect(findInstalledChromium(machine({ files, env: { CHROMIUM_PATH: '/opt/a/chrome', CHROME_PATH: '/opt/b/chrome' } }).environment)).toEqual({
      path: '/opt/a/chrome',
      source: 'env',
    });
    expect(findInstalledChromium(machine({ files, env: { CHROME_PATH: '/opt/b/chrome' } }).environment)?.path).toBe('/opt/b/chrome');
  });

  it('fails loudly when the browser named in the environment is missing', () => {
    const { environment } = machine({ files: ['/usr/bin/chromium'], env: { CHROMIUM_PATH: '/nowhere/chrome' } });
    expect(() => findInstalledChromium(environment)).toThrow('CHROMIUM_PATH=/nowhere/chrome does not exist');
  });

  it("uses Playwright's downloaded browser when it exists, else the system's in a fixed order", () => {
    expect(findInstalledChromium(machine({ files: [PLAYWRIGHT_PATH, '/usr/bin/chromium'] }).environment)?.source).toBe('playwright');
    expect(findInstalledChromium(machine({ files: ['/usr/bin/google-chrome', '/usr/bin/chromium-browser'] }).environment)?.path).toBe(
      '/usr/bin/chromium-browser',
    );
    expect(findInstalledChromium(machine({ playwrightPath: () => null, files: ['/usr/bin/google-chrome'] }).environment)).toEqual({
      path: '/usr/bin/google-chrome',
      source: 'system',
    });
  });

  it('installs Debian’s chromium only as root on Debian, and only when none is found', () => {
    const root = machine({ isRoot: () => true, isDebian: () => true });
    expect(ensureChromium(root.environment)).toEqual({ path: '/usr/bin/chromium', source: 'apt' });
    expect(root.installs).toEqual(['chromium']);

    const alreadyThere = machine({ isRoot: () => true, isDebian: () => true, files: ['/usr/bin/chromium'] });
    expect(ensureChromium(alreadyThere.environment).source).toBe('system');
    expect(alreadyThere.installs).toEqual([]);
  });

  it('explains how to get a browser when it may not install one', () => {
    for (const overrides of [{ isRoot: () => true }, { isDebian: () => true }, {}]) {
      const { environment, installs } = machine(overrides);
      expect(() => ensureChromium(environment)).toThrow(HOW_TO_INSTALL);
      expect(installs).toEqual([]);
    }
    expect(HOW_TO_INSTALL).toMatch(/apt-get install chromium/);
    expect(HOW_TO_INSTALL).toMatch(/npx playwright install chromium/);
    expect(HOW_TO_INSTALL).toMatch(/CHROMIUM_PATH/);
  });
});

describe("the sync server's start-up line", () => {
  it('gives the URL from the pino line that announces listening', () => {
    const line = JSON.stringify({ level: 30, time: 1, msg: 'sync server listening', url: 'http://127.0.0.1:40123' });
    expect(listeningUrl(line)).toBe('http://127.0.0.1:40123');
  });

  it('ignores other lines, JSON or not', () => {
    expect(listeningUrl(JSON.stringify({ level: 30, msg: 'embedded store started', url: 'http://127.0.0.1:5999' }))).toBeNull();
    expect(listeningUrl(JSON.stringify({ level: 30, msg: 'listening' }))).toBeNull();
    expect(listeningUrl('listening on http://127.0.0.1:1')).toBeNull();
    expect(listeningUrl('{not json')).toBeNull();
  });
});
