import { z } from 'zod';
import { column, defineComponent, numericColumn, rowsBinding } from '../../lib/spec/define';
import { VALUE_FORMATS } from '../../lib/format/format-value';

export const definition = defineComponent({
  type: 'SignalMap',
  group: 'data',
  description:
    'A heat map of signals: rows are the categories of `y`, columns those of `x`, and each cell is coloured by `value` (e.g. topic × channel by average sentiment or by volume). Sequential scales run low to high; diverging scales run from a centre (0 for sentiment from -1 to 1) towards two colours.',
  props: z
    .object({
      data: rowsBinding('Rows to chart, as {"$query": "<name>"}: one row per cell (x, y, value).'),
      x: column('Column category: one column of cells per distinct value, in the rows\' order.'),
      y: column('Row category: one row of cells per distinct value, in the rows\' order.'),
      value: numericColumn('Numeric column that colours the cell. Cells without a number show as empty.'),
      xOrder: z
        .enum(['rows', 'label', 'total'])
        .default('rows')
        .describe('Order of the columns: rows = as they first appear in the rows (the SQL\'s ORDER BY), label = by category (numbers and dates in order), total = largest sum of values first.'),
      yOrder: z
        .enum(['rows', 'label', 'total'])
        .default('rows')
        .describe('Order of the rows of cells: rows = as they first appear in the rows, label = by category, total = largest sum of values first.'),
      scale: z
        .enum(['sequential', 'diverging'])
        .default('sequential')
        .describe('sequential: one colour ramp from the lowest to the highest value (volumes, rates). diverging: two ramps away from `center` (sentiment).'),
      center: z.number().default(0).describe('The neutral value of a diverging scale, drawn in the `mid` colour.'),
      min: z.number().optional().describe('Value drawn in the `low` colour; lower values are clamped. Default: the lowest value (diverging: mirrored around `center`).'),
      max: z.number().optional().describe('Value drawn in the `high` colour; higher values are clamped. Default: the highest value (diverging: mirrored around `center`).'),
      aggregate: z
        .enum(['avg', 'sum', 'min', 'max'])
        .default('avg')
        .describe('How several rows for the same cell combine. Best done in the SQL (one row per cell); this is the fallback.'),
      valueFormat: z.enum(VALUE_FORMATS).default('number').describe('How cell values and the legend are shown. percent: already in percent (42 -> 42%); ratio: a fraction of one (0.42 -> 42%).'),
      xFormat: z.enum(VALUE_FORMATS).default('auto').describe('How the column categories are shown (e.g. date for week starts).'),
      yFormat: z.enum(VALUE_FORMATS).default('auto').describe('How the row categories are shown (e.g. date for week starts).'),
      colors: z
        .object({
          low: z.string().min(1).optional().describe('Colour of the low end (CSS colour).'),
          mid: z.string().min(1).optional().describe('Colour of the centre of a diverging scale, or the middle of a sequential one.'),
          high: z.string().min(1).optional().describe('Colour of the high end (CSS colour).'),
        })
        .strict()
        .optional()
        .describe('Scale colours. Defaults: sequential pale to accent blue; diverging red, light grey, green. Hex colours blend exactly; other CSS colours blend with color-mix().'),
      showValues: z.boolean().default(true).describe('Print each cell\'s value inside it.'),
      height: z.number().int().min(120).max(1600).default(320).describe('Height in pixels (a `single` page grows it to the viewport); large maps scroll.'),
      title: z.string().optional().describe('Heading shown above the map.'),
      description: z.string().optional().describe('A line of context under the title.'),
    })
    .strict(),
  columnsOf: { x: 'data', y: 'data', value: 'data' },
  visualization: true,
  example: {
    type: 'SignalMap',
    props: {
      title: 'Sentiment by topic and channel',
      data: { $query: 'topic_channel_sentiment' },
      x: 'channel',
      y: 'topic',
      value: 'avg_sentiment',
      scale: 'diverging',
      valueFormat: 'decimal',
    },
  },
});
