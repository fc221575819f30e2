import { describe, expect, it } from 'vitest';
import { makeScale, parseHex } from './color-scale';

describe('makeScale', () => {
  it('parses short and long hex', () => {
    expect(parseHex('#fff')).toEqual([255, 255, 255]);
    expect(parseHex('#1f8a5b')).toEqual([31, 138, 91]);
    expect(parseHex('red')).toBeUndefined();
  });

  it('mirrors a diverging domain around the centre', () => {
    const s = makeScale({ kind: 'diverging', values: [-0.2, 0.5], center: 0 });
    expect([s.low, s.high, s.center]).toEqual([-0.5, 0.5, 0]);
    expect(s.colorOf(0).background).toBe('rgb(243, 244, 246)');
    expect(s.colorOf(-0.5).background).toBe('rgb(197, 48, 48)');
    expect(s.colorOf(0.5).background).toBe('rgb(31, 138, 91)');
  });

  it('mirrors the farther side: a mostly negative map still reaches full red and green', () => {
    const s = makeScale({ kind: 'diverging', values: [-0.8, 0.2], center: 0 });
    expect([s.low, s.high]).toEqual([-0.8, 0.8]);
    expect(s.colorOf(-0.8).background).toBe('rgb(197, 48, 48)');
    expect(s.colorOf(0.2).background).not.toBe('rgb(31, 138, 91)');
  });

  it('blends other CSS colours with color-mix', () => {
    const s = makeScale({ kind: 'sequential', values: [0, 10], center: 0, colors: { low: 'white', high: 'var(--ap-accent)' } });
    expect(s.colorOf(5).background).toBe('color-mix(in srgb, white 50%, var(--ap-accent))');
    expect(s.colorOf(10).background).toBe('var(--ap-accent)');
  });

  it('fills a single distinct value with the high colour', () => {
    const s = makeScale({ kind: 'sequential', values: [3, 3], center: 0 });
    expect(s.colorOf(3).background).toBe('rgb(79, 107, 237)');
  });
});
