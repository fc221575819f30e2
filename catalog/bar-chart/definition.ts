import { z } from 'zod';
import { column, defineComponent, numericColumn, rowsBinding } from '../../lib/spec/define';
import { cartesianProps } from '../shared/cartesian-props';
import { categoriesDrawing } from '../shared/drawing';

export const definition = defineComponent({
  type: 'BarChart',
  group: 'data',
  description:
    'Compare measures across categories: one bar per row of `data` at category `x`, one series per column in `y`. Sort by the first series and keep the top `limit` categories; the rest are left out with a note, or summed into one "Other" bar with `other: true`.',
  props: z
    .object({
      data: rowsBinding('Rows to chart, as {"$query": "<name>"}: one row per category.'),
      x: column('Category column: one bar (or group of bars) per row, labelled with its value. Date columns are labelled as dates.'),
      y: z
        .union([numericColumn('Numeric column to measure.'), z.array(numericColumn('Numeric column to measure.')).min(1)])
        .describe('Numeric column, or several: one series (bar colour) each. Postgres numeric strings are read as numbers; nulls draw no bar.'),
      stacked: z.boolean().default(false).describe('Stack the series on top of each other instead of side by side.'),
      horizontal: z.boolean().default(false).describe('Draw bars left to right with categories down the side (good for long labels).'),
      sort: z
        .enum(['none', 'asc', 'desc'])
        .default('none')
        .describe('Order categories by the first series: `none` keeps the query order, `desc` puts the largest first.'),
      limit: z
        .number()
        .int()
        .min(1)
        .max(500)
        .default(50)
        .describe('Most categories drawn (after sorting). Beyond it the rest are left out and a note says how many, or summed into one bar with `other`.'),
      other: z
        .boolean()
        .default(false)
        .describe('Sum the categories beyond `limit` into one last bar named `otherLabel`. Only meaningful for additive measures (counts, sums), not averages or rates.'),
      otherLabel: z.string().min(1).default('Other').describe('Name of the bar that sums the categories beyond `limit` when `other` is on.'),
      showValues: z.boolean().default(false).describe('Print each bar\'s value at its end.'),
      yFormat: cartesianProps.format('values'),
      xFormat: cartesianProps.format('categories'),
      currency: cartesianProps.currency(),
      colors: cartesianProps.colors(),
      labels: cartesianProps.labels(),
      legend: cartesianProps.legend(),
      height: cartesianProps.height(300),
      title: cartesianProps.title(),
      description: cartesianProps.description(),
    })
    .strict(),
  columnsOf: { x: 'data', y: 'data' },
  drawing: categoriesDrawing(),
  visualization: true,
  example: {
    type: 'BarChart',
    props: {
      title: 'Interactions by channel',
      data: { $query: 'by_channel' },
      x: 'channel',
      y: ['inbound', 'outbound'],
      stacked: true,
      sort: 'desc',
    },
  },
});
