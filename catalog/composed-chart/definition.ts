import { z } from 'zod';
import { column, defineComponent, numericColumn, rowsBinding } from '../../lib/spec/define';
import { cartesianProps } from '../shared/cartesian-props';
import { seriesDrawing } from '../shared/drawing';

const columns = (what: string) => z.array(numericColumn(`Numeric column drawn as ${what}.`)).optional();

export const definition = defineComponent({
  type: 'ComposedChart',
  group: 'data',
  description:
    'Bars, lines and areas over one shared `x`, for measures that belong together: volume as bars with a rate as a line on a `rightAxis`, say. Rows are sorted by a date or numeric `x`; more than `maxPoints` rows are downsampled with LTTB.',
  props: z
    .object({
      data: rowsBinding('Rows to chart, as {"$query": "<name>"}: one row per x value.'),
      x: column('Horizontal axis column, shared by every series: a date/timestamp (labelled as dates), a number, or text.'),
      bars: columns('bars').describe('Numeric columns drawn as bars, one series each.'),
      lines: columns('a line').describe('Numeric columns drawn as lines, one series each.'),
      areas: columns('a filled area').describe('Numeric columns drawn as filled areas, one series each.'),
      rightAxis: z
        .array(column('A column plotted against the right-hand axis.'))
        .optional()
        .describe('Columns plotted against a second value axis on the right (for a different unit or scale, e.g. a rate beside counts). A column listed here but in none of `bars`, `lines`, `areas` is drawn as a line.'),
      stacked: z.boolean().default(false).describe('Stack the bars on each other (and the areas on each other) instead of side by side.'),
      curve: cartesianProps.curve(),
      yFormat: cartesianProps.format('values on the left axis'),
      rightFormat: cartesianProps.format('values on the right axis'),
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
    .strict()
    .refine((p) => [p.bars, p.lines, p.areas, p.rightAxis].some((list) => list && list.length > 0), {
      message: 'Name at least one column in bars, lines, areas or rightAxis.',
      path: ['bars'],
    }),
  columnsOf: { x: 'data', bars: 'data', lines: 'data', areas: 'data', rightAxis: 'data' },
  drawing: seriesDrawing({ y: ['bars', 'lines', 'areas'] }),
  visualization: true,
  example: {
    type: 'ComposedChart',
    props: {
      title: 'Weekly volume and resolution rate',
      data: { $query: 'weekly' },
      x: 'week',
      bars: ['interactions'],
      lines: ['resolution_rate'],
      rightAxis: ['resolution_rate'],
      rightFormat: 'ratio',
    },
  },
});
