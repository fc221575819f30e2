import { z } from 'zod';
import { column, defineComponent, numericColumn, rowsBinding } from '../../lib/spec/define';
import { cartesianProps } from '../shared/cartesian-props';
import { seriesDrawing } from '../shared/drawing';

export const definition = defineComponent({
  type: 'AreaChart',
  group: 'data',
  description:
    'Volume over time: one filled area per column in `y` over `x` (usually a date), side by side or `stacked` to show the total and its parts. Rows are sorted by a date or numeric `x`; long results are downsampled with LTTB to `maxPoints`.',
  props: z
    .object({
      data: rowsBinding('Rows to chart, as {"$query": "<name>"}: one row per point, e.g. one per day.'),
      x: column('Horizontal axis column: a date/timestamp (time axis), a number, or text (one point per row in query order).'),
      y: z
        .union([numericColumn('Numeric column to plot.'), z.array(numericColumn('Numeric column to plot.')).min(1)])
        .describe('Numeric column, or several: one area each. Postgres numeric strings are read as numbers; nulls leave a gap.'),
      stacked: z.boolean().default(false).describe('Stack the areas so the top edge is the total of all series.'),
      curve: cartesianProps.curve(),
      connectNulls: z.boolean().default(false).describe('Bridge null values instead of leaving a gap.'),
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
    type: 'AreaChart',
    props: {
      title: 'Daily interactions by sentiment',
      data: { $query: 'daily_sentiment' },
      x: 'day',
      y: ['positive', 'neutral', 'negative'],
      stacked: true,
    },
  },
});
