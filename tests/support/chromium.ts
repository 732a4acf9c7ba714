/**
 * Finds a Chromium for the browser tests, installing Debian's when we may, and launches it the same
 * way everywhere. Order: `CHROMIUM_PATH` / `CHROME_PATH`; the browser `npx playwright install
 * chromium` downloaded; the system's chromium / chromium-browser / google-chrome; as root on
 * Debian or Ubuntu, `apt-get install chromium`. Anything else fails with how to get one.
 *
 * Run it as a script to print the path (installing if needed):
 *   node --import tsx tests/support/chromium.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

/** Flags for a quiet, reproducible browser in containers and CI (no sandbox: we often run as root). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** Where the tests look for a system browser, in order. */
export const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'] as const;

/** The path apt's `chromium` package installs. */
const APT_CHROMIUM_PATH = '/usr/bin/chromium';

export type ChromiumSource = 'env' | 'playwright' | 'system' | 'apt';
export type FoundChromium = { path: string; source: ChromiumSource };

/** What the finder looks at; replaced in tests so it can be checked without touching the machine. */
export type FinderEnvironment = {
  env: Readonly<Record<string, string | undefined>>;
  exists(path: string): boolean;
  /** Playwright's download location for its Chromium, or null if playwright-core cannot say. */
  playwrightPath(): string | null;
  isRoot(): boolean;
  isDebian(): boolean;
  /** Runs apt-get; throws if it fails. */
  aptInstallChromium(): void;
};

export const HOW_TO_INSTALL = [
  'No Chromium found for the browser tests. Any one of these fixes it:',
  '  - Debian/Ubuntu: sudo apt-get install chromium',
  '  - any OS: npx playwright install chromium',
  '  - point CHROMIUM_PATH (or CHROME_PATH) at a Chromium or Chrome executable',
].join('\n');

/** Finds an installed browser without installing anything; null when there is none. */
export function findInstalledChromium(environment: FinderEnvironment = machine): FoundChromium | null {
  for (const name of ['CHROMIUM_PATH', 'CHROME_PATH'] as const) {
    const path = environment.env[name];
    if (!path) continue;
    // An explicit choice that is wrong must fail loudly, not fall back to another browser.
    if (!environment.exists(path)) throw new Error(`${name}=${path} does not exist`);
    return { path, source: 'env' };
  }
  const playwrightPath = environment.playwrightPath();
  if (playwrightPath && environment.exists(playwrightPath)) return { path: playwrightPath, source: 'playwright' };
  const system = SYSTEM_CHROMIUM_PATHS.find((path) => environment.exists(path));
  return system ? { path: system, source: 'system' } : null;
}

/** Finds a browser, installing Debian's chromium when running as root on Debian/Ubuntu. */
export function ensureChromium(environment: FinderEnvironment = machine): FoundChromium {
  const found = findInstalledChromium(environment);
  if (found) return found;
  if (!environment.isRoot() || !environment.isDebian()) throw new Error(HOW_TO_INSTALL);
  environment.aptInstallChromium();
  if (!environment.exists(APT_CHROMIUM_PATH)) {
    throw new Error(`apt-get install chromium finished but ${APT_CHROMIUM_PATH} is missing.\n${HOW_TO_INSTALL}`);
  }
  return { path: APT_CHROMIUM_PATH, source: 'apt' };
}

function runApt(args: readonly string[]): void {
  // apt's output goes to stderr so that, run as a script, stdout carries only the path.
  const result = spawnSync('apt-get', [...args], {
    stdio: ['ignore', 2, 2],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) throw new Error(`apt-get ${args.join(' ')} could not start: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed with exit code ${String(result.status)}`);
}

const machine: FinderEnvironment = {
  env: process.env,
  exists: existsSync,
  playwrightPath() {
    try {
      return chromium.executablePath();
    } catch {
      // playwright-core throws when its registry has no Chromium build for this platform.
      return null;
    }
  },
  isRoot: () => process.getuid?.() === 0,
  isDebian: () => existsSync('/etc/debian_version'),
  aptInstallChromium() {
    process.stderr.write('No Chromium found: installing Debian’s chromium with apt-get (root, Debian/Ubuntu).\n');
    // Waits for a concurrent apt/dpkg (e.g. an install already running) instead of failing on the lock.
    const lockWait = ['-o', 'DPkg::Lock::Timeout=600'];
    runApt([...lockWait, 'update']);
    runApt([...lockWait, 'install', '-y', '--no-install-recommends', 'chromium']);
  },
};

let cached: FoundChromium | undefined;

/** The browser every browser test uses (found or installed once per process). */
export function chromiumExecutable(): string {
  cached ??= ensureChromium();
  return cached.path;
}

export type LaunchOptions = {
  /** Browser locale (`navigator.language`, Accept-Language), e.g. 'uk-UA'. */
  locale?: string;
  viewport?: { width: number; height: number };
  /** More command-line switches, e.g. a fake camera for the scanner test. */
  extraArgs?: readonly string[];
};

export type LaunchedBrowser = {
  context: BrowserContext;
  userDataDir: string;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
};

/**
 * Launches Chromium with a fresh profile of its own. A persistent context is what lets service
 * workers install and control pages (they do not in Playwright's incognito contexts here).
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'c4c-chromium-'));
  const context = await chromium
    .launchPersistentContext(userDataDir, {
      executablePath: chromiumExecutable(),
      headless: true,
      args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
      viewport: options.viewport ?? { width: 360, height: 740 },
      ...(options.locale ? { locale: options.locale } : {}),
    })
    .catch(async (error: unknown) => {
      await rm(userDataDir, { recursive: true, force: true });
      throw error;
    });
  return {
    context,
    userDataDir,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const found = ensureChromium();
    process.stderr.write(`chromium (${found.source}):\n`);
    process.stdout.write(`${found.path}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
