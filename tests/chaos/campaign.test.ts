/** The campaign helpers themselves: a seed replays the same draws, and a report lands on disk. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { saveReport, seededRandom } from './support/campaign';

describe('chaos campaign support', () => {
  it('the same seed draws the same sequence, another seed a different one', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(7).every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('saves a report with its seed', () => {
    const file = saveReport('campaign-support', { seed: 1234, checked: 1 });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ campaign: 'campaign-support', seed: 1234, checked: 1 });
  });
});
