import { z } from 'zod';
import { defineComponent } from '../../lib/spec/define';

export const definition = defineComponent({
  type: 'Card',
  group: 'layout',
  description: 'A bordered panel with an optional title and description around its children. A tone adds a coloured edge.',
  props: z
    .object({
      title: z.string().optional().describe('Title shown at the top of the card.'),
      description: z.string().optional().describe('A short line under the title.'),
      padding: z.enum(['none', 'sm', 'md', 'lg']).default('md').describe('Inner spacing of the card.'),
      tone: z
        .enum(['neutral', 'positive', 'warning', 'negative', 'info'])
        .default('neutral')
        .describe('Colour of the card edge: neutral (none), positive, warning, negative or info.'),
    })
    .strict(),
  children: {},
  example: {
    type: 'Card',
    props: { title: 'Escalations', description: 'Unresolved negative interactions' },
    children: [{ type: 'Text', props: { text: 'Phone escalations doubled week over week.' } }],
  },
});
