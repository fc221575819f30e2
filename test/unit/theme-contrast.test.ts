/**
 * WCAG AA in both themes, computed from the tokens themselves: every colour
 * token in app/globals.css is a light-dark() pair, and the pairs a reader
 * depends on must keep 4.5:1 for text and 3:1 for non-text marks (focus ring,
 * control borders, gauge bands), in light and in dark.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(path.resolve(import.meta.dirname, '..', '..', 'app', 'globals.css'), 'utf8');
const rootBlock = css.slice(css.indexOf(':root {'), css.indexOf('}', css.indexOf(':root {')));

const tokens = new Map<string, { light: string; dark: string }>();
for (const m of rootBlock.matchAll(/--ap-([\w-]+):\s*light-dark\(\s*(#[0-9a-fA-F]{6})\s*,\s*(#[0-9a-fA-F]{6})\s*\)/g)) {
  tokens.set(m[1]!, { light: m[2]!.toLowerCase(), dark: m[3]!.toLowerCase() });
}

/** WCAG 2.x relative luminance of an sRGB hex colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const TEXT = 4.5;
const NON_TEXT = 3;
const PAIRS: [fg: string, bg: string, min: number, why: string][] = [
  ['text', 'bg', TEXT, 'body text on the page'],
  ['text', 'surface', TEXT, 'text in cards, tables and charts'],
  ['muted', 'surface', TEXT, 'labels, captions, axis ticks'],
  ['muted', 'bg', TEXT, 'captions on the page'],
  ['muted', 'accent-soft', TEXT, 'muted text on a highlighted row'],
  ['accent', 'surface', TEXT, 'links and info badges in cards'],
  ['accent', 'bg', TEXT, 'links on the page'],
  ['accent', 'accent-soft', TEXT, 'tags'],
  ['on-accent', 'accent', TEXT, 'the primary button, solid badges'],
  ['positive', 'surface', TEXT, 'a rising trend'],
  ['negative', 'surface', TEXT, 'a falling trend, error severity'],
  ['warning-text', 'surface', TEXT, 'value warnings, row-cap notes'],
  ['warning-text', 'bg', TEXT, 'warnings on the page'],
  ['error-text', 'error-bg', TEXT, 'the error card'],
  ['warning', 'surface', NON_TEXT, 'gauge bands and warning marks'],
  ['border-strong', 'surface', NON_TEXT, 'form control borders'],
  ['focus', 'surface', NON_TEXT, 'the focus ring in cards'],
  ['focus', 'bg', NON_TEXT, 'the focus ring on the page'],
];

describe('the theme tokens', () => {
  it('are all light-dark() pairs, both themes from one set', () => {
    for (const name of ['bg', 'surface', 'border', 'border-strong', 'text', 'muted', 'accent', 'accent-soft', 'on-accent', 'positive', 'warning', 'warning-text', 'negative', 'error-bg', 'error-border', 'error-text', 'focus']) {
      expect(tokens.has(name), `--ap-${name} is a light-dark() pair`).toBe(true);
    }
    // Dark is dark and light is light, measured, not assumed.
    expect(luminance(tokens.get('bg')!.light)).toBeGreaterThan(0.8);
    expect(luminance(tokens.get('bg')!.dark)).toBeLessThan(0.02);
  });

  it('computes contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
  });

  for (const theme of ['light', 'dark'] as const) {
    describe(theme, () => {
      for (const [fg, bg, min, why] of PAIRS) {
        it(`--ap-${fg} on --ap-${bg} is at least ${min}:1 (${why})`, () => {
          const ratio = contrast(tokens.get(fg)![theme], tokens.get(bg)![theme]);
          expect(ratio, `${tokens.get(fg)![theme]} on ${tokens.get(bg)![theme]}: ${ratio.toFixed(2)}`).toBeGreaterThanOrEqual(min);
        });
      }

      it('every series colour stands out from a card at 3:1 or more (bars, lines, slices)', () => {
        for (let i = 1; i <= 8; i++) {
          const c = tokens.get(`series-${i}`)![theme];
          expect(contrast(c, tokens.get('surface')![theme]), `series-${i} ${c}`).toBeGreaterThanOrEqual(NON_TEXT);
        }
      });
    });
  }
});
