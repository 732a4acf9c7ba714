import { describe, expect, it } from 'vitest';
import { firstLoad, type BudgetChunk } from '../../scripts/vite-plugin-bundle-budget';

const chunk = (fileName: string, imports: string[] = [], isEntry = false, size = 100): BudgetChunk => ({ fileName, isEntry, imports, code: 'x'.repeat(size) + fileName });

describe('first-load JavaScript', () => {
  it('counts the entry and what it imports statically, transitively, once each', () => {
    const load = firstLoad([chunk('index.js', ['react.js', 'i18n.js'], true), chunk('react.js', ['shared.js']), chunk('i18n.js', ['shared.js']), chunk('shared.js'), chunk('NeedFormScreen.js', ['shared.js'])]);
    expect(load.chunks.map((part) => part.fileName).sort()).toEqual(['i18n.js', 'index.js', 'react.js', 'shared.js']);
    expect(load.totalGzipBytes).toBe(load.chunks.reduce((sum, part) => sum + part.gzipBytes, 0));
  });

  it('leaves out screens loaded on demand', () => {
    const load = firstLoad([chunk('index.js', [], true), chunk('lazy-screen.js', [], false, 100_000)]);
    expect(load.chunks.map((part) => part.fileName)).toEqual(['index.js']);
  });

  it('measures gzip, not raw bytes', () => {
    const load = firstLoad([chunk('index.js', [], true, 50_000)]);
    expect(load.totalGzipBytes).toBeLessThan(1_000);
  });
});
