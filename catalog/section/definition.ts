import { z } from 'zod';
import { defineComponent } from '../../lib/spec/define';
import { spaceSchema } from '../spacer/spacing';

export const definition = defineComponent({
  type: 'Section',
  group: 'layout',
  description:
    'A titled group of components stacked vertically, optionally collapsible. The usual root of a page; in a `document` layout it renders as a centred prose column.',
  props: z
    .object({
      title: z.string().optional().describe('Heading shown above the section.'),
      description: z.string().optional().describe('One or two sentences under the title saying what the section shows.'),
      collapsible: z.boolean().default(false).describe('Let the reader fold the section away by clicking its title.'),
      collapsed: z.boolean().default(false).describe('Start folded. Only applies when `collapsible` is true.'),
      gap: spaceSchema('Space between the children: a step (none, xs, sm, md, lg, xl, 2xl) or pixels.').default('md'),
    })
    .strict(),
  children: {},
  example: {
    type: 'Section',
    props: { title: 'Channel health', description: 'Volume and resolution across channels, last 180 days.' },
    children: [{ type: 'Text', props: { text: 'Email and chat carry most of the volume.' } }],
  },
});
