/**
 * Prop schemas the x/y charts share, so their docs read the same. Definitions
 * only: zod stays out of the views' import graph (the browser never needs it).
 */
import { z } from 'zod';
import { cssColor } from '../../lib/spec/define';
import { VALUE_FORMATS } from '../../lib/format/format-value';

export const cartesianProps = {
  title: () => z.string().optional().describe('Heading shown above the chart.'),
  description: () => z.string().optional().describe('A line of context under the title.'),
  height: (fallback = 300) =>
    z.number().int().min(120).max(1600).default(fallback).describe('Chart height in pixels (a `single` page grows it to at least 480).'),
  colors: () =>
    z
      .array(cssColor())
      .min(1)
      .optional()
      .describe('Series colours in order (any CSS colour); repeats when there are more series. Default: the theme series colours.'),
  labels: () =>
    z
      .record(z.string(), z.string())
      .optional()
      .describe('Display names for series, keyed by column name: {"avg_csat": "Average CSAT"}. Default: the column name.'),
  legend: () => z.boolean().optional().describe('Show a legend. Default: only when there are two or more series.'),
  format: (what: string) =>
    z
      .enum(VALUE_FORMATS)
      .default('auto')
      .describe(`How ${what} are shown on the axis and in the tooltip. \`auto\`: dates as dates, integers as integers, other numbers with up to 2 decimals; large numbers go compact (12K) on the axis. \`percent\` takes numbers already in percent (42 -> 42%); \`ratio\` takes fractions of one (0.42 -> 42%).`),
  currency: () =>
    z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')
      .optional()
      .describe('ISO 4217 currency code for the `currency` format (default USD).'),
  curve: () =>
    z
      .enum(['linear', 'monotone', 'step'])
      .default('monotone')
      .describe('How points are joined: straight segments, a smooth curve that never overshoots, or steps (the value holds until the next point).'),
  maxPoints: () =>
    z
      .number()
      .int()
      .min(10)
      .max(10_000)
      .default(1000)
      .describe('Most points drawn per chart; longer results are reduced with LTTB (largest-triangle-three-buckets), which keeps peaks and dips, and a note says so.'),
};
