import { z } from 'zod';
import { column, defineComponent, numericColumn, rowsBinding } from '../../lib/spec/define';
import { cartesianProps } from '../shared/cartesian-props';
import { seriesDrawing } from '../shared/drawing';

export const definition = defineComponent({
  type: 'LineChart',
  group: 'data',
  description:
    'A trend: one line per column in `y` over `x`, usually a date or timestamp (drawn on a time axis with date ticks). Rows are sorted by a date or numeric `x`; long results are downsampled with LTTB to `maxPoints`, keeping peaks and dips.',
  props: z
    .object({
      data: rowsBinding('Rows to chart, as {"$query": "<name>"}: one row per point, e.g. one per day.'),
      x: column('Horizontal axis column: a date/timestamp (time axis), a number, or text (one point per row in query order).'),
      y: z
        .union([numericColumn('Numeric column to plot.'), z.array(numericColumn('Numeric column to plot.')).min(1)])
        .describe('Numeric column, or several: one line each. Postgres numeric strings are read as numbers; nulls leave a gap.'),
      curve: cartesianProps.curve(),
      dots: z.boolean().optional().describe('Mark each point with a dot. Default: only when there are 60 points or fewer.'),
      connectNulls: z.boolean().default(false).describe('Bridge null values with a straight segment instead of leaving a gap.'),
      includeZero: z
        .boolean()
        .default(false)
        .describe('Start the value axis at zero. Default: fit the axis to the data, so small changes stay visible.'),
      yFormat: cartesianProps.format('values'),
      xFormat: cartesianProps.format('x values'),
      currency: cartesianProps.currency(),
      colors: cartesianProps.colors(),
      labels: cartesianProps.labels(),
      legend: cartesianProps.legend(),
      maxPoints: cartesianProps.maxPoints(),
      height: cartesianProps.height(300),
      title: cartesianProps.title(),
      description: cartesianProps.description(),
    })
    .strict(),
  columnsOf: { x: 'data', y: 'data' },
  drawing: seriesDrawing(),
  visualization: true,
  example: {
    type: 'LineChart',
    props: {
      title: 'Daily interactions',
      data: { $query: 'daily' },
      x: 'day',
      y: ['inbound', 'outbound'],
    },
  },
});
