import { z } from 'zod';
import { column, defineComponent, numericColumn, rowsBinding } from '../../lib/spec/define';
import { cartesianProps } from '../shared/cartesian-props';
import { pointsDrawing } from '../shared/drawing';

export const definition = defineComponent({
  type: 'ScatterChart',
  group: 'data',
  description:
    'How two measures relate: one dot per row at (`x`, `y`), optionally sized by `size` and coloured by `group`. Past `maxPoints` rows (700 at most) the server sends a density-preserving sample, outliers and extremes kept, and the figure says so.',
  props: z
    .object({
      data: rowsBinding('Rows to chart, as {"$query": "<name>"}: one row per dot.'),
      x: column('Numeric (or date/timestamp) column for the horizontal position.'),
      y: numericColumn('Numeric column for the vertical position.'),
      size: numericColumn('Numeric column that sizes each dot (a bubble chart). Default: all dots the same size.').optional(),
      group: column('Column whose values become coloured series, with a legend (e.g. channel).').optional(),
      maxGroups: z
        .number()
        .int()
        .min(1)
        .max(20)
        .default(8)
        .describe('Most groups given their own colour, largest first; the rest share one series named "Other".'),
      maxPoints: z
        .number()
        .int()
        .min(100)
        .max(20_000)
        .default(5000)
        .describe('Most dots drawn (at most 700 are sent). Longer results are sampled deterministically, and a note says how many are shown.'),
      xFormat: cartesianProps.format('x values'),
      yFormat: cartesianProps.format('y values'),
      sizeFormat: cartesianProps.format('sizes (in the tooltip)'),
      currency: cartesianProps.currency(),
      includeZero: z.boolean().default(false).describe('Start both axes at zero. Default: fit the axes to the data.'),
      colors: cartesianProps.colors(),
      legend: cartesianProps.legend(),
      height: cartesianProps.height(320),
      title: cartesianProps.title(),
      description: cartesianProps.description(),
    })
    .strict(),
  columnsOf: { x: 'data', y: 'data', size: 'data', group: 'data' },
  drawing: pointsDrawing(),
  visualization: true,
  example: {
    type: 'ScatterChart',
    props: {
      title: 'Call length against satisfaction',
      data: { $query: 'calls' },
      x: 'duration_s',
      y: 'sentiment_score',
      group: 'channel',
      xFormat: 'duration',
    },
  },
});
