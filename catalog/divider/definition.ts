import { z } from 'zod';
import { defineComponent } from '../../lib/spec/define';
import { spaceSchema } from '../spacer/spacing';

export const definition = defineComponent({
  type: 'Divider',
  group: 'layout',
  description: 'A horizontal rule separating content, with an optional label in the middle.',
  props: z
    .object({
      label: z.string().optional().describe('Text shown in the middle of the rule, such as "Details".'),
      spacing: spaceSchema('Space above and below the rule: a step (none, xs, sm, md, lg, xl, 2xl) or pixels.').default('sm'),
    })
    .strict(),
  example: { type: 'Divider', props: { label: 'Details' } },
});
