import { z } from 'zod';
import { defineComponent } from '../../lib/spec/define';

export const definition = defineComponent({
  type: 'Heading',
  group: 'content',
  description: 'A heading (levels 1 to 4) that names what follows; screen readers use the level to build the outline.',
  props: z
    .object({
      text: z.string().min(1).describe('The heading text.'),
      level: z.number().int().min(1).max(4).default(2).describe('Heading level, 1 (page title) to 4 (smallest).'),
      subtitle: z.string().optional().describe('A muted line under the heading.'),
      align: z.enum(['left', 'center', 'right']).default('left').describe('Horizontal alignment.'),
    })
    .strict(),
  example: { type: 'Heading', props: { text: 'Pipeline health', level: 2 } },
});
