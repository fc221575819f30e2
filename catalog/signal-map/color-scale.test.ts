import { describe, expect, it } from 'vitest';
import { makeScale, parseHex, textOn } from './color-scale';

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

describe('textOn', () => {
  it('picks the text colour with the higher WCAG contrast', () => {
    // White on this red is 3.9:1, black 5.4:1.
    expect(textOn([0xcf, 0x5d, 0x5d])).toBe('#000000');
    expect(textOn([0x41, 0x5e, 0xe0])).toBe('#ffffff');
    expect(textOn([0xf6, 0xf7, 0xf9])).toBe('#000000');
    expect(textOn([0x12, 0x15, 0x1b])).toBe('#ffffff');
  });

  it('reaches AA (4.5:1) on every grey, red, green and blue background', () => {
    const lum = (c: number[]) => {
      const [r, g, b] = c.map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4)) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (let v = 0; v <= 255; v += 5) {
      for (const bg of [[v, v, v], [v, 0, 0], [0, v, 0], [0, 0, v], [255, v, v]]) {
        const text = parseHex(textOn(bg as [number, number, number]))!;
        const [hi, lo] = [lum(bg), lum(text)].sort((a, b) => b - a) as [number, number];
        expect((hi + 0.05) / (lo + 0.05), bg.join(',')).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
