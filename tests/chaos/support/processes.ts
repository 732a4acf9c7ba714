/**
 * The sync server as a child process a campaign can kill (`node --import tsx sync-server/main.ts`,
 * what `npm start` runs), on a fixed port so phones find it again after a restart, with DATA_DIR
 * kept across restarts. The embedded store is the server's own child (its pid in
 * DATA_DIR/store.json): `killStore` kills it under a running server, `kill` kills the server (its
 * store then exits as its parent is gone).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { storeFilePath } from '../../../sync-server/store/embedded-store';
import { TEST_ADMIN } from '../../integration/support/accounts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A free loopback port (taken and released at once). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export class ServerProcess {
  private child: ChildProcess | null = null;
  private output = '';
  readonly url: string;

  constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Starts the server and resolves once it answers /healthz with its store up. */
  async start(timeoutMs = 60_000): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        LOG_LEVEL: 'warn',
        ADMIN_EMAIL: TEST_ADMIN.email,
        ADMIN_PASSWORD: TEST_ADMIN.password,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    try {
      await until(async () => {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited while starting (${child.exitCode ?? child.signalCode})`);
        return this.healthy();
      }, timeoutMs, 'the sync server to answer /healthz');
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- server output ---\n${this.output}`, { cause: error });
    }
  }

  /** Whether the server answers /healthz with 200 (its store up). */
  async healthy(): Promise<boolean> {
    try {
      return (await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(1000) })).status === 200;
    } catch {
      return false;
    }
  }

  /** The pid of the store the server runs now, from store.json. */
  storePid(): number | null {
    try {
      return (JSON.parse(fs.readFileSync(storeFilePath(this.dataDir), 'utf8')) as { pid: number }).pid;
    } catch {
      return null;
    }
  }

  /** SIGKILL of the server; resolves once it and its store are gone. */
  async kill(): Promise<void> {
    const child = this.child;
    const store = this.storePid();
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    // The store exits when its parent goes away; a new server must not find it still holding LevelDB.
    if (store !== null) await until(() => !isAlive(store), 10_000, `the store (pid ${store}) to exit after its server`);
    this.child = null;
  }

  /** SIGKILL of the store under the running server (which restarts it); resolves once it is gone. */
  async killStore(): Promise<boolean> {
    const pid = this.storePid();
    if (pid === null || !isAlive(pid)) return false;
    process.kill(pid, 'SIGKILL');
    await until(() => !isAlive(pid), 10_000, `the store (pid ${pid}) to die`);
    return true;
  }

  /** SIGTERM (a clean stop: the store is stopped too); SIGKILL after 10 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    const store = this.storePid();
    if (store !== null) await until(() => !isAlive(store), 10_000, 'the store to stop');
    this.child = null;
  }

  /** The last lines the server printed, for a failure report. */
  lastOutput(): string {
    return this.output.slice(-4000);
  }
}

/** Copies the store's files (LevelDB) of a stopped server: a file-level backup. */
export function backupStore(dataDir: string, to: string): void {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(path.join(dataDir, 'store'), to, { recursive: true });
}

/** Puts a backup's files back in place of the store's (the server must be stopped). */
export function restoreStore(dataDir: string, from: string): void {
  fs.rmSync(path.join(dataDir, 'store'), { recursive: true, force: true });
  fs.cpSync(from, path.join(dataDir, 'store'), { recursive: true });
}
