/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson, 2013). Keeps the
 * first and last points and, from each bucket between them, the point that
 * forms the largest triangle with the previously kept point and the next
 * bucket's average, so peaks and dips survive where plain striding would drop
 * them. Pure and synchronous: no React, usable from the CLI and the tests.
 */

/**
 * The indices (ascending) of at most `threshold` points to keep from a series
 * whose x values are ascending. `xs` and `ys` must have the same length and
 * hold finite numbers. A threshold of at least the length keeps everything.
 */
export function lttbIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, threshold: number): number[] {
  const n = Math.min(xs.length, ys.length);
  const keep = Math.floor(threshold);
  if (keep >= n || n <= 2) return Array.from({ length: n }, (_, i) => i);
  if (keep <= 0) return [];
  if (keep === 1) return [0];
  if (keep === 2) return [0, n - 1];

  const out: number[] = new Array(keep);
  out[0] = 0;
  // Points between the fixed first and last fall into keep - 2 buckets.
  const every = (n - 2) / (keep - 2);
  let a = 0;
  for (let i = 0; i < keep - 2; i++) {
    // Average of the next bucket (the last point when there is none).
    let avgStart = Math.floor((i + 1) * every) + 1;
    let avgEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    if (avgStart >= n - 1) {
      avgStart = n - 1;
      avgEnd = n;
    }
    let avgX = 0;
    let avgY = 0;
    for (let j = avgStart; j < avgEnd; j++) {
      avgX += xs[j]!;
      avgY += ys[j]!;
    }
    const avgLen = avgEnd - avgStart;
    avgX /= avgLen;
    avgY /= avgLen;

    const start = Math.floor(i * every) + 1;
    const end = Math.min(Math.floor((i + 1) * every) + 1, n - 1);
    const ax = xs[a]!;
    const ay = ys[a]!;
    let maxArea = -1;
    let chosen = start;
    for (let j = start; j < end; j++) {
      // Twice the triangle's area; the factor does not change the maximum.
      const area = Math.abs((ax - avgX) * (ys[j]! - ay) - (ax - xs[j]!) * (avgY - ay));
      if (area > maxArea) {
        maxArea = area;
        chosen = j;
      }
    }
    out[i + 1] = chosen;
    a = chosen;
  }
  out[keep - 1] = n - 1;
  return out;
}

/** Downsample objects with accessors; returns the kept items in their original order. */
export function lttb<T>(points: readonly T[], threshold: number, x: (p: T) => number, y: (p: T) => number): T[] {
  if (threshold >= points.length) return points.slice();
  const xs = new Float64Array(points.length);
  const ys = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) {
    xs[i] = x(points[i]!);
    ys[i] = y(points[i]!);
  }
  return lttbIndices(xs, ys, threshold).map((i) => points[i]!);
}
