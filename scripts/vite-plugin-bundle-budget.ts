/**
 * Fails the build when the JavaScript a phone must download before the first screen exceeds the
 * budget (issue 9: 220 KiB gzip). "First load" is the entry chunk and every chunk it imports
 * statically, transitively: what runs before any screen loaded on demand. Screens behind `lazy()`
 * are not counted; they arrive when opened. Prints the total and the largest parts on every build.
 */
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** The first-load budget in bytes of gzip (220 KiB). */
export const FIRST_LOAD_BUDGET_BYTES = 220 * 1024;

/** A built chunk as far as the budget cares: its file, static imports and code. */
export type BudgetChunk = { fileName: string; isEntry: boolean; imports: readonly string[]; code: string };

export type FirstLoad = { totalGzipBytes: number; chunks: { fileName: string; gzipBytes: number }[] };

/** The entry chunks and everything they import statically, with gzip sizes, largest first. */
export function firstLoad(chunks: readonly BudgetChunk[]): FirstLoad {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const seen = new Set<string>();
  const queue = chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName);
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    queue.push(...(byName.get(name)?.imports ?? []));
  }
  const sized = [...seen].map((fileName) => ({ fileName, gzipBytes: gzipSync(byName.get(fileName)?.code ?? '', { level: 9 }).length }));
  sized.sort((a, b) => b.gzipBytes - a.gzipBytes);
  return { totalGzipBytes: sized.reduce((sum, chunk) => sum + chunk.gzipBytes, 0), chunks: sized };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** The Vite plugin: measures after the bundle is generated and fails the build over budget. */
export function bundleBudget(budgetBytes = FIRST_LOAD_BUDGET_BYTES): Plugin {
  return {
    name: 'c4c-bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((item) =>
        item.type === 'chunk' && item.fileName.endsWith('.js') ? [{ fileName: item.fileName, isEntry: item.isEntry, imports: item.imports, code: item.code }] : [],
      );
      // The service worker's own bundle is built separately and has no entry here worth counting.
      if (!chunks.some((chunk) => chunk.isEntry)) return;
      const load = firstLoad(chunks);
      const parts = load.chunks
        .slice(0, 5)
        .map((chunk) => `${chunk.fileName} ${kib(chunk.gzipBytes)}`)
        .join(', ');
      const line = `first-load JS ${kib(load.totalGzipBytes)} gzip of ${kib(budgetBytes)} budget (${parts})`;
      if (load.totalGzipBytes > budgetBytes) this.error(`over budget: ${line}`);
      this.info(line);
    },
  };
}
