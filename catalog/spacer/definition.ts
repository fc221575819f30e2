import { z } from 'zod';
import { defineComponent } from '../../lib/spec/define';
import { spaceSchema } from './spacing';

export const definition = defineComponent({
  type: 'Spacer',
  group: 'layout',
  description: 'Empty space between components: vertical in a column, horizontal in a Row.',
  props: z
    .object({
      size: spaceSchema('How much space: a step (none, xs, sm, md, lg, xl, 2xl) or pixels.').default('md'),
    })
    .strict(),
  example: { type: 'Spacer', props: { size: 'lg' } },
});
