/**
 * Runs the real sync server (`sync-server/main.ts`) as a child process on an ephemeral port, with a
 * fresh data directory and the embedded store, serving the built PWA from `dist/`. Exactly what
 * `npm start` runs, so the browser tests see production behaviour.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const KEPT_OUTPUT_CHARS = 20_000;

export type RunningSyncServer = {
  /** Origin of the server, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Everything the server printed so far (trimmed to the last few thousand characters). */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited after a few seconds; deletes its data directory. */
  stop(): Promise<void>;
};

/** The listening URL from one of the server's pino JSON lines, if that line announces it. */
export function listeningUrl(line: string): string | null {
  if (!line.startsWith('{')) return null;
  try {
    const entry = JSON.parse(line) as { msg?: unknown; url?: unknown };
    return typeof entry.msg === 'string' && entry.msg.includes('listening') && typeof entry.url === 'string' ? entry.url : null;
  } catch {
    // Not every line is JSON (e.g. a child's stray output); only the announcement matters here.
    return null;
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts the sync server and resolves once it listens; fails with its output after 60 s. */
export async function startSyncServer(env: Readonly<Record<string, string>> = {}): Promise<RunningSyncServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'c4c-e2e-data-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-KEPT_OUTPUT_CHARS);
  };
  child.stderr.on('data', keep);

  const stop = async () => {
    child.kill('SIGTERM');
    if (!(await waitForExit(child, STOP_GRACE_MS))) {
      child.kill('SIGKILL');
      await waitForExit(child, STOP_GRACE_MS);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const url = await new Promise<string>((resolve, reject) => {
      let pending = '';
      const timer = setTimeout(() => reject(new Error(`the sync server did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      child.stdout.on('data', (chunk: Buffer) => {
        keep(chunk);
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          const found = listeningUrl(line.trim());
          if (found) {
            clearTimeout(timer);
            resolve(found);
          }
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the sync server exited before listening (code ${String(code)}, signal ${String(signal)})`));
      });
    });
    return { url, output: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- sync server output ---\n${output}`, { cause: error });
  }
}
