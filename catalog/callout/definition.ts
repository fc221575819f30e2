import { z } from 'zod';
import { defineComponent } from '../../lib/spec/define';

export const definition = defineComponent({
  type: 'Callout',
  group: 'content',
  description: 'A highlighted box that draws attention to a note, a success or a warning. Its message is its child nodes (Text, Markdown, List...).',
  props: z
    .object({
      title: z.string().optional().describe('A bold first line.'),
      tone: z
        .enum(['neutral', 'positive', 'warning', 'negative', 'info'])
        .default('neutral')
        .describe('neutral, positive or warning (also negative and info): sets the colour and the icon.'),
      icon: z.boolean().default(true).describe('Show the tone icon (ℹ, ✓, ⚠, ✕).'),
    })
    .strict(),
  children: {},
  example: {
    type: 'Callout',
    props: { title: 'Data is seeded', tone: 'warning' },
    children: [{ type: 'Text', props: { text: 'Figures come from the local demo data set, not from production.' } }],
  },
});
