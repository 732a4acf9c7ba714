/** The campaign helpers themselves: a seed replays the same draws, and a report lands on disk. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chaosSeed, commitSeed, saveReport, seededRandom } from './support/campaign';

describe('chaos campaign support', () => {
  it('the same seed draws the same sequence, another seed a different one', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(7).every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('under CI without CHAOS_SEED, the seed is the commit\'s, the same on every run', () => {
    const saved = { ci: process.env.CI, seed: process.env.CHAOS_SEED };
    try {
      process.env.CI = 'true';
      delete process.env.CHAOS_SEED;
      expect(chaosSeed()).toBe(commitSeed());
      expect(chaosSeed()).toBe(chaosSeed());
      process.env.CHAOS_SEED = '77';
      expect(chaosSeed()).toBe(77);
    } finally {
      for (const [key, value] of [['CI', saved.ci], ['CHAOS_SEED', saved.seed]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('saves a report with its seed', () => {
    const file = saveReport('campaign-support', { seed: 1234, checked: 1 });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ campaign: 'campaign-support', seed: 1234, checked: 1 });
  });
});
