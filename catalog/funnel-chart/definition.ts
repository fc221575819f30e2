import { z } from 'zod';
import { column, defineComponent, numericColumn, rowsBinding, cssColor } from '../../lib/spec/define';
import { VALUE_FORMATS } from '../../lib/format/format-value';

export const definition = defineComponent({
  type: 'FunnelChart',
  group: 'data',
  description:
    'Conversion through ordered stages: one bar per row, in the rows\' order (sort them in the SQL), with the conversion from each stage to the next and overall.',
  props: z
    .object({
      data: rowsBinding('Rows to chart, as {"$query": "<name>"}: one row per stage, first stage first.'),
      label: column('Stage column: the name shown for each stage. Rows with the same stage are summed.'),
      value: numericColumn('Count column: how many reached the stage. Null or non-numeric values are left out (with a notice).'),
      valueFormat: z.enum(VALUE_FORMATS).default('number').describe('How stage values are shown. percent: already in percent (42 -> 42%); ratio: a fraction of one (0.42 -> 42%).'),
      colors: z
        .array(cssColor())
        .min(1)
        .optional()
        .describe('Bar colours by stage (any CSS colour), repeating. Default: one theme colour for every stage.'),
      showConversion: z.boolean().default(true).describe('Show the conversion from each stage to the next, and the overall conversion.'),
      height: z.number().int().min(120).max(1600).default(300).describe('Chart height in pixels (a `single` page grows it to the viewport).'),
      title: z.string().optional().describe('Heading shown above the chart.'),
      description: z.string().optional().describe('A line of context under the title.'),
    })
    .strict(),
  columnsOf: { label: 'data', value: 'data' },
  visualization: true,
  example: {
    type: 'FunnelChart',
    props: { title: 'Pipeline funnel', data: { $query: 'funnel' }, label: 'stage', value: 'deals' },
  },
});
