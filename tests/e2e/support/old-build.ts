/**
 * A build of an older commit of the app, served in place of `dist/` until a test "deploys" the
 * current build over it, as a phone meets a real update: the old app still runs from its service
 * worker's cache while the server already runs the new code.
 *
 * The old sources come from git (`git archive <commit>`), built with this checkout's node_modules.
 * Outside a git checkout with that commit (a source tarball), `oldBuildUnavailable` says why.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DIST_DIR = join(REPO_ROOT, 'dist');
const BUILD_TIMEOUT_MS = 150_000;

export type OldBuild = {
  /** The directory the server serves (DIST_DIR): the old build until `deployCurrent`. */
  dir: string;
  /** Replaces the served files with this checkout's `dist/` (run `npm run build` first). */
  deployCurrent(): Promise<void>;
  remove(): Promise<void>;
};

/** Why the old build cannot be made here, or null when `commit` is in this checkout's history. */
export async function oldBuildUnavailable(commit: string): Promise<string | null> {
  try {
    await run('git', ['cat-file', '-e', `${commit}^{commit}`], { cwd: REPO_ROOT });
    return null;
  } catch (error) {
    return `commit ${commit} is not in this checkout's git history (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}

/** Builds `commit` (its vite config and sources) into a private directory. */
export async function buildOldApp(commit: string): Promise<OldBuild> {
  const root = await mkdtemp(join(tmpdir(), 'c4c-e2e-old-build-'));
  const sources = join(root, 'src');
  const dir = join(root, 'dist');
  await mkdir(sources);
  await run('sh', ['-c', `git archive --format=tar "${commit}" | tar -x -C "${sources}"`], { cwd: REPO_ROOT });
  await symlink(join(REPO_ROOT, 'node_modules'), join(sources, 'node_modules'), 'dir');
  await run(process.execPath, [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error', '--outDir', dir], {
    cwd: sources,
    timeout: BUILD_TIMEOUT_MS,
    // Under vitest NODE_ENV is 'test', which would make a development build of React.
    env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  return {
    dir,
    async deployCurrent() {
      // Remove the old files first, as a deployment does: nothing of the old build is left to serve.
      for (const entry of await readdir(dir)) await rm(join(dir, entry), { recursive: true, force: true });
      await cp(DIST_DIR, dir, { recursive: true }).catch((error: unknown) => {
        throw new Error(`cannot copy ${DIST_DIR}: run \`npm run build\` before the browser tests`, { cause: error });
      });
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
