/**
 * A private copy of the built PWA (`dist/`) that a test may change, e.g. to publish a "new version"
 * of the service worker without rebuilding.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST_DIR = fileURLToPath(new URL('../../../dist/', import.meta.url));

export type AppBuildCopy = {
  dir: string;
  /** Changes the service worker's bytes, which browsers treat as a new version of the app. */
  publishNewVersion(label: string): Promise<void>;
  remove(): Promise<void>;
};

export async function copyBuiltApp(): Promise<AppBuildCopy> {
  const dir = await mkdtemp(join(tmpdir(), 'c4c-e2e-dist-'));
  await cp(DIST_DIR, dir, { recursive: true }).catch((error: unknown) => {
    throw new Error(`cannot copy ${DIST_DIR}: run \`npm run build\` before the browser tests`, { cause: error });
  });
  const swPath = join(dir, 'sw.js');
  return {
    dir,
    async publishNewVersion(label) {
      await writeFile(swPath, `${await readFile(swPath, 'utf8')}\n// ${label}\n`);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
