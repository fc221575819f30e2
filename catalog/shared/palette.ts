/** Series colours, read from CSS variables so themes can change them; these are the fallbacks. */
export const SERIES_COLORS = ['#4f6bed', '#20a483', '#cc8218', '#d9534f', '#8e6bd8', '#1f8ec2', '#7a8a1e', '#6b7785'] as const;

export function seriesColor(index: number, custom?: readonly string[]): string {
  if (custom && custom.length > 0) return custom[index % custom.length]!;
  return `var(--ap-series-${(index % SERIES_COLORS.length) + 1}, ${SERIES_COLORS[index % SERIES_COLORS.length]})`;
}

export const TONE_COLORS = {
  neutral: 'var(--ap-muted)',
  positive: 'var(--ap-positive)',
  warning: 'var(--ap-warning)',
  negative: 'var(--ap-negative)',
  info: 'var(--ap-accent)',
} as const;

/** The theme's colour tokens as a colour prop may name them: the studio's Properties panel offers these. */
export const THEME_COLOR_TOKENS: readonly string[] = [...SERIES_COLORS.map((_, i) => `var(--ap-series-${i + 1})`), ...Object.values(TONE_COLORS)];
