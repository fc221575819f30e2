import { z } from 'zod';
import { defineComponent } from '../../lib/spec/define';

export const definition = defineComponent({
  type: 'Custom',
  group: 'advanced',
  description:
    'A component the host application registers itself, named by `component`. Needs the pages:admin scope. Where the host has no renderer for it, a placeholder is shown; no code from the page is ever run.',
  props: z
    .object({
      component: z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9_.:-]{0,99}$/)
        .describe('The name the host registered the component under, such as "acme.RegionMap".'),
      props: z.record(z.string(), z.unknown()).default({}).describe('Props handed to the host component as they are (free-form JSON).'),
    })
    .strict(),
  requiresScope: 'pages:admin',
  example: { type: 'Custom', props: { component: 'acme.RegionMap', props: { region: 'emea' } } },
});
