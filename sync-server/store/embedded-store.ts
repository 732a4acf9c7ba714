/**
 * Runs the embedded CouchDB-compatible store (embedded-store-child.ts) for a DATA_DIR and keeps it
 * running. Guarantees:
 * - LevelDB allows one process per directory, so a store already running for this DATA_DIR (found
 *   through `store.json` and answering with its credentials) is reused rather than started twice;
 * - a crash of the child never takes the caller down: it is restarted with back-off, on the same
 *   port when that port is still free, and listeners learn the (possibly new) URL; an adopted store
 *   (another process's) is checked every second and replaced the same way once it is gone;
 * - the child has a fresh random admin password per start and listens on 127.0.0.1 only, and
 *   refuses every request without it (embedded-store-child.ts);
 * - DATA_DIR is private to its owner (mode 0700, tightened at start when it was not).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logger';

const CHILD_ENTRY = fileURLToPath(new URL('./embedded-store-child.ts', import.meta.url));
const PROJECT_ROOT = path.resolve(path.dirname(CHILD_ENTRY), '..', '..');
const START_TIMEOUT_MS = 30_000;
/** How often a store adopted from another process is checked to be still running. */
const ADOPTED_CHECK_MS = 1000;

export type StoreAddress = { url: string; user: string; password: string };
type StoreFile = StoreAddress & { pid: number };

/** The URL with credentials, as nano takes it. */
export function authenticatedUrl(address: StoreAddress): string {
  const url = new URL(address.url);
  url.username = encodeURIComponent(address.user);
  url.password = encodeURIComponent(address.password);
  return url.toString().replace(/\/$/, '');
}

export function storeFilePath(dataDir: string): string {
  return path.join(dataDir, 'store.json');
}

/** The store described by DATA_DIR/store.json, if it is running and accepts its credentials. */
export async function findRunningStore(dataDir: string): Promise<StoreAddress | null> {
  let file: StoreFile;
  try {
    file = JSON.parse(await fs.promises.readFile(storeFilePath(dataDir), 'utf8')) as StoreFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`cannot read ${storeFilePath(dataDir)}: ${(error as Error).message}`, { cause: error });
  }
  try {
    process.kill(file.pid, 0);
  } catch {
    return null; // the process named in the file is gone: a stale file
  }
  try {
    const response = await fetch(`${file.url}/_session`, {
      headers: { authorization: `Basic ${Buffer.from(`${file.user}:${file.password}`).toString('base64')}` },
      signal: AbortSignal.timeout(2000),
    });
    const body = (await response.json()) as { userCtx?: { roles?: string[] } };
    return response.ok && body.userCtx?.roles?.includes('_admin') ? { url: file.url, user: file.user, password: file.password } : null;
  } catch {
    return null; // not answering: not usable
  }
}

export class EmbeddedStore extends EventEmitter<{ restarted: [StoreAddress] }> {
  private child: ChildProcess | null = null;
  private current: StoreAddress | null = null;
  private stopping = false;
  private restartDelayMs = 500;
  private restartTimer: NodeJS.Timeout | undefined;
  private adoptedTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly logger: Logger,
  ) {
    super();
  }

  get address(): StoreAddress {
    if (!this.current) throw new Error('the embedded store is not started');
    return this.current;
  }

  /** Starts the store (or adopts one already running for this DATA_DIR) and resolves with its address. */
  async start(): Promise<StoreAddress> {
    await fs.promises.mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    const { mode } = await fs.promises.stat(this.dataDir);
    if ((mode & 0o077) !== 0) await fs.promises.chmod(this.dataDir, mode & 0o700);
    const running = await findRunningStore(this.dataDir);
    if (running) {
      this.logger.info({ url: running.url }, 'using the embedded store already running for this DATA_DIR');
      this.current = running;
      this.watchAdopted(running);
      return running;
    }
    this.current = await this.spawn(0);
    return this.current;
  }

  /**
   * A store this instance did not start (another process's, still running) sends no exit event:
   * watch that it still answers, and start our own once it is gone, as after a crash of our child.
   */
  private watchAdopted(adopted: StoreAddress): void {
    const check = async () => {
      if (this.stopping || this.current !== adopted) return;
      if (await findRunningStore(this.dataDir)) {
        this.adoptedTimer = setTimeout(() => void check(), ADOPTED_CHECK_MS);
        return;
      }
      if (this.stopping || this.current !== adopted) return;
      this.logger.error({ url: adopted.url }, 'the embedded store this server adopted is gone; starting one');
      this.scheduleRestart(portOf(adopted));
    };
    this.adoptedTimer = setTimeout(() => void check(), ADOPTED_CHECK_MS);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    clearTimeout(this.adoptedTimer);
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(killTimer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  private spawn(port: number): Promise<StoreAddress> {
    const user = 'c4c_admin';
    const password = randomBytes(24).toString('base64url');
    const child = fork(CHILD_ENTRY, [], {
      cwd: PROJECT_ROOT,
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        STORE_DIR: path.join(this.dataDir, 'store'),
        STORE_PORT: String(port),
        STORE_USER: user,
        STORE_PASSWORD: password,
        STORE_FILE: storeFilePath(this.dataDir),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);

    return new Promise<StoreAddress>((resolve, reject) => {
      let ready = false;
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the embedded store did not start within ${START_TIMEOUT_MS} ms: ${output}`));
      }, START_TIMEOUT_MS);
      child.on('message', (message: { type: string; url?: string; code?: string; message?: string }) => {
        if (message.type === 'ready' && message.url) {
          ready = true;
          clearTimeout(timer);
          this.restartDelayMs = 500;
          this.logger.info({ url: message.url, pid: child.pid }, 'embedded store started');
          resolve({ url: message.url, user, password });
        } else if (message.type === 'error' && message.code === 'EADDRINUSE' && port !== 0) {
          clearTimeout(timer);
          ready = true; // handled here: try any free port instead
          this.spawn(0).then(resolve, reject);
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (!ready) {
          reject(new Error(`the embedded store exited during start (code ${code}, signal ${signal}): ${output}`));
          return;
        }
        if (this.child !== child || this.stopping) return;
        this.logger.error({ code, signal, output }, 'embedded store exited; restarting it');
        this.scheduleRestart(port || portOf(this.current));
      });
    });
  }

  private scheduleRestart(port: number): void {
    const delay = this.restartDelayMs;
    this.restartDelayMs = Math.min(10_000, delay * 2);
    this.restartTimer = setTimeout(() => {
      this.spawn(port).then(
        (address) => {
          this.current = address;
          this.emit('restarted', address);
        },
        (error: unknown) => {
          this.logger.error({ err: error }, 'embedded store failed to restart; trying again');
          if (!this.stopping) this.scheduleRestart(port);
        },
      );
    }, delay);
  }
}

function portOf(address: StoreAddress | null): number {
  return address ? Number(new URL(address.url).port) : 0;
}
