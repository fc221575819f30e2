import { z } from 'zod';
import { defineComponent } from '../../lib/spec/define';
import { spaceSchema } from '../spacer/spacing';

export const definition = defineComponent({
  type: 'Grid',
  group: 'layout',
  description:
    'Places its children in equal columns, filling row by row. On narrow screens the columns collapse (to two, then one) unless `responsive` is false; with `minColumnWidth` the column count adapts to the width instead.',
  props: z
    .object({
      columns: z.number().int().min(1).max(12).default(2).describe('Number of columns (1..12) on a wide screen.'),
      gap: spaceSchema('Space between cells: a step (none, xs, sm, md, lg, xl, 2xl) or pixels.').default('md'),
      minColumnWidth: z
        .number()
        .int()
        .min(40)
        .max(1200)
        .optional()
        .describe('Narrowest a column may get, in pixels. When set, the grid shows as many columns (up to `columns`) as fit.'),
      responsive: z
        .boolean()
        .default(true)
        .describe('Collapse to at most two columns below 720px of width and to one below 480px.'),
    })
    .strict(),
  children: {},
  example: {
    type: 'Grid',
    props: { columns: 3 },
    children: [
      { type: 'Stat', props: { label: 'Interactions', value: 98431, format: 'number' } },
      { type: 'Stat', props: { label: 'Resolution rate', value: 0.812, format: 'ratio' } },
      { type: 'Stat', props: { label: 'Average CSAT', value: 3.9, format: 'decimal' } },
    ],
  },
});
