import { z } from 'zod';
import { VALUE_FORMATS, type ValueFormat } from '../../lib/format/format-value';
import { defineComponent, numericColumn, rowsBinding, valueOr } from '../../lib/spec/define';

export const definition = defineComponent({
  type: 'Stat',
  group: 'content',
  description:
    'One headline number (a KPI) with its label, an optional trend arrow (▲/▼) against a previous period, an optional sparkline and a caption.',
  props: z
    .object({
      label: z.string().describe('What the number is, such as "Resolution rate".'),
      value: valueOr(
        z.union([z.number(), z.string(), z.null()]),
        'The number: a literal, or {"$value": {"query", "field"}} for one value from the first row of a query.',
        { numeric: true },
      ),
      format: z
        .enum(VALUE_FORMATS)
        .default('auto')
        .describe('How the value is shown: number, integer, decimal, percent (a number already in percent: 42 -> 42%), ratio (a fraction of one: 0.42 -> 42%), currency, compact (12K), duration (seconds), date...'),
      min: z.number().optional().describe('The lowest value that can be right (e.g. 0 for a rate). A value below it shows a warning on the stat.'),
      max: z.number().optional().describe('The highest value that can be right (e.g. 100 for a rate in percent, 1 for a ratio). A value above it shows a warning on the stat.'),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .default('USD')
        .describe('ISO 4217 currency code used when `format` is currency.'),
      digits: z.number().int().min(0).max(6).optional().describe('Digits after the decimal point, for formats that have them.'),
      unit: z.string().max(24).optional().describe('A unit shown small after the value, such as "min" or "/ 5".'),
      trend: valueOr(
        z.union([z.number(), z.null()]),
        'Change against a previous period: positive shows ▲, negative ▼. A literal or {"$value": {"query", "field"}}.',
      ).optional(),
      trendFormat: z
        .enum(VALUE_FORMATS)
        .default('ratio')
        .describe('How the trend is shown. Default ratio: a relative change as a fraction, 0.042 shows as 4.2%. Use percent when the query already multiplies by 100.'),
      trendLabel: z.string().max(60).optional().describe('What the trend compares against, such as "vs previous 30 days".'),
      invertTrend: z
        .boolean()
        .default(false)
        .describe('Treat a fall as good news (green ▼) and a rise as bad (red ▲), as for handle time or churn.'),
      sparkline: rowsBinding('Rows drawn as a small line under the value, in query order: {"$query": "<name>"}.').optional(),
      sparklineField: numericColumn('The numeric column of `sparkline` to draw. Defaults to the first numeric column.').optional(),
      caption: z.string().optional().describe('A short note under the value, such as the period it covers.'),
    })
    .strict(),
  columnsOf: { sparklineField: 'sparkline' },
  valueRanges: (props) => [{ prop: 'value', value: props.value, min: props.min as number | undefined, max: props.max as number | undefined, owner: "the stat's", format: props.format as ValueFormat }],
  visualization: true,
  example: {
    type: 'Stat',
    props: {
      label: 'Resolution rate',
      value: { $value: { query: 'totals', field: 'resolution_rate' } },
      format: 'ratio',
      max: 1,
      trend: 0.021,
      trendLabel: 'vs previous 30 days',
      sparkline: { $query: 'daily_resolution' },
      sparklineField: 'resolution_rate',
    },
  },
});
