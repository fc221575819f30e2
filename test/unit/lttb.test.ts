import { describe, expect, it } from 'vitest';
import { lttb, lttbIndices } from '../../lib/downsample/lttb';

function wave(n: number): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    xs.push(i);
    ys.push(Math.sin(i / 50) * 10 + ((i * 7919) % 13) / 13);
  }
  return { xs, ys };
}

describe('lttbIndices', () => {
  it('keeps the first and last points and returns exactly the threshold', () => {
    const { xs, ys } = wave(100_000);
    const kept = lttbIndices(xs, ys, 1000);
    expect(kept).toHaveLength(1000);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(99_999);
  });

  it('returns ascending, distinct indices', () => {
    const { xs, ys } = wave(5_000);
    const kept = lttbIndices(xs, ys, 333);
    for (let i = 1; i < kept.length; i++) expect(kept[i]!).toBeGreaterThan(kept[i - 1]!);
  });

  it('keeps a single spike that striding would miss', () => {
    const n = 10_000;
    const xs = Array.from({ length: n }, (_, i) => i);
    const ys = Array.from({ length: n }, () => 1);
    ys[4_321] = 500;
    ys[7_777] = -300;
    const kept = lttbIndices(xs, ys, 100);
    expect(kept).toContain(4_321);
    expect(kept).toContain(7_777);
    // Striding by n / 100 would have kept neither.
    expect(4_321 % 100).not.toBe(0);
  });

  it('keeps everything when the threshold is not below the length', () => {
    expect(lttbIndices([1, 2, 3], [3, 1, 2], 3)).toEqual([0, 1, 2]);
    expect(lttbIndices([1, 2, 3], [3, 1, 2], 10)).toEqual([0, 1, 2]);
  });

  it('handles the tiny thresholds', () => {
    const { xs, ys } = wave(50);
    expect(lttbIndices(xs, ys, 0)).toEqual([]);
    expect(lttbIndices(xs, ys, 1)).toEqual([0]);
    expect(lttbIndices(xs, ys, 2)).toEqual([0, 49]);
    expect(lttbIndices(xs, ys, 3)).toHaveLength(3);
  });

  it('works with uneven x spacing', () => {
    const xs = [0, 1, 2, 100, 101, 102, 1000, 1001, 1002, 1003];
    const ys = [0, 0, 9, 0, 0, 0, 0, -9, 0, 0];
    const kept = lttbIndices(xs, ys, 5);
    expect(kept).toHaveLength(5);
    expect(kept).toContain(2);
    expect(kept).toContain(7);
  });
});

describe('lttb', () => {
  it('downsamples objects through accessors and keeps their order', () => {
    const points = Array.from({ length: 2_000 }, (_, i) => ({ t: i * 60_000, v: i === 1_234 ? 99 : i % 5 }));
    const kept = lttb(points, 200, (p) => p.t, (p) => p.v);
    expect(kept).toHaveLength(200);
    expect(kept[0]).toBe(points[0]);
    expect(kept[kept.length - 1]).toBe(points[1_999]);
    expect(kept.some((p) => p.v === 99)).toBe(true);
    for (let i = 1; i < kept.length; i++) expect(kept[i]!.t).toBeGreaterThan(kept[i - 1]!.t);
  });

  it('is fast on 100,000 points', () => {
    const { xs, ys } = wave(100_000);
    const started = performance.now();
    lttbIndices(xs, ys, 1_000);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
