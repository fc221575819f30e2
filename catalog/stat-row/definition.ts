import { z } from 'zod';
import { defineComponent } from '../../lib/spec/define';

export const definition = defineComponent({
  type: 'StatRow',
  group: 'content',
  description: 'A band of Stat components side by side in one panel, wrapping on narrow screens. Takes only Stat children.',
  props: z
    .object({
      title: z.string().optional().describe('A heading above the band.'),
      dividers: z.boolean().default(true).describe('Draw a thin line between the stats.'),
    })
    .strict(),
  children: { types: ['Stat'] },
  example: {
    type: 'StatRow',
    children: [
      { type: 'Stat', props: { label: 'Interactions', value: 98431, format: 'number' } },
      { type: 'Stat', props: { label: 'Average CSAT', value: 3.9, format: 'decimal', unit: '/ 5' } },
    ],
  },
});
