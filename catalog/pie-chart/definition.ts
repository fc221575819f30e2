import { z } from 'zod';
import { column, defineComponent, numericColumn, rowsBinding, cssColor } from '../../lib/spec/define';
import { VALUE_FORMATS } from '../../lib/format/format-value';
import { summedDrawing } from '../shared/drawing';

export const definition = defineComponent({
  type: 'PieChart',
  group: 'data',
  description:
    'Share of a whole: one slice per category of `label`, sized by `value`. Repeated categories are summed (on the server, past 100 rows: the browser receives one row per category); the `limit` largest are shown and the rest grouped into one "Other" slice.',
  props: z
    .object({
      data: rowsBinding('Rows to chart, as {"$query": "<name>"}: one row per category.'),
      label: column('Category column: one slice per distinct value (rows with the same value are summed).'),
      value: numericColumn('Numeric column that sizes the slices. Null, non-numeric and negative values are left out (with a notice).'),
      donut: z.boolean().default(false).describe('Draw a ring with the total in the middle instead of a full pie.'),
      colors: z
        .array(cssColor())
        .min(1)
        .optional()
        .describe('Slice colours in order (any CSS colour); repeats when there are more slices. Default: the theme series colours.'),
      valueFormat: z.enum(VALUE_FORMATS).default('number').describe('How values are shown in labels, the legend and the tooltip. percent: already in percent (42 -> 42%); ratio: a fraction of one (0.42 -> 42%).'),
      showPercent: z.boolean().default(true).describe('Label slices and legend entries with their share of the total.'),
      limit: z
        .number()
        .int()
        .min(1)
        .max(50)
        .default(8)
        .describe(
          'Show the N largest categories; the rest are summed into one extra slice named by `otherLabel` (a single leftover category keeps its own name).',
        ),
      otherLabel: z.string().min(1).default('Other').describe('Name of the slice that groups the categories beyond `limit`.'),
      legend: z.boolean().default(true).describe('Show a legend listing each slice with its value.'),
      height: z.number().int().min(120).max(1600).default(300).describe('Chart height in pixels (a `single` page grows it to the viewport).'),
      title: z.string().optional().describe('Heading shown above the chart.'),
      description: z.string().optional().describe('A line of context under the title.'),
    })
    .strict(),
  columnsOf: { label: 'data', value: 'data' },
  drawing: summedDrawing(),
  visualization: true,
  example: {
    type: 'PieChart',
    props: { title: 'Interactions by channel', data: { $query: 'by_channel' }, label: 'channel', value: 'interactions', donut: true },
  },
});
