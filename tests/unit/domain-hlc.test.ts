import { describe, expect, it } from 'vitest';
import { clampTimestamp, nextTimestamp, observeTimestamp } from '../../domain/hlc';
import { MAX_CLOCK_SKEW_MS } from '../../domain/constants';

describe('hybrid logical clock', () => {
  it.each([
    // now, lastSeen → stamp
    [1000, 0, 1000],
    [1000, 999, 1000],
    [1000, 1000, 1001],
    [500, 2000, 2001], // the phone clock fell back after a power cut: still after what it saw
    [1000.7, 0, 1000],
  ])('nextTimestamp(%d, %d) = %d', (now, lastSeen, expected) => {
    expect(nextTimestamp(now, lastSeen)).toBe(expected);
  });

  it.each([
    [10, 20, 20],
    [30, 20, 30],
    [10, 'junk', 10],
    [10, Number.NaN, 10],
    [10, undefined, 10],
  ])('observeTimestamp(%d, %s) = %d', (lastSeen, observed, expected) => {
    expect(observeTimestamp(lastSeen, observed)).toBe(expected);
  });

  it('the server clamps stamps too far in its future, and only those', () => {
    const now = 1_800_000_000_000;
    expect(clampTimestamp(now + MAX_CLOCK_SKEW_MS, now)).toBe(now + MAX_CLOCK_SKEW_MS);
    expect(clampTimestamp(now + MAX_CLOCK_SKEW_MS + 1, now)).toBe(now);
    expect(clampTimestamp(now - 10, now)).toBe(now - 10);
  });
});
