import { z } from 'zod';
import { column, defineComponent, numericColumn, rowsBinding, cssColor } from '../../lib/spec/define';
import { VALUE_FORMATS } from '../../lib/format/format-value';

export const definition = defineComponent({
  type: 'Treemap',
  group: 'data',
  description:
    'Magnitude as area: one rectangle per category of `label`, sized by `value`, largest first. With `group`, rectangles are nested in one block per group (two levels), coloured by group.',
  props: z
    .object({
      data: rowsBinding('Rows to chart, as {"$query": "<name>"}: one row per rectangle.'),
      label: column('Category column: one rectangle per distinct value (within its group). Rows with the same category are summed.'),
      value: numericColumn('Numeric column that sizes the rectangles. Null, non-numeric, zero and negative values are left out (with a notice).'),
      group: column('Optional parent column: rectangles are nested in one block per group, coloured by group.').optional(),
      colors: z
        .array(cssColor())
        .min(1)
        .optional()
        .describe('Colours (any CSS colour) by group, or by rectangle without `group`; repeating. Default: the theme series colours.'),
      valueFormat: z.enum(VALUE_FORMATS).default('number').describe('How values are shown in labels, the legend and the tooltip. percent: already in percent (42 -> 42%); ratio: a fraction of one (0.42 -> 42%).'),
      height: z.number().int().min(120).max(1600).default(320).describe('Chart height in pixels (a `single` page grows it to the viewport).'),
      title: z.string().optional().describe('Heading shown above the chart.'),
      description: z.string().optional().describe('A line of context under the title.'),
    })
    .strict(),
  columnsOf: { label: 'data', value: 'data', group: 'data' },
  visualization: true,
  example: {
    type: 'Treemap',
    props: { title: 'Interactions by topic and channel', data: { $query: 'topic_channel' }, group: 'topic', label: 'channel', value: 'interactions' },
  },
});
