import { z } from 'zod';
import { defineComponent } from '../../lib/spec/define';
import { spaceSchema } from '../spacer/spacing';

export const definition = defineComponent({
  type: 'Row',
  group: 'layout',
  description:
    'Lays its children out side by side (a horizontal flex row). By default children share the width equally and wrap onto a new line when they no longer fit.',
  props: z
    .object({
      gap: spaceSchema('Space between the children: a step (none, xs, sm, md, lg, xl, 2xl) or pixels.').default('md'),
      wrap: z.boolean().default(true).describe('Wrap children onto a new line when they do not fit; when false they shrink instead.'),
      align: z
        .enum(['start', 'center', 'end', 'stretch', 'baseline'])
        .default('stretch')
        .describe('Vertical alignment of the children. `stretch` makes them equally tall.'),
      justify: z
        .enum(['start', 'center', 'end', 'between', 'around', 'evenly'])
        .default('start')
        .describe('Horizontal distribution of the children when they do not fill the row.'),
      grow: z
        .boolean()
        .default(true)
        .describe('Let children share the row width equally. Compact components (Badge, Spacer) keep their own size.'),
      minChildWidth: z
        .number()
        .int()
        .min(0)
        .max(1200)
        .optional()
        .describe('Narrowest a child may get, in pixels, before the row wraps (when `wrap` is true).'),
    })
    .strict(),
  children: {},
  example: {
    type: 'Row',
    props: { gap: 'md' },
    children: [
      { type: 'Stat', props: { label: 'Interactions', value: 98431, format: 'number' } },
      { type: 'Stat', props: { label: 'Resolution rate', value: 0.812, format: 'ratio' } },
    ],
  },
});
