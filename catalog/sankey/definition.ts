import { z } from 'zod';
import { BINDING_META_KEY, column, defineComponent, numericColumn, queryBindingSchema, rowsBinding, cssColor } from '../../lib/spec/define';
import { VALUE_FORMATS } from '../../lib/format/format-value';

const nodeItem = z.union([
  z.string().min(1).describe('A node name.'),
  z
    .object({
      name: z.string().min(1).describe('The node name, as it appears in the links\' source and target columns.'),
      color: z.string().min(1).optional().describe('A CSS colour for this node and the links leaving it.'),
    })
    .strict(),
]);

export const definition = defineComponent({
  type: 'Sankey',
  group: 'data',
  description:
    'Flow between stages: `links` rows name a source, a target and a value; nodes are the distinct names (or listed in `nodes` to fix their order and colours). Self-loops and links that would close a cycle are dropped with a notice.',
  props: z
    .object({
      links: rowsBinding('Flows, as {"$query": "<name>"}: one row per source -> target pair, with a positive value. Repeated pairs are summed.'),
      sourceField: column('Column of `links` naming the node a flow leaves.').default('source'),
      targetField: column('Column of `links` naming the node a flow enters.').default('target'),
      valueField: numericColumn('Numeric column of `links`: the size of the flow. Null, zero and negative values are left out.').default('value'),
      nodes: z
        .union([queryBindingSchema, z.array(nodeItem).max(500)])
        .meta({
          description:
            'Optional. Fixes the order and colours of nodes: {"$query": "<name>"} (rows with a `nodeField` column and optionally a `colorField` column) or a list of names or {"name", "color"} objects. Nodes the links use but the list lacks are added after it; listed nodes no link uses are left out. Omit to take the nodes from the links in order of appearance.',
          [BINDING_META_KEY]: 'rows',
        })
        .optional(),
      nodeField: column('Column of the `nodes` rows holding the node name.').default('name'),
      colorField: column('Column of the `nodes` rows holding a CSS colour for the node.').optional(),
      colors: z
        .array(cssColor())
        .min(1)
        .optional()
        .describe('Node colours in node order (any CSS colour), repeating; a colour given in `nodes` wins. Default: the theme series colours.'),
      linkColor: z
        .enum(['source', 'target', 'neutral'])
        .default('source')
        .describe('Tint each flow with the colour of its source node, its target node, or a neutral grey.'),
      valueFormat: z.enum(VALUE_FORMATS).default('number').describe('How flow and node values are shown in labels and the tooltip. percent: already in percent (42 -> 42%); ratio: a fraction of one (0.42 -> 42%).'),
      showValues: z.boolean().default(true).describe('Show each node\'s total next to its name.'),
      height: z.number().int().min(160).max(1600).default(360).describe('Chart height in pixels (a `single` page grows it to the viewport).'),
      title: z.string().optional().describe('Heading shown above the chart.'),
      description: z.string().optional().describe('A line of context under the title.'),
    })
    .strict(),
  columnsOf: { sourceField: 'links', targetField: 'links', valueField: 'links', nodeField: 'nodes', colorField: 'nodes' },
  visualization: true,
  example: {
    type: 'Sankey',
    props: { title: 'Channel to sentiment', links: { $query: 'flows' }, sourceField: 'channel', targetField: 'sentiment', valueField: 'interactions' },
  },
});
