import { z } from 'zod';
import { column, defineComponent, numericColumn, rowsBinding, cssColor } from '../../lib/spec/define';
import { VALUE_FORMATS } from '../../lib/format/format-value';

export const definition = defineComponent({
  type: 'RadarChart',
  group: 'data',
  description:
    'A multi-axis profile: one spoke per category of `axis`, one polygon per `y` column (e.g. resolution rate and positive share by channel). Best with 3 to 12 spokes measured on one scale.',
  props: z
    .object({
      data: rowsBinding('Rows to chart, as {"$query": "<name>"}: one row per spoke.'),
      axis: column('Category column: one spoke per distinct value, in the rows\' order.'),
      y: z
        .union([numericColumn('A numeric column, drawn as one polygon.'), z.array(numericColumn('A numeric column, drawn as one polygon.')).min(1).max(8)])
        .describe('Numeric column, or a list of columns: one polygon each, sharing one radial scale.'),
      colors: z
        .array(cssColor())
        .min(1)
        .optional()
        .describe('Polygon colours in the order of `y` (any CSS colour). Default: the theme series colours.'),
      valueFormat: z.enum(VALUE_FORMATS).default('number').describe('How values are shown on the radial scale and in the tooltip. percent: already in percent (42 -> 42%); ratio: a fraction of one (0.42 -> 42%).'),
      filled: z.boolean().default(true).describe('Shade the inside of each polygon.'),
      height: z.number().int().min(160).max(1600).default(320).describe('Chart height in pixels (a `single` page grows it to the viewport).'),
      title: z.string().optional().describe('Heading shown above the chart.'),
      description: z.string().optional().describe('A line of context under the title.'),
    })
    .strict(),
  columnsOf: { axis: 'data', y: 'data' },
  visualization: true,
  example: {
    type: 'RadarChart',
    props: {
      title: 'Channel profile',
      data: { $query: 'channel_profile' },
      axis: 'channel',
      y: ['resolution_rate', 'positive_share'],
      valueFormat: 'ratio',
    },
  },
});
