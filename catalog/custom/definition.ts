import { z } from 'zod';
import { defineComponent, rowsBinding } from '../../lib/spec/define';

export const definition = defineComponent({
  type: 'Custom',
  group: 'advanced',
  description:
    'The author’s own HTML and inline scripts, run in a sandboxed frame: no network, no cookies, no access to the page around it; its bound rows are handed to the script as `amdahl.rows`. Or a component the host application registers itself, named by `component` (a placeholder where the host has none). Needs the pages:admin scope.',
  props: z
    .object({
      html: z
        .string()
        .max(200_000)
        .optional()
        .describe('HTML with inline <script> and <style>, run in a sandboxed frame (see docs/custom-sandbox.md). Scripts read the bound rows as `amdahl.rows`; nothing loads from the network.'),
      data: rowsBinding('Rows handed to the script as `amdahl.rows`: {"$query": "<name>"}.').optional(),
      title: z.string().max(200).optional().describe('Names the frame for screen readers.'),
      height: z.number().int().min(20).max(4000).default(160).describe('The frame’s height in pixels until its content reports its own.'),
      component: z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9_.:-]{0,99}$/)
        .optional()
        .describe('The name the host registered a component under, such as "acme.RegionMap" (instead of `html`).'),
      props: z.record(z.string(), z.unknown()).default({}).describe('Props handed to the host component as they are (free-form JSON).'),
    })
    .strict(),
  requiresScope: 'pages:admin',
  example: {
    type: 'Custom',
    props: {
      title: 'Channels as tiles',
      data: { $query: 'by_channel' },
      html: '<div id="tiles"></div><script>document.getElementById("tiles").textContent = amdahl.rows.map(function (r) { return r.channel; }).join(" · ");</script>',
    },
  },
});
