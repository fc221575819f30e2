/**
 * The colour of a cell. Hex colours are blended here, so the cell colour is a
 * plain rgb() and the text colour can follow its lightness; any other CSS
 * colour (a name, a var()) is blended by the browser with color-mix().
 */

export type ScaleKind = 'sequential' | 'diverging';

export interface ScaleColors {
  low: string;
  mid?: string;
  high: string;
}

export const SEQUENTIAL_DEFAULT: ScaleColors = { low: '#eef1fd', high: '#4f6bed' };
export const DIVERGING_DEFAULT: ScaleColors = { low: '#c53030', mid: '#f3f4f6', high: '#1f8a5b' };

type Rgb = [number, number, number];

export function parseHex(color: string): Rgb | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return undefined;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

export interface CellColor {
  background: string;
  /** Dark or light text, whichever reads on the background. */
  text: string;
}

// Black, not the body text colour: with white it reaches 4.5:1 on every background (at worst 4.58:1).
const DARK_TEXT = '#000000';
const LIGHT_TEXT = '#ffffff';

/** WCAG relative luminance of an sRGB colour. */
function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const DARK_LUMINANCE = luminance(parseHex(DARK_TEXT)!);
const LIGHT_LUMINANCE = luminance(parseHex(LIGHT_TEXT)!);

/** The text colour with the higher WCAG contrast on this background. */
export function textOn(rgb: Rgb): string {
  const l = luminance(rgb);
  return (l + 0.05) / (DARK_LUMINANCE + 0.05) >= (LIGHT_LUMINANCE + 0.05) / (l + 0.05) ? DARK_TEXT : LIGHT_TEXT;
}

function blend(a: string, b: string, t: number): CellColor {
  const ra = parseHex(a);
  const rb = parseHex(b);
  if (ra && rb) {
    const rgb = ra.map((c, i) => Math.round(c + (rb[i]! - c) * t)) as Rgb;
    return { background: `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`, text: textOn(rgb) };
  }
  if (t <= 0) return { background: a, text: DARK_TEXT };
  if (t >= 1) return { background: b, text: LIGHT_TEXT };
  const pct = Math.round((1 - t) * 1000) / 10;
  return { background: `color-mix(in srgb, ${a} ${pct}%, ${b})`, text: t > 0.55 ? LIGHT_TEXT : DARK_TEXT };
}

/** Along low -> (mid) -> high at position t in [0, 1]. */
function ramp(colors: ScaleColors, t: number): CellColor {
  const u = Math.min(1, Math.max(0, t));
  if (!colors.mid) return blend(colors.low, colors.high, u);
  return u < 0.5 ? blend(colors.low, colors.mid, u * 2) : blend(colors.mid, colors.high, (u - 0.5) * 2);
}

export interface ScaleInput {
  kind: ScaleKind;
  values: readonly number[];
  center: number;
  min?: number;
  max?: number;
  colors?: Partial<ScaleColors>;
}

export interface Scale {
  kind: ScaleKind;
  /** The values at the low and high ends (and the centre of a diverging scale). */
  low: number;
  high: number;
  center?: number;
  colors: ScaleColors;
  colorOf(value: number): CellColor;
  /** A CSS gradient of the scale, for the legend. */
  gradient: string;
}

export function makeScale({ kind, values, center, min, max, colors }: ScaleInput): Scale {
  const base = kind === 'diverging' ? DIVERGING_DEFAULT : SEQUENTIAL_DEFAULT;
  const palette: ScaleColors = {
    low: colors?.low ?? base.low,
    high: colors?.high ?? base.high,
    ...(colors?.mid ?? base.mid ? { mid: colors?.mid ?? base.mid } : {}),
  };
  const dataMin = values.length ? Math.min(...values) : 0;
  const dataMax = values.length ? Math.max(...values) : 0;
  const gradient = `linear-gradient(to right, ${[palette.low, palette.mid, palette.high].filter(Boolean).join(', ')})`;

  if (kind === 'diverging') {
    const reach = Math.max(Math.abs(dataMax - center), Math.abs(dataMin - center));
    const low = min ?? center - reach;
    const high = max ?? center + reach;
    const mid = palette.mid ?? palette.low;
    return {
      kind,
      low,
      high,
      center,
      colors: palette,
      gradient,
      colorOf(value) {
        if (value < center) return center > low ? ramp({ low: mid, high: palette.low }, (center - value) / (center - low)) : ramp({ low: mid, high: mid }, 0);
        return high > center ? ramp({ low: mid, high: palette.high }, (value - center) / (high - center)) : ramp({ low: mid, high: mid }, 0);
      },
    };
  }
  const low = min ?? dataMin;
  const high = max ?? dataMax;
  return {
    kind,
    low,
    high,
    colors: palette,
    gradient,
    colorOf(value) {
      // One distinct value: the top of the ramp, so the cell is visibly filled.
      return ramp(palette, high > low ? (value - low) / (high - low) : 1);
    },
  };
}
